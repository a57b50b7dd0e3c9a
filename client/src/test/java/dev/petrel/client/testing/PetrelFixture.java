package dev.petrel.client.testing;

import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import dev.petrel.server.testing.SignedReleases;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestKeys;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * A real Petrel server on port 0 (SQLite: the client does not care which database) with app {@code
 * notes}, a registered release key, and helpers to publish signed linux releases.
 */
public final class PetrelFixture implements AutoCloseable {
  public static final String APP = "notes";
  public static final String PLATFORM = "linux";

  private final TestServer server;
  private final ReleaseKeyPair key = ReleaseKeyPair.generate();

  private PetrelFixture(TestServer server) {
    this.server = server;
  }

  /** Starts the server with data under {@code dir}. */
  public static PetrelFixture start(Path dir) {
    PetrelFixture fixture = new PetrelFixture(TestServer.start(TestDatabase.SQLITE, dir));
    fixture.require(201, fixture.server.postAsAdmin("/api/v1/apps", "{\"id\":\"" + APP + "\"}"));
    fixture.require(
        201,
        fixture.server.postAsAdmin(
            "/api/v1/apps/" + APP + "/keys", TestKeys.addBody(fixture.key.publicKey())));
    return fixture;
  }

  /** A release as published. */
  public record Published(long id, String version, long code, byte[] bytes) {}

  /** Uploads {@code bytes} and publishes them, signed, as a stable linux release. */
  public Published publish(String version, long code, byte[] bytes) {
    return publish(version, code, bytes, true);
  }

  /** Uploads {@code bytes} and publishes them as a stable linux release, signed or not. */
  public Published publish(String version, long code, byte[] bytes, boolean signed) {
    return publish(PLATFORM, version, code, bytes, signed);
  }

  /** Uploads {@code bytes} and publishes them as a stable release of {@code platform}. */
  public Published publish(
      String platform, String version, long code, byte[] bytes, boolean signed) {
    SignedReleases.Uploaded uploaded = SignedReleases.upload(server, APP, bytes);
    String statement = null;
    String signature = null;
    if (signed) {
      SignedStatement signedStatement =
          key.signer()
              .sign(
                  SignedReleases.statement(APP, uploaded)
                      .platform(new Platform(platform))
                      .channel(Channel.STABLE)
                      .version(Version.parse(version))
                      .versionCode(code)
                      .build());
      statement = SignedReleases.base64(signedStatement.statement().canonicalBytes());
      signature = signedStatement.signature();
    }
    String body =
        "{\"platform\":\""
            + platform
            + "\",\"version\":\""
            + version
            + "\",\"version_code\":"
            + code
            + ",\"release_notes\":\"Notes for "
            + version
            + "\",\"artifact_sha256\":\""
            + uploaded.sha256().hex()
            + "\""
            + SignedReleases.field("statement", statement)
            + SignedReleases.field("signature", signature)
            + "}";
    TestResponse published = server.postAsAdmin("/api/v1/apps/" + APP + "/releases", body);
    require(201, published);
    return new Published(published.json().at("/release/id").asLong(), version, code, bytes);
  }

  public ReleaseKeyPair key() {
    return key;
  }

  /** The pinned key as the builder takes it. */
  public String publicKey() {
    return key.publicKey().base64();
  }

  public URI uri() {
    return URI.create(server.url());
  }

  public TestServer server() {
    return server;
  }

  private void require(int status, TestResponse response) {
    if (response.status() != status) {
      throw new IllegalStateException("expected HTTP " + status + ", found " + response);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
