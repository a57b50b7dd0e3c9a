package dev.petrel.server.telemetry;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Bounds how many events one client may report: a token bucket per client key (remote address and
 * device id), refilled at {@code perSecond} events a second up to {@code burst}.
 *
 * <p>Memory is fixed whatever the number of clients: keys are hashed, with a random per-process
 * seed, onto {@value #SLOTS} buckets, so two clients that collide share one budget (the limit is
 * then stricter for both, never looser), and no one outside can aim a collision at a known client.
 * Buckets are guarded by striped locks; a request touches one. Thread-safe.
 */
final class EventRateLimiter {
  static final int SLOTS = 1 << 16;
  private static final int STRIPES = 64;

  private final Clock clock;
  private final double burst;
  private final double perMilli;
  private final int seed = new SecureRandom().nextInt();
  private final double[] tokens = new double[SLOTS];
  private final long[] refilledAt = new long[SLOTS];
  private final boolean[] used = new boolean[SLOTS];
  private final Object[] locks = new Object[STRIPES];

  /**
   * @param burst the most events a client may send at once (and its budget after a rest)
   * @param perSecond how many events a second a client's budget grows by
   */
  EventRateLimiter(Clock clock, int burst, double perSecond) {
    if (burst < 1 || !(perSecond > 0)) {
      throw new IllegalArgumentException(
          "expected burst >= 1 and perSecond > 0, found " + burst + " and " + perSecond);
    }
    this.clock = clock;
    this.burst = burst;
    this.perMilli = perSecond / 1000.0;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * Takes {@code events} tokens from the client's bucket.
   *
   * @return 0 when granted, else how many whole seconds until the bucket holds enough (at least 1)
   */
  long acquire(String address, String deviceId, int events) {
    int slot = slot(address, deviceId);
    long now = clock.millis();
    synchronized (locks[slot % STRIPES]) {
      double available = refill(slot, now);
      if (available >= events) {
        tokens[slot] = available - events;
        return 0;
      }
      tokens[slot] = available;
      double missing = Math.min(events, burst) - available;
      return Math.max(1, (long) Math.ceil(missing / perMilli / 1000.0));
    }
  }

  /** Gives back tokens taken for a request that was then refused for another reason. */
  void release(String address, String deviceId, int events) {
    int slot = slot(address, deviceId);
    synchronized (locks[slot % STRIPES]) {
      tokens[slot] = Math.min(burst, tokens[slot] + events);
    }
  }

  private double refill(int slot, long now) {
    if (!used[slot]) {
      used[slot] = true;
      refilledAt[slot] = now;
      return burst;
    }
    long elapsed = Math.max(0, now - refilledAt[slot]);
    refilledAt[slot] = now;
    return Math.min(burst, tokens[slot] + elapsed * perMilli);
  }

  private int slot(String address, String deviceId) {
    int hash = seed;
    hash = mix(hash ^ (address == null ? 0 : address.hashCode()));
    hash = mix(hash ^ (deviceId == null ? 0 : deviceId.hashCode()));
    return hash & (SLOTS - 1);
  }

  /** A 32-bit finaliser (MurmurHash3's), so that similar keys spread over the slots. */
  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
