-- Alerts (docs/alerts.md): webhooks per app, and a durable queue of deliveries that the webhook
-- worker sends with retries. The secret signs deliveries (HMAC-SHA256), so it is kept, not hashed.
-- dedupe_key makes enqueueing idempotent where several nodes may notice the same thing (a
-- scheduled release going live): at most one delivery per webhook and key.
CREATE TABLE webhooks (
  id          ${identity_column},
  app_id      VARCHAR(63)    NOT NULL REFERENCES apps (id),
  url         VARCHAR(2000)  NOT NULL,
  kind        VARCHAR(16)    NOT NULL,
  events      VARCHAR(500)   NOT NULL,
  secret      VARCHAR(100)   NOT NULL,
  enabled     BOOLEAN        NOT NULL DEFAULT TRUE,
  created_at  BIGINT         NOT NULL,
  deleted_at  BIGINT
);

CREATE INDEX webhooks_by_app ON webhooks (app_id);

CREATE TABLE webhook_deliveries (
  id               ${identity_column},
  webhook_id       BIGINT        NOT NULL REFERENCES webhooks (id),
  event_type       VARCHAR(64)   NOT NULL,
  dedupe_key       VARCHAR(200),
  body             TEXT          NOT NULL,
  state            VARCHAR(16)   NOT NULL,
  attempts         INTEGER       NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT        NOT NULL,
  claimed_until    BIGINT,
  last_status      INTEGER,
  last_error       VARCHAR(500),
  created_at       BIGINT        NOT NULL,
  delivered_at     BIGINT,
  CONSTRAINT webhook_deliveries_dedupe UNIQUE (webhook_id, dedupe_key)
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);
