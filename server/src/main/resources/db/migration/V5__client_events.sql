-- Events reported by update clients (download, install, revert, crash on start), written in
-- batches by the client event writer. Times are epoch milliseconds.
--
-- Idempotent ingest: a client resends an event until it sees a 2xx, so (app_id, event_id) is
-- unique and the writer inserts with ON CONFLICT DO NOTHING.
-- release_id is resolved from (app_id, platform, version_code) when the event arrives; null when no
-- such release was published. occurred_at is the device's clock (a time more than 5 minutes ahead
-- of the server's is stored as received_at); received_at is the server's and grows with id.
CREATE TABLE client_events (
  id                 ${event_id_column},
  app_id             VARCHAR(63)  NOT NULL,
  event_id           VARCHAR(64)  NOT NULL,
  type               VARCHAR(32)  NOT NULL,
  platform           VARCHAR(32)  NOT NULL,
  channel            VARCHAR(32)  NOT NULL,
  version            VARCHAR(64)  NOT NULL,
  version_code       BIGINT       NOT NULL,
  release_id         BIGINT,
  from_version       VARCHAR(64),
  from_version_code  BIGINT,
  device_id          VARCHAR(128),
  reason             VARCHAR(500),
  occurred_at        BIGINT       NOT NULL,
  received_at        BIGINT       NOT NULL,
  CONSTRAINT client_events_event_unique UNIQUE (app_id, event_id)
);

-- The health window and per-release figures: one range scan per release and time, and the type
-- is in the index so counting attempts and failures never reads the table itself.
CREATE INDEX client_events_by_release ON client_events (release_id, occurred_at, type);
