-- scimbus SQLite schema, version 1. Every table is keyed by tenant first: no query can reach
-- another tenant's rows without naming it.

-- One row per resource. `type` compares case-insensitively like SCIM resource type names.
-- `seq` is the insertion rank inside (tenant, type): the default list order, kept across replaces.
CREATE TABLE resources (
  tenant        TEXT    NOT NULL,
  type          TEXT    NOT NULL COLLATE NOCASE,
  id            TEXT    NOT NULL,
  version       INTEGER NOT NULL,
  created       TEXT,
  last_modified TEXT,
  seq           INTEGER NOT NULL,
  data          TEXT    NOT NULL CHECK (json_valid(data)),
  PRIMARY KEY (tenant, type, id)
);
CREATE INDEX resources_by_seq ON resources (tenant, type, seq);

-- Values that must be unique per tenant and type (already normalized by ResourceService, e.g.
-- userName lower-cased). The UNIQUE index makes uniqueness atomic with the write.
CREATE TABLE unique_keys (
  tenant      TEXT NOT NULL,
  type        TEXT NOT NULL COLLATE NOCASE,
  attribute   TEXT NOT NULL,
  value       TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  FOREIGN KEY (tenant, type, resource_id) REFERENCES resources (tenant, type, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX unique_keys_value ON unique_keys (tenant, type, attribute, value);
CREATE INDEX unique_keys_owner ON unique_keys (tenant, type, resource_id);

-- The per-tenant change sequence, bumped in the same transaction as the write it numbers.
CREATE TABLE tenant_seq (
  tenant   TEXT    NOT NULL PRIMARY KEY,
  last_seq INTEGER NOT NULL
);

-- The change log: exactly one row per committed write, in sequence order per tenant.
CREATE TABLE changes (
  tenant       TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  committed_at TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  resource_id  TEXT    NOT NULL,
  operation    TEXT    NOT NULL,
  version      INTEGER NOT NULL,
  event        TEXT    NOT NULL,
  PRIMARY KEY (tenant, seq)
) WITHOUT ROWID;
