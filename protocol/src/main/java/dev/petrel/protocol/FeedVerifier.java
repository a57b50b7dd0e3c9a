package dev.petrel.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a static feed with pinned release keys alone, and fails closed. Stateless and
 * thread-safe.
 *
 * <p>The feed's JSON is unsigned; only each entry's statement and signature carry trust. So every
 * entry's statement must verify against a pinned key, must name the expected app, and must agree
 * with the entry's unsigned fields ({@code platform}, {@code channel}, {@code version}, {@code
 * version_code}, {@code signing_key_id}). Any failure rejects the whole feed: a feed that has been
 * tampered with in one place is not trusted in any other.
 */
public final class FeedVerifier {
  private FeedVerifier() {}

  /**
   * Parses and verifies a feed document.
   *
   * @param bytes the document as fetched, at most {@link Feed#MAX_BYTES}
   * @param expectedApp the app the caller is; a feed of any other app is refused
   * @param pinned the release keys to trust; must not be empty
   * @return the verified entries, in the feed's order
   * @throws InvalidValueException when the document is malformed (as {@link Feed#parse}), names
   *     another app, or an entry's statement is not canonical or disagrees with its wrapper fields
   * @throws StatementVerificationException when an entry's signature is malformed or made by no
   *     pinned key; the message names the entry
   * @throws IllegalArgumentException if {@code pinned} is empty
   */
  public static List<VerifiedFeedRelease> verify(
      byte[] bytes, AppId expectedApp, List<ReleasePublicKey> pinned) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(expectedApp, "expectedApp");
    if (pinned.isEmpty()) {
      throw new IllegalArgumentException("no pinned release keys: nothing can be verified");
    }
    Feed feed = Feed.parse(bytes);
    if (!feed.app().equals(expectedApp)) {
      throw new InvalidValueException(
          "feed.app", "feed.app: expected '" + expectedApp + "', found '" + feed.app() + "'");
    }
    List<VerifiedFeedRelease> verified = new ArrayList<>();
    for (int i = 0; i < feed.releases().size(); i++) {
      FeedRelease release = feed.releases().get(i);
      String at = "feed.releases[" + i + "]";
      verified.add(
          new VerifiedFeedRelease(verify(at, release, expectedApp, pinned), release.downloadUrl()));
    }
    return List.copyOf(verified);
  }

  private static SignedStatement verify(
      String at, FeedRelease release, AppId app, List<ReleasePublicKey> pinned) {
    SignedStatement signed;
    try {
      signed =
          StatementVerifier.verifyAndParse(release.statementBytes(), release.signature(), pinned);
    } catch (StatementVerificationException e) {
      throw new StatementVerificationException(e.reason(), at + "." + e.getMessage());
    } catch (InvalidValueException e) {
      throw new InvalidValueException(at + "." + e.field(), at + "." + e.getMessage());
    }
    ReleaseStatement statement = signed.statement();
    agree(at, "app", app.name(), statement.app().name());
    agree(at, "platform", release.platform().name(), statement.platform().name());
    agree(at, "channel", release.channel().wireName(), statement.channel().wireName());
    agree(at, "version", release.version().toString(), statement.version().toString());
    agree(
        at,
        "version_code",
        String.valueOf(release.versionCode()),
        String.valueOf(statement.versionCode()));
    agree(at, "signing_key_id", release.signingKeyId(), signed.keyId());
    return signed;
  }

  private static void agree(String at, String key, String wrapper, String signed) {
    if (!wrapper.equals(signed)) {
      throw new InvalidValueException(
          at + "." + key,
          at
              + "."
              + key
              + ": the feed says '"
              + wrapper
              + "' but the signed statement says '"
              + signed
              + "'");
    }
  }
}
