package dev.petrel.server;

import dev.petrel.server.telemetry.TelemetrySettings;

/** Reads the telemetry settings from flags and the environment. */
final class TelemetryOptions {
  static final Setting QUEUE = new Setting("--telemetry-queue", "PETREL_TELEMETRY_QUEUE");
  static final Setting RETENTION =
      new Setting("--telemetry-retention-days", "PETREL_TELEMETRY_RETENTION_DAYS");

  private TelemetryOptions() {}

  static TelemetrySettings resolve(ConfigSource source) {
    TelemetrySettings defaults = TelemetrySettings.DEFAULTS;
    int queue =
        (int)
            source.number(QUEUE, defaults.queue(), 1, 10_000_000, "an integer from 1 to 10000000");
    int retention =
        (int)
            source.number(
                RETENTION, defaults.retentionDays(), 1, 3650, "a number of days from 1 to 3650");
    return new TelemetrySettings(queue, retention);
  }
}
