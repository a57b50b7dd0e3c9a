package dev.petrel.server.deltas;

import java.time.Duration;

/**
 * How patches are planned and made.
 *
 * @param enabled whether patches are planned on publish and offered at all
 * @param fromEarlier how many of the newest earlier releases in the release's channel get a patch
 * @param fromSharePercent any earlier release whose version ran on more than this share of the
 *     device-days seen in the last {@link #WINDOW} (each day's devices, summed) also gets one
 * @param workerHeapBytes the generation child process's {@code -Xmx}
 * @param timeout the longest one generation may take before its process is killed
 */
public record DeltaSettings(
    boolean enabled,
    int fromEarlier,
    int fromSharePercent,
    long workerHeapBytes,
    Duration timeout) {

  /** The window of daily device counts that decides which releases are popular. */
  public static final Duration WINDOW = Duration.ofDays(7);

  /** A patch must save at least this share of the full download to be kept. */
  public static final double MIN_SAVING = 0.20;

  /** The defaults: on, the newest 3, more than 5 %, a 2 GiB worker, 10 minutes. */
  public static final DeltaSettings DEFAULTS =
      new DeltaSettings(true, 3, 5, 2L << 30, Duration.ofMinutes(10));

  /** These settings with another worker heap and timeout (tests use small ones). */
  public DeltaSettings withWorker(long heapBytes, Duration limit) {
    return new DeltaSettings(enabled, fromEarlier, fromSharePercent, heapBytes, limit);
  }
}
