package dev.petrel.client.swing;

import java.time.Instant;

/**
 * One line of the update history as the history view shows it.
 *
 * @param at when it happened
 * @param kind what happened, e.g. {@code install}, {@code rollback}, {@code revert}
 * @param fromVersion the version before, or null
 * @param toVersion the version after, or null
 * @param outcome how it ended, e.g. {@code succeeded}, {@code failed}
 * @param reason why, for failures and rollbacks; may be null
 */
record HistoryRow(
    Instant at, String kind, String fromVersion, String toVersion, String outcome, String reason) {}
