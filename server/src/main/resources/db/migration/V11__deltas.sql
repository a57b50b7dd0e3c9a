-- Delta patches (docs/deltas.md): one row per (release, earlier release) pair that a patch is or
-- was made for. A row is queued as 'pending' when a release is published (or on request), claimed
-- by one node's worker at a time ('running' until claimed_until), and ends 'ready' (the patch is
-- stored under patch_sha256 and offered), 'failed' (generation or verification failed) or
-- 'discarded' (the patch saved too little). Only 'ready' rows are ever offered to devices.
CREATE TABLE deltas (
  id                 ${identity_column},
  app_id             VARCHAR(63)   NOT NULL REFERENCES apps (id),
  release_id         BIGINT        NOT NULL REFERENCES releases (id),
  from_release_id    BIGINT        NOT NULL REFERENCES releases (id),
  from_version_code  BIGINT        NOT NULL,
  from_sha256        CHAR(64)      NOT NULL,
  source             VARCHAR(16)   NOT NULL,
  state              VARCHAR(16)   NOT NULL,
  format             VARCHAR(32),
  patch_sha256       CHAR(64),
  patch_size         BIGINT,
  full_size          BIGINT        NOT NULL,
  reason             VARCHAR(500),
  attempts           INTEGER       NOT NULL DEFAULT 0,
  claimed_until      BIGINT,
  generation_millis  BIGINT,
  created_at         BIGINT        NOT NULL,
  finished_at        BIGINT,
  CONSTRAINT deltas_pair_unique UNIQUE (release_id, from_release_id)
);

CREATE INDEX deltas_by_state ON deltas (state, id);
