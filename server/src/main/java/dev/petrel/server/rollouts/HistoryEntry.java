package dev.petrel.server.rollouts;

import java.time.Instant;

/**
 * One change of a release's rollout, a row of {@code rollout_history}.
 *
 * @param actor who changed it: {@code token:<id>:<name>} or {@code system:<job>}
 * @param action what changed: {@code publish}, {@code share}, {@code pause}, {@code resume}, {@code
 *     halt}, {@code ramp}, {@code plan}, {@code plan_cleared}, {@code health_policy}, {@code
 *     recall} or {@code experiment}
 * @param fromValue the value before, or null
 * @param toValue the value after, or null
 * @param reason why, or null
 */
public record HistoryEntry(
    long id,
    long releaseId,
    Instant at,
    String actor,
    String action,
    String fromValue,
    String toValue,
    String reason) {}
