package dev.petrel.server.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** Uploads an artifact and publishes it as a hosted release, as {@code petrel publish} does. */
public final class HostedReleases {
  private HostedReleases() {}

  /** Uploads {@code bytes} to the default app as the admin; the artifact's SHA-256. */
  public static String upload(TestServer server, byte[] bytes) {
    return SignedReleases.upload(server, "default", bytes).sha256().hex();
  }

  /**
   * Uploads {@code bytes} and publishes them on the default app as {@code platform} {@code version}
   * ({@code code}) named {@code fileName}, with {@code extra} JSON fields ("" for none).
   */
  public static TestResponse publish(
      TestServer server,
      byte[] bytes,
      String platform,
      String version,
      long code,
      String fileName,
      String extra) {
    String sha = upload(server, bytes);
    return server.postAsAdmin(
        "/api/v1/apps/default/releases",
        """
        {"platform":"%s","version":"%s","version_code":%d,"artifact_sha256":"%s","file_name":"%s"%s}
        """
            .formatted(platform, version, code, sha, fileName, extra.isEmpty() ? "" : "," + extra));
  }

  /**
   * Uploads {@code bytes} and publishes them on the default app as linux {@code version} ({@code
   * code}); the release's id.
   *
   * @throws IllegalStateException when the server does not create the release
   */
  public static long publishLinux(TestServer server, String version, long code, byte[] bytes) {
    String sha = upload(server, bytes);
    TestResponse published =
        server.postAsAdmin(
            "/api/v1/apps/default/releases",
            """
            {"platform":"linux","version":"%s","version_code":%d,"artifact_sha256":"%s"}"""
                .formatted(version, code, sha));
    if (published.status() != 201) {
      throw new IllegalStateException("publish refused: " + published);
    }
    return published.json().at("/release/id").asLong();
  }

  /**
   * The default app's answer to a linux device ({@code device-1}) on 1.0.0 with {@code versionCode}
   * that checks for an update.
   *
   * @throws IllegalStateException when the server does not answer 200
   */
  public static JsonNode checkLinux(TestServer server, long versionCode) {
    TestResponse answer =
        server.post(
            "/api/v1/apps/default/check",
            """
            {"platform":"linux","current_version":"1.0.0","version_code":%d,"device_id":"device-1"}"""
                .formatted(versionCode));
    if (answer.status() != 200) {
      throw new IllegalStateException("check refused: " + answer);
    }
    return answer.json();
  }
}
