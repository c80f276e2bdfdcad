-- scimbus PostgreSQL schema, version 2: an index for "which groups list this member".
--
-- Every GET of a user derives User.groups from the filter members.value eq "<id>", and deleting
-- a user looks its groups up the same way. members.value is not caseExact, so the GIN index on
-- data (exact containment) cannot answer it, and without an index the lookup reads every group
-- of the tenant and every member of each. This function gives the lower-cased member values of a
-- resource (NULL when it has no members array); the filter translator writes
-- members.value eq "x" as  data ? 'members' AND scimbus_member_values(data) @> ARRAY[lower('x')],
-- which this partial GIN index serves. Resources without members (users) are not in the index,
-- so creating a user costs nothing more.
CREATE FUNCTION scimbus_member_values(d jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_agg(lower(e ->> 'value'))
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(d -> 'members') = 'array' THEN d -> 'members' END) AS e
$$;

CREATE INDEX resources_member_values ON resources USING gin (scimbus_member_values(data)) WHERE data ? 'members';
