package dev.petrel.server;

import dev.petrel.server.ServerConfig.Setting;
import dev.petrel.server.deltas.DeltaSettings;
import java.time.Duration;
import java.util.Map;

/** Reads the delta settings from flags and the environment (see docs/deltas.md). */
final class DeltaOptions {
  static final Setting DELTAS = new Setting("--deltas", "PETREL_DELTAS");
  static final Setting FROM_EARLIER =
      new Setting("--delta-from-earlier", "PETREL_DELTA_FROM_EARLIER");
  static final Setting FROM_SHARE = new Setting("--delta-from-share", "PETREL_DELTA_FROM_SHARE");
  static final Setting HEAP = new Setting("--delta-heap", "PETREL_DELTA_HEAP");
  static final Setting TIMEOUT = new Setting("--delta-timeout", "PETREL_DELTA_TIMEOUT");

  private DeltaOptions() {}

  static DeltaSettings resolve(Map<String, String> flags, Map<String, String> env) {
    DeltaSettings defaults = DeltaSettings.DEFAULTS;
    String enabled = ServerConfig.pick(DELTAS, flags, env, "on");
    if (!enabled.equals("on") && !enabled.equals("off")) {
      throw ServerConfig.invalid(DELTAS, "on or off", enabled);
    }
    int earlier =
        (int)
            ServerConfig.number(
                FROM_EARLIER,
                ServerConfig.pick(FROM_EARLIER, flags, env, "" + defaults.fromEarlier()),
                0,
                20,
                "an integer from 0 to 20");
    int share =
        (int)
            ServerConfig.number(
                FROM_SHARE,
                ServerConfig.pick(FROM_SHARE, flags, env, "" + defaults.fromSharePercent()),
                1,
                100,
                "a percentage from 1 to 100");
    String heapText = ServerConfig.pick(HEAP, flags, env, null);
    long heap = heapText == null ? defaults.workerHeapBytes() : ServerConfig.size(HEAP, heapText);
    if (heap < (64L << 20)) {
      throw ServerConfig.invalid(HEAP, "a size of at least 64MiB such as 2GiB", heapText);
    }
    long seconds =
        ServerConfig.number(
            TIMEOUT,
            ServerConfig.pick(TIMEOUT, flags, env, "" + defaults.timeout().toSeconds()),
            10,
            86_400,
            "seconds from 10 to 86400");
    return new DeltaSettings(
        enabled.equals("on"), earlier, share, heap, Duration.ofSeconds(seconds));
  }
}
