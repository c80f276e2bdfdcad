-- Serves `userName eq "x"` (and eq on any unique attribute) from unique_keys without knowing the
-- tenant up front: the filter translator looks a value up by attribute and value, then joins
-- back on (tenant, type, id).
CREATE INDEX unique_keys_lookup ON unique_keys (attribute, value);

-- The creation rank is unique per tenant and type (the single writer assigns max + 1), so the
-- default order and its keyset can use seq alone and stream from this index.
DROP INDEX resources_by_seq;
CREATE UNIQUE INDEX resources_by_seq ON resources (tenant, type, seq);
