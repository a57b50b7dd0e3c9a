-- Signed releases (issue 3): the release statement a publisher signed, its Ed25519 signature and
-- the id of the registered key that verified it at publish time. All three are null for unsigned
-- releases. The statement is kept as base64 of its exact canonical bytes, so it is served byte for
-- byte as it was signed and never re-encoded.

ALTER TABLE releases ADD COLUMN statement TEXT;
ALTER TABLE releases ADD COLUMN signature VARCHAR(100);
ALTER TABLE releases ADD COLUMN signing_key_id CHAR(16);
