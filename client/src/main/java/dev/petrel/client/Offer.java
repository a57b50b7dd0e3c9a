package dev.petrel.client;

import java.net.URI;
import java.util.Objects;

/**
 * A release a source offers to this installation. Immutable.
 *
 * <p>An offer returned by {@link Updater#check()} has already been verified once: its statement was
 * signed by a pinned key and names this app and platform, and its {@code version}, {@code
 * versionCode}, {@code size} and {@code sha256} are the signed statement's. {@link
 * Updater#download} verifies the signed parts again (an offer is a plain record that anybody can
 * construct), so the unsigned fields ({@code releaseNotes}, {@code downloadUrl}) can never smuggle
 * in other bytes.
 *
 * @param version the offered version, e.g. {@code 1.0.1}
 * @param versionCode its version code
 * @param channel the channel it was published to
 * @param mandatory whether the user may not postpone it (the source's decision, or the statement's
 *     own flag)
 * @param releaseNotes notes for people, unsigned; may be empty, never null
 * @param size the artifact's length in bytes, from the signed statement
 * @param sha256 the artifact's SHA-256 as 64 lowercase hex characters, from the signed statement
 * @param downloadUrl where to fetch the artifact
 * @param downgrade whether this is a recall downgrade to an older version (then {@code
 *     recallStatement} and {@code recallSignature} are set)
 * @param statement the signed release statement: base64 of its canonical bytes
 * @param signature the Ed25519 signature over the statement, base64
 * @param signingKeyId the id of the key that signed it (a hint only)
 * @param recallStatement for a downgrade, base64 of the signed recall statement's canonical bytes;
 *     otherwise null
 * @param recallSignature for a downgrade, the recall statement's signature; otherwise null
 * @param patch a patch from the installed release the server offers beside the full download, or
 *     null
 */
public record Offer(
    String version,
    long versionCode,
    String channel,
    boolean mandatory,
    String releaseNotes,
    long size,
    String sha256,
    URI downloadUrl,
    boolean downgrade,
    String statement,
    String signature,
    String signingKeyId,
    String recallStatement,
    String recallSignature,
    Patch patch) {

  /** Checks that the required parts are present. */
  public Offer {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(channel, "channel");
    releaseNotes = releaseNotes == null ? "" : releaseNotes;
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(downloadUrl, "downloadUrl");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(signature, "signature");
    if (downgrade && (recallStatement == null || recallSignature == null)) {
      throw new IllegalArgumentException("a downgrade offer needs its recall statement");
    }
  }

  /** An offer without a patch (from a feed, GitHub, or a server that has none for this device). */
  public Offer(
      String version,
      long versionCode,
      String channel,
      boolean mandatory,
      String releaseNotes,
      long size,
      String sha256,
      URI downloadUrl,
      boolean downgrade,
      String statement,
      String signature,
      String signingKeyId,
      String recallStatement,
      String recallSignature) {
    this(
        version,
        versionCode,
        channel,
        mandatory,
        releaseNotes,
        size,
        sha256,
        downloadUrl,
        downgrade,
        statement,
        signature,
        signingKeyId,
        recallStatement,
        recallSignature,
        null);
  }
}
