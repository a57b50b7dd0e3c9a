package dev.petrel.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.ReleaseStatementBuilder;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.Version;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.Base64;

/**
 * Test data for signed publishes: upload an artifact, describe it in a statement, and build the
 * publish JSON of a hosted {@code windows} release 1.2.0 (code 12) on the stable channel.
 */
public final class SignedReleases {
  public static final Instant ISSUED_AT = Instant.parse("2025-10-27T12:00:00Z");

  private SignedReleases() {}

  /** An artifact uploaded to the server. */
  public record Uploaded(Sha256 sha256, long size) {}

  /** Uploads {@code bytes} to {@code app} as the admin. */
  public static Uploaded upload(TestServer server, String app, byte[] bytes) {
    TestResponse stored =
        server.send(
            server
                .request("/api/v1/apps/" + app + "/artifacts")
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .POST(BodyPublishers.ofByteArray(bytes)));
    if (stored.status() != 201) {
      throw new IllegalStateException("upload failed: " + stored);
    }
    JsonNode json = stored.json();
    return new Uploaded(
        Sha256.parse("sha256", json.get("sha256").asText()), json.get("size").asLong());
  }

  /** The statement that matches {@link #hostedBody} for {@code artifact} of {@code app}. */
  public static ReleaseStatementBuilder statement(String app, Uploaded artifact) {
    return statement(app, artifact.sha256(), artifact.size());
  }

  /** A statement of a stable windows release 1.2.0 (12) of {@code app}, not mandatory. */
  public static ReleaseStatementBuilder statement(String app, Sha256 sha256, long size) {
    return ReleaseStatement.builder()
        .app(AppId.parse("app", app))
        .platform(Platform.parse("platform", "windows"))
        .channel(Channel.STABLE)
        .version(Version.parse("1.2.0"))
        .versionCode(12)
        .sha256(sha256)
        .size(size)
        .issuedAt(ISSUED_AT);
  }

  /** Publish JSON of the hosted release; {@code statement} and {@code signature} may be null. */
  public static String hostedBody(Uploaded artifact, String statement, String signature) {
    return "{\"platform\":\"windows\",\"version\":\"1.2.0\",\"version_code\":12,"
        + "\"artifact_sha256\":\""
        + artifact.sha256().hex()
        + "\""
        + field("statement", statement)
        + field("signature", signature)
        + "}";
  }

  /** {@code ,"name":"value"}, or nothing for a null value. */
  public static String field(String name, String value) {
    return value == null ? "" : ",\"" + name + "\":\"" + value + "\"";
  }

  /** Standard base64 with padding. */
  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
