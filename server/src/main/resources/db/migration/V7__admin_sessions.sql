-- Admin panel sessions (issue 6). A browser signs in with an API token and gets a random session
-- token in an HttpOnly cookie; only its SHA-256 hash is stored here, so every node behind a load
-- balancer sees the same sessions. A session acts with the role of the token it was opened with
-- and ends when that token is revoked, after an idle period, or at its absolute expiry.

CREATE TABLE admin_sessions (
  id            ${identity_column},
  session_hash  CHAR(64)  NOT NULL,
  token_id      BIGINT    NOT NULL REFERENCES api_tokens (id),
  created_at    BIGINT    NOT NULL,
  last_seen_at  BIGINT    NOT NULL,
  expires_at    BIGINT    NOT NULL,
  CONSTRAINT admin_sessions_hash_unique UNIQUE (session_hash)
);

CREATE INDEX admin_sessions_by_expiry ON admin_sessions (expires_at);
