package dev.petrel.server.deltas;

import java.time.Instant;

/**
 * A patch from an earlier release to a release, or the work of making one.
 *
 * @param id the row's id
 * @param appId the app
 * @param releaseId the release the patch makes
 * @param fromReleaseId the release it applies to
 * @param fromVersionCode that release's version code (what devices send in their checks)
 * @param fromSha256 that release's artifact digest (the device's base must have it)
 * @param source {@code server} (generated here) or {@code uploaded} (made by the publisher)
 * @param state {@code pending}, {@code running}, {@code ready}, {@code failed} or {@code discarded}
 * @param format the patch format's wire name, once made
 * @param patchSha256 the stored patch's digest, once ready
 * @param patchSize its length, once made
 * @param fullSize the release artifact's length
 * @param reason why it failed or was discarded, or null
 * @param attempts how many times a worker claimed it
 * @param generationMillis how long making and verifying it took
 * @param createdAt when it was queued
 * @param finishedAt when it ended, or null
 */
public record Delta(
    long id,
    String appId,
    long releaseId,
    long fromReleaseId,
    long fromVersionCode,
    String fromSha256,
    String source,
    String state,
    String format,
    String patchSha256,
    Long patchSize,
    long fullSize,
    String reason,
    int attempts,
    Long generationMillis,
    Instant createdAt,
    Instant finishedAt) {

  /** States. */
  public static final String PENDING = "pending";

  public static final String RUNNING = "running";
  public static final String READY = "ready";
  public static final String FAILED = "failed";
  public static final String DISCARDED = "discarded";

  /** Whether the patch is offered to devices. */
  public boolean ready() {
    return READY.equals(state);
  }

  /** The share of the full download the patch saves, 0–1, or null before it is made. */
  public Double saving() {
    return patchSize == null || fullSize == 0 ? null : 1.0 - (double) patchSize / fullSize;
  }
}
