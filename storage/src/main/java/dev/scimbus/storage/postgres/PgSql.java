package dev.scimbus.storage.postgres;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every fixed statement of the backend, for the tables of one schema (the shared schema, or one
 * tenant's). All values are bind parameters; only the quoted schema name is spliced in.
 */
final class PgSql {
  final String schema;
  final String get;
  final String getWithGroups;
  final String insertResource;
  final String updateResource;
  final String deleteResource;
  final String currentVersion;
  final String rekey;
  final String deleteKeys;
  final String appendChange;
  final String create;
  final String createMany;
  final String number;
  final String pendingTenants;
  final String takenKey;
  final String changesAfter;
  final String oldestSequence;
  final String pruneChanges;
  final String tenantsWithChanges;
  final String unanalyzedTables;
  /** Creates through this process, counted until the statistics check ({@link PostgresStorageProvider}). */
  final AtomicInteger inserts = new AtomicInteger();

  PgSql(String quotedSchema) {
    String s = quotedSchema;
    this.schema = s;
    get = "SELECT version, created, last_modified, data FROM " + s + ".resources"
        + " WHERE tenant = $1 AND type = $2 AND id = $3";
    // A user and the groups listing it ($4: the group type) in one statement: the sub-select is
    // the translation of members.value eq $3 (PgFilter), served by resources_member_values.
    getWithGroups = "SELECT r.version, r.created, r.last_modified, r.data,"
        + " (SELECT coalesce(jsonb_agg(jsonb_build_array(g.id, g.data -> 'displayName') ORDER BY g.seq), '[]'::jsonb)"
        + " FROM " + s + ".resources g WHERE g.tenant = $1 AND g.type = $4 AND g.data ? 'members'"
        + " AND " + s + ".scimbus_member_values(g.data) @> ARRAY[lower($3)]) AS groups"
        + " FROM " + s + ".resources r WHERE r.tenant = $1 AND r.type = $2 AND r.id = $3";
    insertResource = "INSERT INTO " + s + ".resources (tenant, type, id, version, created, last_modified, data)"
        + " VALUES ($1, $2, $3, $4, $5, $6, $7)";
    updateResource = "UPDATE " + s + ".resources SET version = $4, created = $5, last_modified = $6, data = $7"
        + " WHERE tenant = $1 AND type = $2 AND id = $3 AND version = $8";
    deleteResource = "DELETE FROM " + s + ".resources WHERE tenant = $1 AND type = $2 AND id = $3 AND version = $4";
    currentVersion = "SELECT version FROM " + s + ".resources WHERE tenant = $1 AND type = $2 AND id = $3";
    // A replace's unique keys ($4 attributes, $5 values): values the resource no longer has are
    // deleted, new ones inserted, unchanged ones not touched (no write, no index churn for the
    // common PATCH that leaves userName alone). A value another resource holds fails with 23505.
    rekey = "WITH gone AS (DELETE FROM " + s + ".unique_keys WHERE tenant = $1 AND type = $2 AND resource_id = $3"
        + " AND (attribute, value) NOT IN (SELECT * FROM unnest($4::text[], $5::text[])))"
        + " INSERT INTO " + s + ".unique_keys (tenant, type, attribute, value, resource_id)"
        + " SELECT $1, $2, u.a, u.v, $3 FROM unnest($4::text[], $5::text[]) AS u(a, v)"
        + " WHERE NOT EXISTS (SELECT 1 FROM " + s + ".unique_keys x WHERE x.tenant = $1 AND x.type = $2"
        + " AND x.attribute = u.a AND x.value = u.v AND x.resource_id = $3)";
    deleteKeys = "DELETE FROM " + s + ".unique_keys WHERE tenant = $1 AND type = $2 AND resource_id = $3";
    // A write's change row, appended last in its transaction (V3__change_numbering.sql): numbered
    // at once when the tenant's numbering lock is free, else left pending (o_seq NULL) for number.
    appendChange = "SELECT o_id, o_seq, o_at FROM " + s + ".scimbus_append($1, ARRAY[$2::text], ARRAY[$3::text],"
        + " ARRAY[$4::text], ARRAY[$5::int8], jsonb_build_array($6::jsonb), 0)";
    // A create in one statement and so one round trip, committed on its own (autocommit): the
    // resource, its unique keys ($8 attributes, $9 values) and its change row. The change row is
    // appended from a lateral call that takes the counts of r and k as an argument, so r and k run
    // to completion first (a data-modifying CTE that nothing reads would only run after the main
    // statement): a unique or primary-key violation fails the statement before anything is
    // numbered, and the numbering lock is held from the end of the statement through COMMIT only.
    create = "WITH r AS (INSERT INTO " + s + ".resources (tenant, type, id, version, created, last_modified, data)"
        + " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING 1),"
        + " k AS (INSERT INTO " + s + ".unique_keys (tenant, type, attribute, value, resource_id)"
        + " SELECT $1, $2, u.a, u.v, $3 FROM unnest($8::text[], $9::text[]) AS u(a, v) RETURNING 1)"
        + " SELECT a.o_id, a.o_seq, a.o_at FROM (SELECT count(*) AS n FROM r) AS wr"
        + " CROSS JOIN (SELECT count(*) AS n FROM k) AS wk"
        + " CROSS JOIN LATERAL " + s + ".scimbus_append($1, ARRAY[$2::text], ARRAY[$3::text], ARRAY[$10::text],"
        + " ARRAY[$11::int8], jsonb_build_array($12::jsonb), wr.n + wk.n) AS a";
    // Several creates of one tenant in one statement (CreateBatches): the same CTEs over arrays,
    // one row per create ($2..$6 and $11..$12 per create, $7 and $13 JSON arrays of the documents
    // and events, $8..$10 the unique keys with the 1-based number of their create). The change
    // rows are appended in the batch's order, numbered together or left pending together.
    createMany = "WITH input AS (SELECT i.n, i.type, i.id, i.version, i.created, i.last_modified,"
        + " $7::jsonb -> (i.n::int - 1) AS data"
        + " FROM unnest($2::text[], $3::text[], $4::int8[], $5::timestamptz[], $6::timestamptz[])"
        + " WITH ORDINALITY AS i(type, id, version, created, last_modified, n)),"
        + " r AS (INSERT INTO " + s + ".resources (tenant, type, id, version, created, last_modified, data)"
        + " SELECT $1, type, id, version, created, last_modified, data FROM input ORDER BY n RETURNING 1),"
        + " k AS (INSERT INTO " + s + ".unique_keys (tenant, type, attribute, value, resource_id)"
        + " SELECT $1, input.type, u.a, u.v, input.id FROM unnest($8::int4[], $9::text[], $10::text[]) AS u(n, a, v)"
        + " JOIN input ON input.n = u.n RETURNING 1)"
        + " SELECT a.o_id, a.o_resource, a.o_seq, a.o_at FROM (SELECT count(*) AS n FROM r) AS wr"
        + " CROSS JOIN (SELECT count(*) AS n FROM k) AS wk"
        + " CROSS JOIN LATERAL " + s + ".scimbus_append($1, $2::text[], $3::text[], $11::text[], $12::int8[],"
        + " $13::jsonb, wr.n + wk.n) AS a";
    // Numbers the tenant's pending change rows (waiting for its numbering lock) and answers for $2.
    number = "SELECT o_id, o_seq, o_at FROM " + s + ".scimbus_number($1, $2::int8[])";
    pendingTenants = "SELECT DISTINCT tenant FROM " + s + ".changes WHERE seq IS NULL";
    // Which of a failed write's unique values another resource ($5: not this one) holds ($3
    // attributes, $4 values).
    takenKey = "SELECT attribute FROM " + s + ".unique_keys WHERE tenant = $1 AND type = $2 AND resource_id <> $5"
        + " AND (attribute, value) IN (SELECT * FROM unnest($3::text[], $4::text[])) LIMIT 1";
    changesAfter = "SELECT seq, committed_at, type, resource_id, operation, version, event FROM " + s + ".changes"
        + " WHERE tenant = $1 AND seq > $2 ORDER BY seq LIMIT $3";
    // After retention emptied the log, the next sequence is the oldest a reader can still get.
    oldestSequence = "SELECT coalesce((SELECT min(seq) FROM " + s + ".changes WHERE tenant = $1),"
        + " (SELECT last_seq + 1 FROM " + s + ".tenant_seq WHERE tenant = $1), 0)";
    // A prefix in sequence order: before the first row young enough ($2), and beyond the newest $3.
    pruneChanges = "DELETE FROM " + s + ".changes WHERE tenant = $1 AND seq < GREATEST("
        + "coalesce((SELECT seq FROM " + s + ".changes WHERE tenant = $1 AND committed_at >= $2 ORDER BY seq LIMIT 1),"
        + " (SELECT max(seq) + 1 FROM " + s + ".changes WHERE tenant = $1)),"
        + " (SELECT max(seq) FROM " + s + ".changes WHERE tenant = $1) - $3 + 1)";
    tenantsWithChanges = "SELECT tenant FROM " + s + ".tenant_seq t"
        + " WHERE EXISTS (SELECT 1 FROM " + s + ".changes c WHERE c.tenant = t.tenant)";
    // Tables the planner has no statistics for: never analyzed nor vacuumed (reltuples -1 since
    // PostgreSQL 14, 0 before).
    unanalyzedTables = "SELECT c.relname FROM pg_class c WHERE c.relnamespace = $1::regnamespace"
        + " AND c.relname IN ('resources', 'unique_keys', 'changes') AND c.reltuples <= 0";
  }

  /** SELECT of the resources of a type matching {@code where}, ordered and windowed. */
  String query(String where, String orderBy, String limit, String offset) {
    return "SELECT id, seq, version, created, last_modified, data FROM " + schema + ".resources"
        + " WHERE tenant = $1 AND type = $2" + (where == null ? "" : " AND " + where)
        + " ORDER BY " + (orderBy == null ? "seq" : orderBy)
        + (limit == null ? "" : " LIMIT " + limit) + (offset == null ? "" : " OFFSET " + offset);
  }

  String count(String where) {
    return "SELECT count(*) FROM " + schema + ".resources WHERE tenant = $1 AND type = $2"
        + (where == null ? "" : " AND " + where);
  }
}
