package dev.petrel.client.internal;

import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateException.Reason;
import dev.petrel.protocol.Feed;
import dev.petrel.protocol.FeedVerifier;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.StatementVerificationException;
import dev.petrel.protocol.VerifiedFeedRelease;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.List;

/**
 * A static signed feed ({@code petrel.feed.v1}): fetched whole, verified entry by entry against the
 * pinned keys ({@link FeedVerifier}, which refuses the whole feed if any entry fails), then the
 * newest release for this platform and a channel this device receives, above the installed code, is
 * the offer. A feed never offers downgrades and knows nothing of recalls.
 */
public final class FeedSource implements Source {
  private final URI feed;
  private final Http http;

  public FeedSource(URI feed, Http http) {
    this.feed = feed;
    this.http = http;
  }

  @Override
  public URI uri() {
    return feed;
  }

  @Override
  public SourceAnswer check(Config config, String deviceId) throws UpdateException {
    Http.Response response;
    try {
      response = http.exchange(feed, "GET", null, Feed.MAX_BYTES);
    } catch (IOException e) {
      throw new UpdateException(Reason.NETWORK, feed + ": " + ServerSource.describe(e), e);
    }
    if (response.status() != 200) {
      throw new UpdateException(
          Reason.SERVER, feed + ": answered HTTP " + response.status() + " for the feed");
    }
    List<VerifiedFeedRelease> releases;
    try {
      releases = FeedVerifier.verify(response.body(), config.app(), config.trustedKeys());
    } catch (StatementVerificationException e) {
      throw OfferVerifier.refused(feed + ": " + e.getMessage());
    } catch (InvalidValueException e) {
      throw new UpdateException(Reason.SERVER, feed + ": malformed feed: " + e.getMessage());
    }
    VerifiedFeedRelease best = null;
    for (VerifiedFeedRelease release : releases) {
      ReleaseStatement statement = release.statement();
      if (statement.platform().equals(config.platform())
          && config.channel().receives(statement.channel())
          && statement.versionCode() > config.installedVersionCode()
          && (best == null || statement.versionCode() > best.statement().versionCode())) {
        best = release;
      }
    }
    return new SourceAnswer(best == null ? null : offer(best), false, null);
  }

  private Offer offer(VerifiedFeedRelease release) throws UpdateException {
    ReleaseStatement statement = release.statement();
    URI url;
    try {
      url = feed.resolve(release.downloadUrl());
    } catch (IllegalArgumentException e) {
      throw new UpdateException(Reason.SERVER, feed + ": download_url is not a URL");
    }
    return new Offer(
        statement.version().toString(),
        statement.versionCode(),
        statement.channel().wireName(),
        statement.mandatory(),
        "",
        statement.size(),
        statement.sha256().hex(),
        url,
        false,
        Base64.getEncoder().encodeToString(statement.canonicalBytes()),
        release.signed().signature(),
        release.signed().keyId(),
        null,
        null);
  }
}
