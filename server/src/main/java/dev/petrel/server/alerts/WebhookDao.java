package dev.petrel.server.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code webhooks} and {@code webhook_deliveries} tables. */
@RegisterConstructorMapper(Webhook.class)
@RegisterConstructorMapper(Delivery.class)
interface WebhookDao {
  String WEBHOOK = "id, app_id, url, kind, events, secret, enabled, created_at, deleted_at";
  String DELIVERY =
      """
      id, webhook_id, event_type, body, state, attempts, next_attempt_at, last_status, last_error,
      created_at, delivered_at
      """;

  @SqlUpdate(
      """
      INSERT INTO webhooks (app_id, url, kind, events, secret, enabled, created_at)
      VALUES (:app, :url, :kind, :events, :secret, TRUE, :now)
      """)
  @GetGeneratedKeys("id")
  long insert(String app, String url, String kind, String events, String secret, Instant now);

  @SqlQuery(
      "SELECT " + WEBHOOK + " FROM webhooks WHERE app_id = :app AND deleted_at IS NULL ORDER BY id")
  List<Webhook> ofApp(String app);

  @SqlQuery(
      "SELECT "
          + WEBHOOK
          + " FROM webhooks WHERE id = :id AND app_id = :app AND deleted_at IS NULL")
  Optional<Webhook> find(String app, long id);

  @SqlQuery("SELECT " + WEBHOOK + " FROM webhooks WHERE id = :id")
  Optional<Webhook> byId(long id);

  @SqlUpdate("UPDATE webhooks SET deleted_at = :now WHERE id = :id AND deleted_at IS NULL")
  int delete(long id, Instant now);

  @SqlUpdate("UPDATE webhooks SET enabled = :enabled WHERE id = :id AND deleted_at IS NULL")
  int setEnabled(long id, boolean enabled);

  @SqlUpdate(
      """
      UPDATE webhook_deliveries SET state = 'failed', last_error = :why
      WHERE webhook_id = :id AND state = 'pending'
      """)
  int dropPending(long id, String why);

  /** Queues a delivery; one with the same webhook and non-null key is not queued twice. */
  @SqlUpdate(
      """
      INSERT INTO webhook_deliveries
        (webhook_id, event_type, dedupe_key, body, state, attempts, next_attempt_at, created_at)
      VALUES (:webhook, :type, :key, :body, 'pending', 0, :now, :now)
      ON CONFLICT DO NOTHING
      """)
  int enqueue(long webhook, String type, String key, String body, Instant now);

  @SqlQuery(
      """
      SELECT id FROM webhook_deliveries
      WHERE state = 'pending' AND next_attempt_at <= :now
        AND (claimed_until IS NULL OR claimed_until < :now)
      ORDER BY next_attempt_at, id LIMIT :limit
      """)
  List<Long> due(Instant now, int limit);

  /** Claims a due delivery for {@code until}; 0 when another worker has it. */
  @SqlUpdate(
      """
      UPDATE webhook_deliveries SET claimed_until = :until, attempts = attempts + 1
      WHERE id = :id AND state = 'pending' AND next_attempt_at <= :now
        AND (claimed_until IS NULL OR claimed_until < :now)
      """)
  int claim(long id, Instant now, Instant until);

  @SqlQuery("SELECT " + DELIVERY + " FROM webhook_deliveries WHERE id = :id")
  Delivery delivery(long id);

  @SqlUpdate(
      """
      UPDATE webhook_deliveries SET state = 'delivered', delivered_at = :now, last_status = :status,
        last_error = NULL, claimed_until = NULL
      WHERE id = :id
      """)
  void delivered(long id, Instant now, int status);

  @SqlUpdate(
      """
      UPDATE webhook_deliveries SET state = :state, next_attempt_at = :next, last_status = :status,
        last_error = :error, claimed_until = NULL
      WHERE id = :id
      """)
  void failedAttempt(long id, String state, Instant next, Integer status, String error);

  @SqlQuery(
      "SELECT "
          + DELIVERY
          + " FROM webhook_deliveries WHERE webhook_id = :webhook ORDER BY id DESC LIMIT :limit")
  List<Delivery> deliveries(long webhook, int limit);

  /** Releases that went live at their scheduled time since {@code since}. */
  @SqlQuery(
      """
      SELECT id FROM releases
      WHERE active = TRUE AND published_at > created_at + 60000
        AND published_at > :since AND published_at <= :now
      """)
  List<Long> wentLive(Instant since, Instant now);
}
