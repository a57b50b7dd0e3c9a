package dev.petrel.server.testing;

import dev.petrel.protocol.Sha256;
import java.nio.charset.StandardCharsets;

/** Small builders for release JSON, so tests state only what matters to them. */
public final class Releases {
  private Releases() {}

  /** A real-looking SHA-256 derived from {@code seed}. */
  public static String sha(String seed) {
    return Sha256.of(seed.getBytes(StandardCharsets.UTF_8)).hex();
  }

  /** Publish JSON for an external-URL release on {@code platform}. */
  public static String external(String platform, String version, long code) {
    return external(platform, version, code, false);
  }

  /** Publish JSON for an external-URL release, optionally mandatory. */
  public static String external(String platform, String version, long code, boolean mandatory) {
    return """
        {"version":"%s","version_code":%d,"platform":"%s",
         "download_url":"https://cdn.example.com/app-%s.apk","file_size":25000000,
         "checksum":"%s","release_notes":"Notes for %s","is_mandatory":%s}
        """
        .formatted(version, code, platform, version, sha(version + platform), version, mandatory);
  }
}
