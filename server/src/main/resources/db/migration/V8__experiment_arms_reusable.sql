-- A release may be an arm of several experiments over time: once an experiment has ended, its
-- arms can join a new one. A release stays an arm of at most one RUNNING experiment; as ended_at
-- lives on experiments, Experiments.create checks that under the app's row lock instead of a
-- constraint here.
--
-- SQLite cannot drop a constraint, so both databases rebuild the table the same way: copy the
-- rows aside, drop the table, create it again without experiment_arms_release_unique (same
-- columns, primary key, foreign keys and range check as V4) and copy the rows back. No table
-- references experiment_arms, so dropping it breaks no foreign key. Each migration runs in one
-- transaction on both databases: a failure leaves the V7 table as it was.

CREATE TABLE experiment_arms_v7 (
  experiment_id  BIGINT   NOT NULL,
  release_id     BIGINT   NOT NULL,
  range_start    INTEGER  NOT NULL,
  range_end      INTEGER  NOT NULL
);

INSERT INTO experiment_arms_v7 (experiment_id, release_id, range_start, range_end)
SELECT experiment_id, release_id, range_start, range_end FROM experiment_arms;

DROP TABLE experiment_arms;

-- A release is an arm of at most one running experiment (checked in code, see above).
CREATE TABLE experiment_arms (
  experiment_id  BIGINT   NOT NULL REFERENCES experiments (id),
  release_id     BIGINT   NOT NULL REFERENCES releases (id),
  range_start    INTEGER  NOT NULL,
  range_end      INTEGER  NOT NULL,
  CONSTRAINT experiment_arms_pk PRIMARY KEY (experiment_id, release_id),
  CONSTRAINT experiment_arms_range CHECK (range_start >= 0 AND range_start < range_end
    AND range_end <= 10000)
);

INSERT INTO experiment_arms (experiment_id, release_id, range_start, range_end)
SELECT experiment_id, release_id, range_start, range_end FROM experiment_arms_v7;

DROP TABLE experiment_arms_v7;

-- The unique constraint indexed release_id; the running-arm check and the rollout pages still
-- look arms up by release.
CREATE INDEX experiment_arms_by_release ON experiment_arms (release_id);
