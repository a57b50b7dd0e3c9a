-- Statistical gates of rollouts (docs/health.md): a release with a row here takes a ramp step only
-- when its install failure and crash rates are shown not worse than its previous release's, and is
-- halted when one is shown worse. Confidences and the margin are in basis points (9999 = 99.99 %).
CREATE TABLE rollout_gates (
  release_id             BIGINT   NOT NULL PRIMARY KEY REFERENCES releases (id),
  halt_confidence_bp     INTEGER  NOT NULL,
  advance_confidence_bp  INTEGER  NOT NULL,
  margin_bp              INTEGER  NOT NULL,
  min_trials             INTEGER  NOT NULL,
  CONSTRAINT rollout_gates_halt_range CHECK (halt_confidence_bp BETWEEN 5001 AND 9999),
  CONSTRAINT rollout_gates_advance_range CHECK (advance_confidence_bp BETWEEN 5001 AND 9999),
  CONSTRAINT rollout_gates_margin_range CHECK (margin_bp BETWEEN 0 AND 100000),
  CONSTRAINT rollout_gates_trials_range CHECK (min_trials BETWEEN 1 AND 10000000)
);
