-- Serves `userName eq "x"` (and eq on any unique attribute) from unique_keys without knowing the
-- tenant up front: the filter translator looks a value up by attribute and value, then joins
-- back on (tenant, type, id).
CREATE INDEX unique_keys_lookup ON unique_keys (attribute, value);
