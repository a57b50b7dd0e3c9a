package dev.petrel.cli;

import picocli.CommandLine.Option;

/**
 * {@code petrel serve}'s telemetry options. {@link ServeCommand} hands them to the server's
 * configuration by flag name; the server checks them.
 */
final class ServeTelemetryOptions {
  @Option(
      names = "--telemetry-queue",
      description =
          "Check events buffered before shedding, and client events before refusing with 503"
              + " (PETREL_TELEMETRY_QUEUE, default 100000 each).",
      hidden = true)
  String queue;

  @Option(
      names = "--telemetry-retention-days",
      description =
          "Days raw checks and client events are kept before pruning; figures use daily"
              + " aggregates beyond that (PETREL_TELEMETRY_RETENTION_DAYS, default 14).")
  String retentionDays;
}
