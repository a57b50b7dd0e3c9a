package dev.petrel.server.alerts;

import java.time.Instant;

/**
 * A row of {@code webhooks}: where an app's alerts are sent.
 *
 * @param kind {@code json} (Petrel's body) or {@code slack} (a Slack-compatible {@code text})
 * @param events comma-separated alert types, or {@code *} for all
 * @param secret the HMAC-SHA256 key deliveries are signed with
 * @param deletedAt when it was removed (its pending deliveries are dropped), or null
 */
public record Webhook(
    long id,
    String appId,
    String url,
    String kind,
    String events,
    String secret,
    boolean enabled,
    Instant createdAt,
    Instant deletedAt) {

  /** Whether this webhook wants alerts of {@code type}. */
  public boolean wants(String type) {
    if (!enabled || deletedAt != null) {
      return false;
    }
    if (events.equals("*")) {
      return true;
    }
    for (String wanted : events.split(",")) {
      if (wanted.equals(type)) {
        return true;
      }
    }
    return false;
  }
}
