-- scimbus PostgreSQL schema, version 3: change rows numbered without making a tenant's writers
-- wait for each other.
--
-- Until V2 every write bumped its tenant's tenant_seq row and held that row lock until COMMIT,
-- so one tenant's writes committed strictly one after the other (about 1 / commit latency per
-- second). Now a write appends its change row through scimbus_append in its own transaction:
--
--   * it tries the tenant's numbering lock (a transaction-level advisory lock, never waited for);
--     holding it, it first numbers every committed row still unnumbered (in id order), then its
--     own rows, and commits as before: the lock is released only after the commit is visible, so
--     numbering transactions are serialized and sequence order stays commit order, gap-free;
--   * when another transaction holds the lock, the write does not wait: it commits its change row
--     with seq NULL ("pending", invisible to readers, who only read numbered rows), and the
--     provider then runs scimbus_number, which waits for the lock and numbers every pending row
--     of the tenant in one transaction, whoever wrote it.
--
-- Each statement of a VOLATILE function takes a fresh snapshot, so once the lock is held every
-- numbering committed before is visible: numbers continue at tenant_seq.last_seq and never repeat.
-- Two writes of one resource are numbered in order: the later one waited on the earlier's row
-- lock, so the earlier's change row was committed (numbered or pending, with a smaller id) before
-- the later one's numbering snapshot. A reader resuming after N still never misses a change that
-- commits later with a number <= N: numbers are handed out only under the lock, at the end of
-- the transaction that commits them.

ALTER TABLE changes DROP CONSTRAINT changes_pkey;
ALTER TABLE changes ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE changes ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE changes ADD CONSTRAINT changes_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX changes_seq ON changes (tenant, seq);
CREATE INDEX changes_pending ON changes (tenant, id) WHERE seq IS NULL;

-- Numbers the tenant's committed pending rows after tenant_seq.last_seq; the caller holds the
-- tenant's numbering lock and writes the new last_seq. Returns the last number given.
CREATE FUNCTION scimbus_number_pending(p_tenant text) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_last bigint;
  v_numbered bigint;
BEGIN
  SELECT t.last_seq INTO v_last FROM "${flyway:defaultSchema}".tenant_seq t WHERE t.tenant = p_tenant;
  IF NOT FOUND THEN
    INSERT INTO "${flyway:defaultSchema}".tenant_seq (tenant, last_seq) VALUES (p_tenant, 0);
    v_last := 0;
  END IF;
  WITH pending AS (
    SELECT c.id, row_number() OVER (ORDER BY c.id) AS n
    FROM "${flyway:defaultSchema}".changes c WHERE c.tenant = p_tenant AND c.seq IS NULL
  ), numbered AS (
    UPDATE "${flyway:defaultSchema}".changes c SET seq = v_last + p.n, committed_at = clock_timestamp()
    FROM pending p WHERE c.id = p.id RETURNING 1
  )
  SELECT count(*) INTO v_numbered FROM numbered;
  RETURN v_last + v_numbered;
END
$$;

-- Appends a write's change rows (one per element of the arrays; p_events a JSON array) and
-- returns them with their number, or with o_seq NULL when they are left pending. p_written is
-- the count of rows the calling statement wrote first: passing it makes the call wait for them.
CREATE FUNCTION scimbus_append(p_tenant text, p_types text[], p_ids text[], p_operations text[],
    p_versions int8[], p_events jsonb, p_written bigint)
RETURNS TABLE (o_id bigint, o_resource text, o_seq bigint, o_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_last bigint;  -- stays NULL when another transaction holds the lock: the rows are left pending
BEGIN
  IF pg_try_advisory_xact_lock(1935894893, hashtext(p_tenant)) THEN
    v_last := "${flyway:defaultSchema}".scimbus_number_pending(p_tenant);
    UPDATE "${flyway:defaultSchema}".tenant_seq SET last_seq = v_last + cardinality(p_ids) WHERE tenant = p_tenant;
  END IF;
  RETURN QUERY
  WITH added AS (
    INSERT INTO "${flyway:defaultSchema}".changes AS c
      (tenant, seq, committed_at, type, resource_id, operation, version, event)
    SELECT p_tenant, v_last + i.n, clock_timestamp(), i.type, i.rid, i.op, i.ver, p_events -> (i.n::int - 1)
    FROM unnest(p_types, p_ids, p_operations, p_versions) WITH ORDINALITY AS i(type, rid, op, ver, n)
    ORDER BY i.n
    RETURNING c.id, c.resource_id, c.seq, c.committed_at
  ) SELECT * FROM added;
END
$$;

-- Numbers every pending row of the tenant, waiting for its numbering lock, and returns the
-- numbers of the change rows p_ids (committed before the call, so numbered now or earlier).
CREATE FUNCTION scimbus_number(p_tenant text, p_ids bigint[])
RETURNS TABLE (o_id bigint, o_seq bigint, o_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_last bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(1935894893, hashtext(p_tenant));
  v_last := "${flyway:defaultSchema}".scimbus_number_pending(p_tenant);
  UPDATE "${flyway:defaultSchema}".tenant_seq SET last_seq = v_last WHERE tenant = p_tenant AND last_seq <> v_last;
  RETURN QUERY SELECT c.id, c.seq, c.committed_at FROM "${flyway:defaultSchema}".changes c WHERE c.id = ANY (p_ids);
END
$$;
