package dev.petrel.server.recalls;

import dev.petrel.protocol.AppId;
import java.time.Instant;

/**
 * The recall of one release: a row of {@code release_recalls}. The release itself is inactive while
 * the recall stands; activating it again deletes the recall.
 *
 * <p>A <em>signed</em> recall carries the recall statement its publisher signed ({@code statement}:
 * base64 of the exact canonical bytes), the signature and the id of the registered key that
 * verified it; all three are null for an unsigned recall, which never lets a device downgrade.
 *
 * @param releaseId the recalled release
 * @param appId its app
 * @param reason why, for people (the signed statement's reason when signed)
 * @param statement base64 of the signed recall statement, or null
 * @param signature its Ed25519 signature as base64, or null
 * @param signingKeyId the id of the key that verified it, or null
 * @param targetReleaseId the release a signed recall lets devices go back to, or null
 * @param recalledBy who recalled it, as the audit log names actors
 * @param recalledAt when
 */
public record Recall(
    long releaseId,
    AppId appId,
    String reason,
    String statement,
    String signature,
    String signingKeyId,
    Long targetReleaseId,
    String recalledBy,
    Instant recalledAt) {

  /** Whether the recall carries a verified recall statement. */
  public boolean signed() {
    return statement != null;
  }
}
