-- Telemetry that stays small: what the figures read, kept apart from the raw rows so that raw
-- update_checks and client_events can be pruned after a retention (default 14 days) while the
-- figures keep working. Written by the check recorder and client event writer in the transaction
-- of the raw rows they summarise; V13 backfills them from the raw rows that existed before.
-- Days are UTC days since 1970-01-01.

-- Sums per day and key. metric is 'checks' (key: the device's version and code, the offered
-- release), 'devices' (distinct devices that day, by platform, channel and version without build;
-- channel '*' counts a device once over all channels) or a client event type (key: the event's
-- version, code and release; day by occurred_at). version_code and release_id are 0 for none.
CREATE TABLE telemetry_daily (
  app_id        VARCHAR(63)  NOT NULL,
  day           BIGINT       NOT NULL,
  platform      VARCHAR(32)  NOT NULL,
  channel       VARCHAR(32)  NOT NULL,
  version       VARCHAR(64)  NOT NULL,
  version_code  BIGINT       NOT NULL,
  release_id    BIGINT       NOT NULL,
  metric        VARCHAR(32)  NOT NULL,
  n             BIGINT       NOT NULL,
  CONSTRAINT telemetry_daily_key
    PRIMARY KEY (app_id, day, platform, channel, version, version_code, release_id, metric)
);

CREATE INDEX telemetry_daily_by_release ON telemetry_daily (release_id, day);

-- Failure reasons per release, day, channel and type (download_failed, install_failed, reverted,
-- crashed_on_start), for a release's top reasons.
CREATE TABLE telemetry_reasons (
  release_id  BIGINT        NOT NULL,
  day         BIGINT        NOT NULL,
  channel     VARCHAR(32)   NOT NULL,
  type        VARCHAR(32)   NOT NULL,
  reason      VARCHAR(500)  NOT NULL,
  n           BIGINT        NOT NULL,
  CONSTRAINT telemetry_reasons_key PRIMARY KEY (release_id, day, channel, type, reason)
);

-- The last day each device was seen in one role, for distinct-device counts over a window and for
-- telling a device's first sighting of a day. kind: 'a' adoption (subject: platform, space,
-- version without build; written for its channel and for '*'), 'r' ran a version (subject:
-- platform, space, 'c' and the code, or 'v' and the version when no code was given), 'o' was
-- offered a release, 's' reported a session (app_started or app_crashed), 'c' reported a crash
-- (subject: the release id). One row per device and role, whatever the number of checks; rows not
-- seen for longer than the longest figures window are pruned.
CREATE TABLE device_marks (
  app_id     VARCHAR(63)   NOT NULL,
  kind       VARCHAR(1)    NOT NULL,
  subject    VARCHAR(100)  NOT NULL,
  channel    VARCHAR(32)   NOT NULL,
  device_id  VARCHAR(128)  NOT NULL,
  day        BIGINT        NOT NULL,
  CONSTRAINT device_marks_key PRIMARY KEY (app_id, kind, subject, channel, device_id)
);

CREATE INDEX device_marks_by_day ON device_marks (day);

-- Each device's latest state: what it ran when last seen (a check, or an install it reported);
-- version_code 0 when the device gave none.
CREATE TABLE device_state (
  app_id        VARCHAR(63)   NOT NULL,
  device_id     VARCHAR(128)  NOT NULL,
  platform      VARCHAR(32)   NOT NULL,
  channel       VARCHAR(32)   NOT NULL,
  version       VARCHAR(64)   NOT NULL,
  version_code  BIGINT        NOT NULL,
  last_seen     BIGINT        NOT NULL,
  CONSTRAINT device_state_key PRIMARY KEY (app_id, device_id)
);

-- Leases of jobs that every node runs but only one should run at a time (pruning). A node takes a
-- lease by moving leased_until forward where it has passed; one UPDATE decides.
CREATE TABLE telemetry_jobs (
  name          VARCHAR(32)   NOT NULL PRIMARY KEY,
  holder        VARCHAR(100),
  leased_until  BIGINT        NOT NULL
);

INSERT INTO telemetry_jobs (name, holder, leased_until) VALUES ('prune', NULL, 0);
