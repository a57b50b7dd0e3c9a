package dev.petrel.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the update history kept in {@code stateDir/history.json}. Immutable.
 *
 * @param at when it happened
 * @param kind what was attempted: {@code install}, {@code rollback}, {@code revert} (automatic,
 *     after a failed start), or {@code recall} (a recall downgrade)
 * @param fromVersion the version before, or null when unknown
 * @param toVersion the version after (the target), or null when unknown
 * @param outcome {@code succeeded} or {@code failed}, or {@code handed over} when the platform
 *     finishes the install on its own ({@link Installer#finishesLater()})
 * @param reason why it failed, or a note; may be null
 */
public record HistoryEntry(
    Instant at, String kind, String fromVersion, String toVersion, String outcome, String reason) {
  /** Checks the required parts. */
  public HistoryEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
  }
}
