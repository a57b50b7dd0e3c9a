package dev.petrel.client.internal;

import dev.petrel.client.ChangelogEntry;
import dev.petrel.protocol.StrictJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code GET {server}/api/v1/apps/{app}/changelog}: the notes of the releases between the
 * installed one and the offered one. Only Petrel servers have it; static feeds do not.
 */
public final class ChangelogReader {
  /** Largest answer read: 100 entries of a few KiB of notes each. */
  static final int MAX_ANSWER = 1024 * 1024;

  /** How many entries are asked for. */
  static final int LIMIT = 50;

  private final Http http;

  public ChangelogReader(Http http) {
    this.http = http;
  }

  /**
   * Asks {@code server} for the changelog of this installation, keeping the entries whose code is
   * at most {@code upToCode}, newest first.
   *
   * @throws IOException when the server cannot be reached, answers other than 200, or answers
   *     something malformed
   */
  public List<ChangelogEntry> read(URI server, Config config, String deviceId, long upToCode)
      throws IOException {
    URI uri =
        ServerSource.endpoint(
            server,
            "/api/v1/apps/"
                + config.app()
                + "/changelog?platform="
                + config.platform().name()
                + "&channel="
                + config.channel().wireName()
                + "&from_version_code="
                + config.installedVersionCode()
                + "&limit="
                + LIMIT
                + "&device_id="
                + URLEncoder.encode(deviceId, "UTF-8"));
    Http.Response response = http.exchange(uri, "GET", null, MAX_ANSWER);
    if (response.status() != 200) {
      throw new IOException(uri + ": answered HTTP " + response.status() + " to the changelog");
    }
    try {
      return parse(response.body(), upToCode);
    } catch (Json.MalformedJson | IllegalArgumentException e) {
      throw new IOException(uri + ": malformed changelog: " + e.getMessage(), e);
    }
  }

  static List<ChangelogEntry> parse(byte[] body, long upToCode) throws Json.MalformedJson {
    Map<String, Object> answer = Json.object("changelog", StrictJson.read("changelog", body));
    Object entries = answer.get("entries");
    if (!(entries instanceof List<?> list)) {
      throw new Json.MalformedJson("changelog.entries: expected an array");
    }
    List<ChangelogEntry> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "changelog.entries[" + i + "]";
      Map<String, Object> entry = Json.object(at, list.get(i));
      long code = Json.number(entry, at, "version_code");
      if (code <= upToCode) {
        out.add(
            new ChangelogEntry(
                Json.text(entry, at, "version"),
                code,
                Json.optionalText(entry, at, "release_notes"),
                Json.flag(entry, at, "is_mandatory", false)));
      }
    }
    return List.copyOf(out);
  }
}
