package dev.petrel.client.internal;

import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateException.Reason;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * The releases of a GitHub repository, as {@code petrel publish --github} makes them: each carries
 * the artifact and a signed feed asset per platform ({@code petrel-feed-<platform>.json}). The feed
 * is the trust: it is verified exactly as a static feed ({@link FeedSource}), so a tampered asset,
 * release or repository can withhold an update but never make the client install anything the
 * pinned keys did not sign. The release's body becomes the offer's (unsigned) notes.
 *
 * <p>A stable device reads {@code GET /repos/{owner}/{repo}/releases/latest} (GitHub's newest
 * non-draft, non-prerelease release). Other channels read the newest {@value #LISTED} releases
 * ({@code GET …/releases?per_page=…}, newest first) and take the first feed that offers something,
 * stopping at the first full release (a stable release is received by every channel, so nothing
 * older can be newer); at most {@value #MAX_FEEDS} feeds are fetched per check.
 */
public final class GitHubSource implements Source {
  /** Largest REST answer read: 30 releases with long notes. */
  static final int MAX_ANSWER = 4 * 1024 * 1024;

  static final int LISTED = 30;
  static final int MAX_FEEDS = 5;

  /** Longest release body kept as notes. */
  static final int MAX_NOTES = 20_000;

  private final GitHubRepo repo;
  private final Http http;

  public GitHubSource(GitHubRepo repo, Http http) {
    this.repo = repo;
    this.http = http;
  }

  @Override
  public URI uri() {
    return repo.endpoint("");
  }

  @Override
  public SourceAnswer check(Config config, String deviceId) throws UpdateException {
    boolean stable = config.channel().equals(Channel.STABLE);
    List<Object> releases =
        stable ? latest() : array(get(repo.endpoint("/releases?per_page=" + LISTED)), "releases");
    String feedName = GitHubRepo.feedAssetName(config.platform().name());
    int feeds = 0;
    for (int i = 0; i < releases.size(); i++) {
      String at = "releases[" + i + "]";
      Map<String, Object> release = object(releases.get(i), at);
      boolean prerelease = flag(release, at, "prerelease");
      if (flag(release, at, "draft") || (stable && prerelease)) {
        continue;
      }
      URI feed = assetUrl(release, at, feedName);
      if (feed == null) {
        continue;
      }
      if (++feeds > MAX_FEEDS) {
        break;
      }
      SourceAnswer answer = new FeedSource(feed, http).check(config, deviceId);
      if (answer.offer() != null) {
        return new SourceAnswer(withNotes(answer.offer(), release, at), false, null);
      }
      if (!prerelease) {
        break;
      }
    }
    return new SourceAnswer(null, false, null);
  }

  private List<Object> latest() throws UpdateException {
    URI uri = repo.endpoint("/releases/latest");
    byte[] body = getOrNull(uri);
    return body == null ? List.of() : List.of(parse(body, uri));
  }

  private Object get(URI uri) throws UpdateException {
    byte[] body = getOrNull(uri);
    if (body == null) {
      throw new UpdateException(Reason.SERVER, uri + ": answered HTTP 404 (no such repository)");
    }
    return parse(body, uri);
  }

  /** The answer's body, or null for a 404 (a repository without releases has no latest one). */
  private byte[] getOrNull(URI uri) throws UpdateException {
    try {
      HttpURLConnection connection = http.open(uri, "GET");
      try {
        connection.setRequestProperty("Accept", "application/vnd.github+json");
        connection.setRequestProperty("X-GitHub-Api-Version", "2022-11-28");
        int status = connection.getResponseCode();
        if (status == 404) {
          return null;
        }
        if (status != 200) {
          throw new UpdateException(
              Reason.SERVER, uri + ": answered HTTP " + status + " (rate limited or refused)");
        }
        try (InputStream in = connection.getInputStream()) {
          return Http.readBounded(in, MAX_ANSWER, uri);
        }
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      throw new UpdateException(Reason.NETWORK, uri + ": " + ServerSource.describe(e), e);
    }
  }

  private static Object parse(byte[] body, URI uri) throws UpdateException {
    try {
      return StrictJson.read("answer", body);
    } catch (IllegalArgumentException e) {
      throw new UpdateException(Reason.SERVER, uri + ": malformed answer: " + e.getMessage());
    }
  }

  private static URI assetUrl(Map<String, Object> release, String at, String name)
      throws UpdateException {
    List<Object> assets = array(release.get("assets"), at + ".assets");
    for (int i = 0; i < assets.size(); i++) {
      String where = at + ".assets[" + i + "]";
      Map<String, Object> asset = object(assets.get(i), where);
      if (name.equals(asset.get("name"))) {
        Object url = asset.get("browser_download_url");
        try {
          URI uri = new URI(String.valueOf(url));
          if (!(url instanceof String) || !uri.isAbsolute()) {
            throw new URISyntaxException(String.valueOf(url), "not absolute");
          }
          return uri;
        } catch (URISyntaxException e) {
          throw malformed(where + ".browser_download_url: expected an absolute URL");
        }
      }
    }
    return null;
  }

  private static Offer withNotes(Offer offer, Map<String, Object> release, String at)
      throws UpdateException {
    Object body = release.get("body");
    if (body != null && body != StrictJson.NULL && !(body instanceof String)) {
      throw malformed(at + ".body: expected a string");
    }
    String notes = body instanceof String text ? text : "";
    if (notes.length() > MAX_NOTES) {
      notes = notes.substring(0, MAX_NOTES);
    }
    return new Offer(
        offer.version(),
        offer.versionCode(),
        offer.channel(),
        offer.mandatory(),
        notes,
        offer.size(),
        offer.sha256(),
        offer.downloadUrl(),
        offer.downgrade(),
        offer.statement(),
        offer.signature(),
        offer.signingKeyId(),
        offer.recallStatement(),
        offer.recallSignature());
  }

  private static boolean flag(Map<String, Object> object, String at, String key)
      throws UpdateException {
    Object value = object.get(key);
    if (!(value instanceof Boolean flag)) {
      throw malformed(at + "." + key + ": expected true or false");
    }
    return flag;
  }

  private static Map<String, Object> object(Object value, String at) throws UpdateException {
    if (!(value instanceof Map<?, ?>)) {
      throw malformed(at + ": expected an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    return map;
  }

  private static List<Object> array(Object value, String at) throws UpdateException {
    if (!(value instanceof List<?>)) {
      throw malformed(at + ": expected an array");
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) value;
    return list;
  }

  private static UpdateException malformed(String message) {
    return new UpdateException(Reason.SERVER, "malformed GitHub answer: " + message);
  }
}
