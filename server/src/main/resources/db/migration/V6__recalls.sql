-- Recalls (issue 5): why a release was recalled, who recalled it and when, and, for a signed
-- recall, the recall statement (base64 of its exact canonical bytes, served as signed), its
-- Ed25519 signature, the id of the registered key that verified it, and the release it lets
-- devices go back to. One row per recalled release: a new recall of the same release replaces it
-- (the audit log keeps every one), and activating the release again deletes it.

CREATE TABLE release_recalls (
  release_id         BIGINT        NOT NULL PRIMARY KEY REFERENCES releases (id),
  app_id             VARCHAR(63)   NOT NULL REFERENCES apps (id),
  reason             TEXT          NOT NULL,
  statement          TEXT,
  signature          VARCHAR(100),
  signing_key_id     CHAR(16),
  target_release_id  BIGINT        REFERENCES releases (id),
  recalled_by        VARCHAR(100)  NOT NULL,
  recalled_at        BIGINT        NOT NULL,
  CONSTRAINT release_recalls_signed_together
    CHECK ((statement IS NULL AND signature IS NULL AND signing_key_id IS NULL)
        OR (statement IS NOT NULL AND signature IS NOT NULL AND signing_key_id IS NOT NULL)),
  CONSTRAINT release_recalls_target_signed CHECK (target_release_id IS NULL OR statement IS NOT NULL)
);
