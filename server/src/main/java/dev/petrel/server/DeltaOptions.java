package dev.petrel.server;

import dev.petrel.server.deltas.DeltaSettings;
import java.time.Duration;

/** Reads the delta settings from flags and the environment (see docs/deltas.md). */
final class DeltaOptions {
  static final Setting DELTAS = new Setting("--deltas", "PETREL_DELTAS");
  static final Setting FROM_EARLIER =
      new Setting("--delta-from-earlier", "PETREL_DELTA_FROM_EARLIER");
  static final Setting FROM_SHARE = new Setting("--delta-from-share", "PETREL_DELTA_FROM_SHARE");
  static final Setting HEAP = new Setting("--delta-heap", "PETREL_DELTA_HEAP");
  static final Setting TIMEOUT = new Setting("--delta-timeout", "PETREL_DELTA_TIMEOUT");

  private static final long MIN_HEAP = 64L << 20;

  private DeltaOptions() {}

  static DeltaSettings resolve(ConfigSource source) {
    DeltaSettings defaults = DeltaSettings.DEFAULTS;
    String enabled = source.text(DELTAS, "on");
    if (!enabled.equals("on") && !enabled.equals("off")) {
      throw DELTAS.invalid("on or off", enabled);
    }
    int earlier =
        (int) source.number(FROM_EARLIER, defaults.fromEarlier(), 0, 20, "an integer from 0 to 20");
    int share =
        (int)
            source.number(
                FROM_SHARE, defaults.fromSharePercent(), 1, 100, "a percentage from 1 to 100");
    long heap = source.size(HEAP, defaults.workerHeapBytes());
    if (heap < MIN_HEAP) {
      throw HEAP.invalid("a size of at least 64MiB such as 2GiB", source.text(HEAP, null));
    }
    long seconds =
        source.number(
            TIMEOUT, defaults.timeout().toSeconds(), 10, 86_400, "seconds from 10 to 86400");
    return new DeltaSettings(
        enabled.equals("on"), earlier, share, heap, Duration.ofSeconds(seconds));
  }
}
