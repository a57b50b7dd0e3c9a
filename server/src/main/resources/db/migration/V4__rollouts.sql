-- Rollouts that steer themselves (issue 5): per-app channels, rollout state and ramp plans per
-- release, health thresholds, the history of every rollout change, and cohort experiments.
-- The rollout share itself stays in releases.rollout_basis_points, which the check path reads.
-- Times are epoch milliseconds.

-- An app's own channels. A device in one receives the channel's releases and everything the
-- channel named in receives_from receives (a built-in channel or another of the app's channels).
CREATE TABLE app_channels (
  app_id         VARCHAR(63)  NOT NULL REFERENCES apps (id),
  name           VARCHAR(32)  NOT NULL,
  receives_from  VARCHAR(32)  NOT NULL,
  created_at     BIGINT       NOT NULL,
  CONSTRAINT app_channels_pk PRIMARY KEY (app_id, name)
);

-- One row per release whose rollout was ever steered; a release without a row has the defaults
-- (running, no plan, the default health policy).
--   state: running | paused | halted
--   plan: the ramp steps as "basis_points:min_dwell_minutes" joined by ',' (null: no plan)
--   dwell_since: when the current share started counting its dwell (last change or resume)
CREATE TABLE rollouts (
  release_id               BIGINT        NOT NULL PRIMARY KEY REFERENCES releases (id),
  state                    VARCHAR(16)   NOT NULL DEFAULT 'running',
  needs_attention          BOOLEAN       NOT NULL DEFAULT FALSE,
  attention_reason         VARCHAR(500),
  plan                     VARCHAR(1000),
  dwell_since              BIGINT        NOT NULL,
  max_failure_basis_points INTEGER       NOT NULL DEFAULT 500,
  min_attempts             INTEGER       NOT NULL DEFAULT 20,
  window_minutes           INTEGER       NOT NULL DEFAULT 1440,
  auto_recall              BOOLEAN       NOT NULL DEFAULT FALSE,
  CONSTRAINT rollouts_state_known CHECK (state IN ('running', 'paused', 'halted'))
);

-- Every rollout change: who, when, what, from which value to which, and why.
CREATE TABLE rollout_history (
  id          ${identity_column},
  release_id  BIGINT        NOT NULL REFERENCES releases (id),
  at          BIGINT        NOT NULL,
  actor       VARCHAR(100)  NOT NULL,
  action      VARCHAR(32)   NOT NULL,
  from_value  VARCHAR(200),
  to_value    VARCHAR(200),
  reason      VARCHAR(500)
);

CREATE INDEX rollout_history_by_release ON rollout_history (release_id, id);

-- Cohort experiments: two or more releases of one app, platform and channel splitting the
-- devices by ranges of a bucket shared by the experiment (see RolloutBucket.ofExperiment).
CREATE TABLE experiments (
  id          ${identity_column},
  app_id      VARCHAR(63)   NOT NULL REFERENCES apps (id),
  name        VARCHAR(100)  NOT NULL,
  platform    VARCHAR(32)   NOT NULL,
  channel     VARCHAR(32)   NOT NULL,
  created_at  BIGINT        NOT NULL,
  ended_at    BIGINT
);

-- A release is an arm of at most one experiment, ended or not.
CREATE TABLE experiment_arms (
  experiment_id  BIGINT   NOT NULL REFERENCES experiments (id),
  release_id     BIGINT   NOT NULL REFERENCES releases (id),
  range_start    INTEGER  NOT NULL,
  range_end      INTEGER  NOT NULL,
  CONSTRAINT experiment_arms_pk PRIMARY KEY (experiment_id, release_id),
  CONSTRAINT experiment_arms_release_unique UNIQUE (release_id),
  CONSTRAINT experiment_arms_range CHECK (range_start >= 0 AND range_start < range_end
    AND range_end <= 10000)
);
