-- The change log as an ordinary rowid table: a WITHOUT ROWID table keeps whole rows in its
-- primary-key B-tree, and rows of ~1.5 KB (a full event) spill into overflow pages there,
-- tripling the bytes on disk per change. (tenant, seq) stays unique through an index.
CREATE TABLE changes_v3 (
  tenant       TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  committed_at TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  resource_id  TEXT    NOT NULL,
  operation    TEXT    NOT NULL,
  version      INTEGER NOT NULL,
  event        TEXT    NOT NULL
);
INSERT INTO changes_v3 (tenant, seq, committed_at, type, resource_id, operation, version, event)
  SELECT tenant, seq, committed_at, type, resource_id, operation, version, event FROM changes;
DROP TABLE changes;
ALTER TABLE changes_v3 RENAME TO changes;
CREATE UNIQUE INDEX changes_by_seq ON changes (tenant, seq);
