-- scimbus PostgreSQL schema, version 1. Flyway applies it to the configured schema (shared
-- tenancy) or to each tenant's schema on first use (schema tenancy); names stay unqualified so the
-- same script serves both. Both modes keep the tenant column so every statement is the same.

-- Resources as SCIM JSON. seq is the creation order, the default order of a list; replaces keep it.
CREATE TABLE resources (
  tenant        text        NOT NULL,
  type          text        NOT NULL,
  id            text        NOT NULL,
  version       bigint      NOT NULL,
  created       timestamptz NOT NULL,
  last_modified timestamptz NOT NULL,
  seq           bigserial   NOT NULL,
  data          jsonb       NOT NULL,
  PRIMARY KEY (tenant, type, id)
);

-- Default-order listing and keyset paging over creation order.
CREATE INDEX resources_order ON resources (tenant, type, seq);
-- The filters identity providers send all the time: userName eq, externalId eq, displayName eq.
CREATE INDEX resources_user_name ON resources (tenant, type, lower(data ->> 'userName'));
CREATE INDEX resources_external_id ON resources (tenant, type, (data ->> 'externalId'));
CREATE INDEX resources_display_name ON resources (tenant, type, lower(data ->> 'displayName'));
-- Containment (data @> '{"members":[{"value":"..."}]}', '{"active":true}') for everything else.
CREATE INDEX resources_data ON resources USING gin (data jsonb_path_ops);

-- Unique values (already normalized by ResourceService, e.g. userName lower-cased). The UNIQUE
-- constraint makes uniqueness atomic with the write: a concurrent duplicate fails with 23505.
CREATE TABLE unique_keys (
  tenant      text NOT NULL,
  type        text NOT NULL,
  attribute   text NOT NULL,
  value       text NOT NULL,
  resource_id text NOT NULL,
  CONSTRAINT unique_keys_value UNIQUE (tenant, type, attribute, value)
);
CREATE INDEX unique_keys_owner ON unique_keys (tenant, type, resource_id);

-- The per-tenant change sequence. A writer bumps its tenant's row as the last statement before
-- COMMIT; the row lock makes the next writer of the tenant wait until that commit, so sequence
-- order is commit order and a reader resuming "after N" can never miss a later commit below N.
CREATE TABLE tenant_seq (
  tenant   text   PRIMARY KEY,
  last_seq bigint NOT NULL
);

-- The change log: one row per committed write, in the same transaction.
CREATE TABLE changes (
  tenant       text        NOT NULL,
  seq          bigint      NOT NULL,
  committed_at timestamptz NOT NULL,
  type         text        NOT NULL,
  resource_id  text        NOT NULL,
  operation    text        NOT NULL,
  version      bigint      NOT NULL,
  event        jsonb       NOT NULL,
  PRIMARY KEY (tenant, seq)
);

-- xsd:dateTime text as an instant, NULL when it is not one (bad stored data must not fail a
-- query). No offset means UTC, as in the kernel's evaluator; never depends on the session zone.
CREATE FUNCTION scimbus_instant(s text) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  IF s !~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)?$' THEN
    RETURN NULL;
  END IF;
  IF s ~ '(Z|[+-]\d{2}:\d{2}(:\d{2})?)$' THEN
    RETURN s::timestamptz;
  END IF;
  RETURN s::timestamp AT TIME ZONE 'UTC';
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;

-- meta.lastModified gt "..." is how provisioning clients poll for changes.
CREATE INDEX resources_last_modified ON resources (tenant, type, scimbus_instant(data -> 'meta' ->> 'lastModified'));
