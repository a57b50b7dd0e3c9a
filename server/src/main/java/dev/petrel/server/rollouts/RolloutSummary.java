package dev.petrel.server.rollouts;

import dev.petrel.server.releases.Release;

/**
 * One release's rollout at a glance, for lists: {@code GET /api/v1/apps/{app}/rollouts}.
 *
 * @param state as {@link RolloutView#state()}
 * @param experimentId the running experiment the release is an arm of, or null
 */
public record RolloutSummary(
    long releaseId,
    String platform,
    String channel,
    String version,
    long versionCode,
    int basisPoints,
    String state,
    boolean needsAttention,
    String attentionReason,
    boolean hasPlan,
    Long experimentId) {

  static RolloutSummary of(Release release, RolloutRow row, Long experimentId, String state) {
    return new RolloutSummary(
        release.id(),
        release.platform().name(),
        release.channel().wireName(),
        release.version().toString(),
        release.versionCode(),
        release.rolloutBasisPoints(),
        state,
        row.needsAttention(),
        row.attentionReason(),
        row.plan() != null,
        experimentId);
  }
}
