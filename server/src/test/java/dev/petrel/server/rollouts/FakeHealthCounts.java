package dev.petrel.server.rollouts;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Install outcomes set by the test per release, and the window start each was last asked for, so a
 * test can see the monitor asked for the policy's window.
 */
final class FakeHealthCounts implements HealthCounts {
  private final Map<Long, Counts> counts = new ConcurrentHashMap<>();
  private final Map<Long, Instant> askedSince = new ConcurrentHashMap<>();

  FakeHealthCounts report(long releaseId, long attempted, long failed) {
    counts.put(releaseId, new Counts(attempted, failed));
    return this;
  }

  Instant askedSince(long releaseId) {
    return askedSince.get(releaseId);
  }

  @Override
  public Counts counts(long releaseId, Instant since) {
    askedSince.put(releaseId, since);
    return counts.getOrDefault(releaseId, new Counts(0, 0));
  }
}
