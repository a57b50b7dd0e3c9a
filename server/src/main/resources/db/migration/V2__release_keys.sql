-- Release keys (issue 3): the Ed25519 public keys that may sign an app's release statements, and
-- whether the app refuses unsigned releases. Only public keys are stored; the private keys stay
-- with the publisher. A key is never deleted, only marked removed, so that the statements of old
-- releases stay attributable to the key that signed them.

ALTER TABLE apps ADD COLUMN require_signatures BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE app_release_keys (
  id          ${identity_column},
  app_id      VARCHAR(63)  NOT NULL REFERENCES apps (id),
  key_id      CHAR(16)     NOT NULL,
  public_key  VARCHAR(64)  NOT NULL,
  label       VARCHAR(100),
  added_at    BIGINT       NOT NULL,
  removed_at  BIGINT,
  CONSTRAINT app_release_keys_key_unique UNIQUE (app_id, public_key),
  CONSTRAINT app_release_keys_id_unique UNIQUE (app_id, key_id)
);
