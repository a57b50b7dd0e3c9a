package dev.petrel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The deterministic rollout bucket of a device for one release: the first eight bytes of
 * SHA-256({@code "<release id>:<device id>"}) as an unsigned big-endian number, modulo 10 000.
 *
 * <p>A device is in a release's rollout when its bucket is below the rollout's share in basis
 * points. Because the bucket depends on the release id, each release draws a fresh cohort, and
 * because it never changes, raising the share only ever adds devices.
 */
public final class RolloutBucket {
  /** The number of buckets: a rollout share is given in basis points out of this. */
  public static final int BUCKETS = 10_000;

  /** One digest per thread: looking one up costs more than hashing a key this short. */
  private static final ThreadLocal<MessageDigest> DIGESTS =
      ThreadLocal.withInitial(Sha256::newDigest);

  private RolloutBucket() {}

  /** Returns the bucket in {@code [0, 10000)} of {@code device} for release {@code releaseId}. */
  public static int of(long releaseId, DeviceId device) {
    return bucket(releaseId + ":" + device.value());
  }

  /**
   * Returns the bucket in {@code [0, 10000)} of {@code device} in cohort experiment {@code
   * experimentId}: as {@link #of}, over {@code "experiment:<experiment id>:<device id>"}, so that
   * all arms of one experiment share one bucket per device and experiments draw cohorts unrelated
   * to any release's.
   */
  public static int ofExperiment(long experimentId, DeviceId device) {
    return bucket("experiment:" + experimentId + ":" + device.value());
  }

  private static int bucket(String key) {
    MessageDigest digest = DIGESTS.get();
    byte[] hash = digest.digest(key.getBytes(StandardCharsets.US_ASCII));
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (hash[i] & 0xff);
    }
    return (int) Long.remainderUnsigned(value, BUCKETS);
  }

  /** Whether {@code device} is inside a rollout of {@code basisPoints} (0–10000) of a release. */
  public static boolean includes(long releaseId, DeviceId device, int basisPoints) {
    return basisPoints >= BUCKETS || (basisPoints > 0 && of(releaseId, device) < basisPoints);
  }
}
