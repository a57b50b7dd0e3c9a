package dev.petrel.server.testing;

import java.net.http.HttpRequest;

/** Uploads an artifact and publishes it as a hosted release, as {@code petrel publish} does. */
public final class HostedReleases {
  private HostedReleases() {}

  /** Uploads {@code bytes} to the default app as the admin; the artifact's SHA-256. */
  public static String upload(TestServer server, byte[] bytes) {
    TestResponse uploaded =
        server.send(
            server
                .request("/api/v1/apps/default/artifacts")
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    if (uploaded.status() != 201) {
      throw new IllegalStateException("upload refused: " + uploaded);
    }
    return uploaded.json().get("sha256").asText();
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
}
