package dev.petrel.server.alerts;

import java.time.Instant;

/**
 * A row of {@code webhook_deliveries}: one alert for one webhook, and how sending it went.
 *
 * @param state {@code pending}, {@code delivered} or {@code failed} (gave up, or the webhook was
 *     removed)
 * @param attempts how many times it was sent
 * @param lastStatus the receiver's last HTTP status, or null when it was not reached
 * @param lastError why the last attempt failed, or null
 */
public record Delivery(
    long id,
    long webhookId,
    String eventType,
    String body,
    String state,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatus,
    String lastError,
    Instant createdAt,
    Instant deliveredAt) {}
