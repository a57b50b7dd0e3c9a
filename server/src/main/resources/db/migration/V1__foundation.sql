-- Petrel's foundation schema. Runs unchanged on SQLite and PostgreSQL; the one difference
-- (identity columns) comes from the ${identity_column} and ${event_id_column} placeholders. Times are epoch milliseconds.

CREATE TABLE apps (
  id          VARCHAR(63)  NOT NULL PRIMARY KEY,
  name        VARCHAR(200) NOT NULL,
  created_at  BIGINT       NOT NULL
);

CREATE TABLE releases (
  id                     ${identity_column},
  app_id                 VARCHAR(63)  NOT NULL REFERENCES apps (id),
  platform               VARCHAR(32)  NOT NULL,
  channel                VARCHAR(32)  NOT NULL DEFAULT 'stable',
  version                VARCHAR(64)  NOT NULL,
  version_code           BIGINT       NOT NULL,
  min_supported_version  VARCHAR(64),
  sha256                 CHAR(64),
  file_size              BIGINT,
  file_name              VARCHAR(200),
  external_url           VARCHAR(2000),
  release_notes          TEXT         NOT NULL DEFAULT '',
  mandatory              BOOLEAN      NOT NULL DEFAULT FALSE,
  active                 BOOLEAN      NOT NULL DEFAULT TRUE,
  rollout_basis_points   INTEGER      NOT NULL DEFAULT 10000,
  created_at             BIGINT       NOT NULL,
  published_at           BIGINT       NOT NULL,
  CONSTRAINT releases_version_unique UNIQUE (app_id, platform, version),
  CONSTRAINT releases_version_code_unique UNIQUE (app_id, platform, version_code),
  CONSTRAINT releases_version_code_positive CHECK (version_code > 0),
  CONSTRAINT releases_rollout_range CHECK (rollout_basis_points BETWEEN 0 AND 10000),
  CONSTRAINT releases_hosted_or_external
    CHECK (external_url IS NOT NULL OR (sha256 IS NOT NULL AND file_size IS NOT NULL))
);

CREATE INDEX releases_by_app_platform ON releases (app_id, platform, version_code);

-- Bumped in every transaction that changes what the check path serves, so that other nodes
-- notice the change and reload their catalogue.
CREATE TABLE catalogue_revision (
  id        INTEGER NOT NULL PRIMARY KEY,
  revision  BIGINT  NOT NULL
);
INSERT INTO catalogue_revision (id, revision) VALUES (1, 0);

CREATE TABLE api_tokens (
  id          ${identity_column},
  name        VARCHAR(100) NOT NULL,
  role        VARCHAR(16)  NOT NULL,
  token_hash  CHAR(64)     NOT NULL,
  created_at  BIGINT       NOT NULL,
  revoked_at  BIGINT,
  CONSTRAINT api_tokens_hash_unique UNIQUE (token_hash),
  CONSTRAINT api_tokens_role_known CHECK (role IN ('admin', 'publisher', 'viewer'))
);

CREATE TABLE audit_log (
  id          ${identity_column},
  at          BIGINT        NOT NULL,
  actor       VARCHAR(100)  NOT NULL,
  action      VARCHAR(64)   NOT NULL,
  app_id      VARCHAR(63),
  target      VARCHAR(200),
  detail      TEXT
);

CREATE INDEX audit_log_by_time ON audit_log (at);

-- One row per answered check (the seed's update_checks), written in batches off the hot path.
-- Append-only and written tens of thousands of times a second: no secondary index (ids grow with
-- checked_at, so a time range is an id range), and a plain row id on SQLite.
CREATE TABLE update_checks (
  id                    ${event_id_column},
  app_id                VARCHAR(63)  NOT NULL,
  platform              VARCHAR(32)  NOT NULL,
  channel               VARCHAR(32)  NOT NULL,
  device_id             VARCHAR(128),
  current_version       VARCHAR(64)  NOT NULL,
  current_version_code  BIGINT,
  offered_release_id    BIGINT,
  offered_version       VARCHAR(64),
  checked_at            BIGINT       NOT NULL
);

INSERT INTO apps (id, name, created_at) VALUES ('default', 'Default app', 0);
