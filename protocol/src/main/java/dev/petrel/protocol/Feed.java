package dev.petrel.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A static feed: the newest signed release of each platform and channel of one app, as a JSON file
 * ({@code <app>/feed.json}) that any static host can serve. Specified in {@code docs/protocol.md}
 * ("Signed static feed"). Immutable.
 *
 * <p>The document itself is not signed: {@link #parse} only checks its shape. Clients call {@link
 * FeedVerifier#verify}, which trusts nothing but each entry's signed statement.
 *
 * @param app the app every entry belongs to
 * @param generatedAt when the feed was written, in whole seconds (informational)
 * @param releases at most {@value #MAX_RELEASES} entries, at most one per platform and channel
 */
public record Feed(AppId app, Instant generatedAt, List<FeedRelease> releases) {
  /** The value of the {@code format} key. */
  public static final String FORMAT = "petrel.feed.v1";

  /** Largest document {@link #parse} reads: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;

  /** Most entries a feed may hold. */
  public static final int MAX_RELEASES = 1000;

  private static final Set<String> KEYS = Set.of("format", "app", "generated_at", "releases");
  private static final Set<String> RELEASE_KEYS =
      Set.of(
          "platform",
          "channel",
          "version",
          "version_code",
          "download_url",
          "statement",
          "signature",
          "signing_key_id");

  /**
   * @throws InvalidValueException if there are more than {@value #MAX_RELEASES} entries or two for
   *     one platform and channel
   */
  public Feed {
    Objects.requireNonNull(app, "app");
    generatedAt =
        Objects.requireNonNull(generatedAt, "generated_at").truncatedTo(ChronoUnit.SECONDS);
    releases = List.copyOf(releases);
    if (releases.size() > MAX_RELEASES) {
      throw new InvalidValueException(
          "feed.releases",
          "feed.releases: expected at most " + MAX_RELEASES + " entries, found " + releases.size());
    }
    for (int i = 0; i < releases.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (releases.get(i).platform().equals(releases.get(j).platform())
            && releases.get(i).channel() == releases.get(j).channel()) {
          throw new InvalidValueException(
              "feed.releases",
              "feed.releases["
                  + i
                  + "]: a second entry for "
                  + releases.get(i).platform()
                  + "/"
                  + releases.get(i).channel()
                  + " (first at ["
                  + j
                  + "])");
        }
      }
    }
  }

  /** The document: UTF-8 JSON, two-space indented, keys in the documented order, one newline. */
  public byte[] toJson() {
    StringBuilder json = new StringBuilder("{\n");
    member(json, "  ", "format", FORMAT, true);
    member(json, "  ", "app", app.name(), true);
    member(json, "  ", "generated_at", generatedAt.toString(), true);
    json.append("  \"releases\": [");
    for (int i = 0; i < releases.size(); i++) {
      FeedRelease release = releases.get(i);
      json.append(i == 0 ? "\n" : ",\n").append("    {\n");
      member(json, "      ", "platform", release.platform().name(), true);
      member(json, "      ", "channel", release.channel().wireName(), true);
      member(json, "      ", "version", release.version().toString(), true);
      json.append("      \"version_code\": ").append(release.versionCode()).append(",\n");
      member(json, "      ", "download_url", release.downloadUrl(), true);
      member(json, "      ", "statement", release.statement(), true);
      member(json, "      ", "signature", release.signature(), true);
      member(json, "      ", "signing_key_id", release.signingKeyId(), false);
      json.append("    }");
    }
    json.append(releases.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void member(
      StringBuilder json, String indent, String key, String value, boolean more) {
    json.append(indent).append('"').append(key).append("\": ");
    CanonicalJson.appendString(json, value);
    json.append(more ? ",\n" : "\n");
  }

  /**
   * Reads a feed document without verifying anything signed.
   *
   * @throws InvalidValueException naming the first problem: more than {@value #MAX_BYTES} bytes,
   *     malformed JSON, a format other than {@value #FORMAT}, a missing, unknown or mistyped key,
   *     an invalid value, too many entries or two for one platform and channel
   */
  public static Feed parse(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new InvalidValueException(
          "feed", "feed: expected at most " + MAX_BYTES + " bytes, found " + bytes.length);
    }
    Map<String, Object> top = object("feed", StrictJson.read("feed", bytes), KEYS);
    String format = text(top, "feed", "format");
    if (!FORMAT.equals(format)) {
      throw new InvalidValueException(
          "feed.format",
          "feed.format: expected '" + FORMAT + "', found " + InvalidValueException.quote(format));
    }
    AppId app = AppId.parse("feed.app", text(top, "feed", "app"));
    Instant generatedAt = timestamp(text(top, "feed", "generated_at"));
    if (!(top.get("releases") instanceof List<?> items)) {
      throw new InvalidValueException("feed.releases", "feed.releases: expected an array");
    }
    if (items.size() > MAX_RELEASES) {
      throw new InvalidValueException(
          "feed.releases",
          "feed.releases: expected at most " + MAX_RELEASES + " entries, found " + items.size());
    }
    List<FeedRelease> releases = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      releases.add(release("feed.releases[" + i + "]", items.get(i)));
    }
    return new Feed(app, generatedAt, releases);
  }

  private static FeedRelease release(String at, Object item) {
    Map<String, Object> entry = object(at, item, RELEASE_KEYS);
    if (!(entry.get("version_code") instanceof Long code)) {
      throw new InvalidValueException(
          at + ".version_code", at + ".version_code: expected an integer");
    }
    String url = text(entry, at, "download_url");
    requireUrl(at + ".download_url", url);
    String statement = text(entry, at, "statement");
    FeedRelease.statementBytes(at + ".statement", statement);
    String signature = text(entry, at, "signature");
    SignedStatement.decodeSignature(at + ".signature", signature);
    String keyId = text(entry, at, "signing_key_id");
    if (!keyId.matches("[0-9a-f]{16}")) {
      throw new InvalidValueException(
          at + ".signing_key_id",
          at
              + ".signing_key_id: expected 16 lowercase hex characters, found "
              + InvalidValueException.quote(keyId));
    }
    return new FeedRelease(
        Platform.parse(at + ".platform", text(entry, at, "platform")),
        Channel.parse(at + ".channel", text(entry, at, "channel")),
        Version.parse(at + ".version", text(entry, at, "version")),
        code,
        url,
        statement,
        signature,
        keyId);
  }

  private static void requireUrl(String field, String url) {
    try {
      URI uri = new URI(url);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new InvalidValueException(
        field,
        field
            + ": expected an absolute http or https URL, found "
            + InvalidValueException.quote(url));
  }

  private static Map<String, Object> object(String at, Object value, Set<String> keys) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidValueException(at, at + ": expected a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> members = (Map<String, Object>) map;
    for (String key : members.keySet()) {
      if (!keys.contains(key)) {
        throw new InvalidValueException(
            at, at + ": unknown key " + InvalidValueException.quote(key));
      }
    }
    for (String key : new java.util.TreeSet<>(keys)) {
      if (!members.containsKey(key)) {
        throw new InvalidValueException(at + "." + key, at + ": missing key '" + key + "'");
      }
    }
    return members;
  }

  private static String text(Map<String, Object> members, String at, String key) {
    if (!(members.get(key) instanceof String text)) {
      throw new InvalidValueException(at + "." + key, at + "." + key + ": expected a string");
    }
    return text;
  }

  private static Instant timestamp(String text) {
    try {
      if (text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")) {
        return Instant.parse(text);
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new InvalidValueException(
        "feed.generated_at",
        "feed.generated_at: expected a UTC time like 2025-10-27T12:00:00Z, found "
            + InvalidValueException.quote(text));
  }
}
