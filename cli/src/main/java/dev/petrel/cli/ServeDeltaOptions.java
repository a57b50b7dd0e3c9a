package dev.petrel.cli;

import picocli.CommandLine.Option;

/**
 * {@code petrel serve}'s delta options: whether and from which releases patches are made, and the
 * generator's limits (docs/deltas.md). {@link ServeCommand} hands them to the server's
 * configuration by flag name; the server checks them.
 */
final class ServeDeltaOptions {
  @Option(
      names = "--deltas",
      description =
          "on: make and offer patches between releases; off: none (PETREL_DELTAS, default on).")
  String enabled;

  @Option(
      names = "--delta-from-earlier",
      description =
          "Patches from the newest N earlier releases of the channel"
              + " (PETREL_DELTA_FROM_EARLIER, default 3).")
  String fromEarlier;

  @Option(
      names = "--delta-from-share",
      description =
          "And from any release whose version ran on more than this percent of the last 7"
              + " days' device-days (PETREL_DELTA_FROM_SHARE, default 5).")
  String fromShare;

  @Option(
      names = "--delta-heap",
      description =
          "Heap of the patch generator's child process, at least 64MiB"
              + " (PETREL_DELTA_HEAP, default 2GiB).")
  String heap;

  @Option(
      names = "--delta-timeout",
      description = "Seconds one patch generation may take (PETREL_DELTA_TIMEOUT, default 600).")
  String timeout;
}
