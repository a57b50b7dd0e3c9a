package dev.petrel.server.releases;

import org.jdbi.v3.core.Handle;

/**
 * Told of what happens to a release's rollout (halted, needs attention, ramp step taken, recalled),
 * inside the transaction that makes it happen, so that a listener writing to the same database (the
 * alerts' delivery queue) commits or rolls back with the change. Implementations must be
 * thread-safe and must not fail the change for their own sake.
 */
@FunctionalInterface
public interface ReleaseEvents {
  /** Alert types, as webhooks name them. */
  String HALTED = "rollout.halted";

  String NEEDS_ATTENTION = "rollout.needs_attention";
  String RAMP_STEP = "rollout.ramp_step";
  String RECALLED = "release.recalled";
  String LIVE = "release.live";

  /** Listens to nothing. */
  ReleaseEvents NONE = (handle, type, release, detail, dedupeKey) -> {};

  /**
   * Something happened to {@code release}.
   *
   * @param handle the transaction it happens in
   * @param type one of the constants above
   * @param detail what happened, for people (a reason, a share change)
   * @param dedupeKey a key that names this occurrence when it may be noticed more than once (by
   *     several nodes), or null
   */
  void happened(Handle handle, String type, Release release, String detail, String dedupeKey);
}
