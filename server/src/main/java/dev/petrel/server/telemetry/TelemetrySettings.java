package dev.petrel.server.telemetry;

import java.time.Duration;

/**
 * How device telemetry is buffered and how long its raw rows are kept.
 *
 * @param queue how many check events may wait to be written before new ones are shed, and how many
 *     client events may wait before event requests are refused with 503 (two queues of this size;
 *     at least 1)
 * @param retentionDays how many days raw {@code update_checks} and {@code client_events} rows are
 *     kept (at least 1); the daily aggregates the figures read are kept beyond that
 */
public record TelemetrySettings(int queue, int retentionDays) {

  /** The defaults: queues of 100,000 events, raw rows kept 14 days. */
  public static final TelemetrySettings DEFAULTS = new TelemetrySettings(100_000, 14);

  /**
   * @throws IllegalArgumentException if {@code queue} or {@code retentionDays} is below 1
   */
  public TelemetrySettings {
    if (queue < 1) {
      throw new IllegalArgumentException("queue: expected at least 1 event, found " + queue);
    }
    if (retentionDays < 1) {
      throw new IllegalArgumentException(
          "retentionDays: expected at least 1 day, found " + retentionDays);
    }
  }

  /** The retention as a duration. */
  public Duration retention() {
    return Duration.ofDays(retentionDays);
  }

  /** These settings with another queue capacity (tests use tiny ones). */
  public TelemetrySettings withQueue(int events) {
    return new TelemetrySettings(events, retentionDays);
  }
}
