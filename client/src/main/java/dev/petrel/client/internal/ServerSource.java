package dev.petrel.client.internal;

import dev.petrel.client.Offer;
import dev.petrel.client.Patch;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateException.Reason;
import dev.petrel.protocol.StrictJson;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A Petrel server: {@code POST {base}/api/v1/apps/{app}/check} with the platform, installed version
 * and code, channel and device id; the answer's {@code release} is the offer.
 */
public final class ServerSource implements Source {
  /** Largest check answer read; a real one is a few KiB. */
  static final int MAX_ANSWER = 256 * 1024;

  private final URI base;
  private final Http http;

  public ServerSource(URI base, Http http) {
    this.base = base;
    this.http = http;
  }

  @Override
  public URI uri() {
    return base;
  }

  /** {@code base} with {@code path} appended (the base may or may not end in a slash). */
  public static URI endpoint(URI base, String path) {
    String text = base.toString();
    return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
  }

  @Override
  public SourceAnswer check(Config config, String deviceId) throws UpdateException {
    URI uri = endpoint(base, "/api/v1/apps/" + config.app() + "/check");
    String request =
        "{\"platform\":"
            + Json.string(config.platform().name())
            + ",\"current_version\":"
            + Json.string(config.installedVersion().toString())
            + ",\"version_code\":"
            + config.installedVersionCode()
            + ",\"channel\":"
            + Json.string(config.channel().wireName())
            + ",\"device_id\":"
            + Json.string(deviceId)
            + "}";
    Http.Response response;
    try {
      response = http.exchange(uri, "POST", request.getBytes(StandardCharsets.UTF_8), MAX_ANSWER);
    } catch (IOException e) {
      throw new UpdateException(Reason.NETWORK, uri + ": " + describe(e), e);
    }
    if (response.status() != 200) {
      throw new UpdateException(
          Reason.SERVER, uri + ": answered HTTP " + response.status() + " to the check");
    }
    try {
      return parse(response.body());
    } catch (Unsigned e) {
      throw OfferVerifier.refused(
          e.getMessage() + " (from " + base + "); unsigned releases are never installed");
    } catch (Json.MalformedJson | IllegalArgumentException e) {
      throw new UpdateException(Reason.SERVER, uri + ": malformed check answer: " + e.getMessage());
    }
  }

  static SourceAnswer parse(byte[] body) throws Json.MalformedJson {
    Map<String, Object> answer = Json.object("answer", StrictJson.read("answer", body));
    if (!Json.flag(answer, "answer", "ok", false)) {
      throw new Json.MalformedJson("answer.ok: expected true");
    }
    boolean mandatory = Json.flag(answer, "answer", "is_mandatory", false);
    boolean recalled = Json.flag(answer, "answer", "current_recalled", false);
    boolean downgrade = Json.flag(answer, "answer", "downgrade", false);
    Object recallValue = answer.get("recall");
    Map<String, Object> recall =
        recallValue == null || recallValue == StrictJson.NULL
            ? null
            : Json.object("answer.recall", recallValue);
    String recallMessage =
        recall == null ? null : Json.optionalText(recall, "answer.recall", "message");
    Object releaseValue = answer.get("release");
    if (releaseValue == null || releaseValue == StrictJson.NULL) {
      return new SourceAnswer(null, recalled, recallMessage);
    }
    Map<String, Object> release = Json.object("answer.release", releaseValue);
    return new SourceAnswer(offer(release, mandatory, downgrade, recall), recalled, recallMessage);
  }

  private static Offer offer(
      Map<String, Object> release, boolean mandatory, boolean downgrade, Map<String, Object> recall)
      throws Json.MalformedJson {
    String at = "answer.release";
    String version = Json.text(release, at, "version");
    String statement = Json.optionalText(release, at, "statement");
    String signature = Json.optionalText(release, at, "signature");
    if (statement == null || signature == null) {
      throw new Unsigned(version);
    }
    Long size = Json.optionalNumber(release, at, "file_size");
    String checksum = Json.optionalText(release, at, "checksum");
    String notes = Json.optionalText(release, at, "release_notes");
    return new Offer(
        version,
        Json.number(release, at, "version_code"),
        Json.text(release, at, "channel"),
        mandatory,
        notes,
        size == null ? -1 : size,
        checksum == null ? "" : checksum,
        downloadUrl(Json.text(release, at, "download_url")),
        downgrade,
        statement,
        signature,
        Json.optionalText(release, at, "signing_key_id"),
        recall == null ? null : Json.optionalText(recall, "answer.recall", "statement"),
        recall == null ? null : Json.optionalText(recall, "answer.recall", "signature"),
        patch(release.get("delta")));
  }

  /**
   * The offer's patch, or null when there is none or it is not well formed: a patch is only ever an
   * optimisation, so a bad one costs the full download, never the update.
   */
  @SuppressWarnings("unchecked")
  private static Patch patch(Object delta) {
    if (!(delta instanceof Map)) {
      return null;
    }
    Map<String, Object> fields = (Map<String, Object>) delta;
    String at = "answer.release.delta";
    try {
      URI url = downloadUrl(Json.text(fields, at, "url"));
      String from = Json.text(fields, at, "from_sha256");
      String sha = Json.text(fields, at, "sha256");
      long size = Json.number(fields, at, "size");
      if (!from.matches("[0-9a-f]{64}") || !sha.matches("[0-9a-f]{64}") || size < 0) {
        return null;
      }
      return new Patch(
          Json.text(fields, at, "format"),
          Json.number(fields, at, "from_version_code"),
          from,
          url,
          size,
          sha);
    } catch (Json.MalformedJson e) {
      return null;
    }
  }

  private static URI downloadUrl(String text) throws Json.MalformedJson {
    try {
      URI uri = new URI(text);
      if (!uri.isAbsolute()
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new Json.MalformedJson("answer.release.download_url: expected an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new Json.MalformedJson("answer.release.download_url: not a URL");
    }
  }

  static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** The server offered a release without statement and signature: refused, fail closed. */
  static final class Unsigned extends Json.MalformedJson {
    private static final long serialVersionUID = 1L;

    Unsigned(String version) {
      super("release " + version + " is unsigned");
    }
  }
}
