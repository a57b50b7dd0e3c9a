package dev.petrel.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.protocol.RecallStatementBuilder;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.SignedRecall;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import java.time.Instant;

/**
 * Test data for recalls: an app with a registered release key, signed external releases on any
 * platform (as {@link Releases#external} describes them), signed recall statements, and the
 * requests that recall and check.
 */
public final class RecallFixture {
  public static final Instant ISSUED_AT = Instant.parse("2025-10-28T09:30:00Z");

  private final TestServer server;
  private final String app;
  private final ReleaseKeyPair keys;

  private RecallFixture(TestServer server, String app, ReleaseKeyPair keys) {
    this.server = server;
    this.app = app;
    this.keys = keys;
  }

  /** Creates {@code app} (unless it is {@code default}) and registers a fresh release key. */
  public static RecallFixture create(TestServer server, String app) {
    if (!app.equals("default")) {
      TestResponse created = server.postAsAdmin("/api/v1/apps", "{\"id\":\"" + app + "\"}");
      assertThat(created.status()).as("create app: %s", created).isEqualTo(201);
    }
    ReleaseKeyPair keys = ReleaseKeyPair.generate();
    TestResponse added =
        server.postAsAdmin("/api/v1/apps/" + app + "/keys", TestKeys.addBody(keys.publicKey()));
    assertThat(added.status()).as("add key: %s", added).isEqualTo(201);
    return new RecallFixture(server, app, keys);
  }

  public ReleaseKeyPair keys() {
    return keys;
  }

  /** Publishes a signed external stable release and returns its id. */
  public long publishSigned(String platform, String version, long code) {
    return publishSigned(platform, version, code, "");
  }

  /**
   * Publishes a signed external stable release with extra publish fields ({@code extra} is a JSON
   * fragment starting with a comma, or empty) and returns its id.
   */
  public long publishSigned(String platform, String version, long code, String extra) {
    ReleaseStatement statement =
        ReleaseStatement.builder()
            .app(new AppId(app))
            .platform(new Platform(platform))
            .channel(Channel.STABLE)
            .version(Version.parse(version))
            .versionCode(code)
            .sha256(Sha256.parse("sha", Releases.sha(version + platform)))
            .size(25_000_000)
            .issuedAt(ISSUED_AT)
            .build();
    SignedStatement signed = keys.signer().sign(statement);
    String body =
        Releases.external(platform, version, code)
            .strip()
            .replaceFirst(
                "}$",
                SignedReleases.field("statement", SignedReleases.base64(statement.canonicalBytes()))
                    + SignedReleases.field("signature", signed.signature())
                    + extra
                    + "}");
    return publish(body);
  }

  /** Publishes an unsigned external stable release and returns its id. */
  public long publishUnsigned(String platform, String version, long code) {
    return publish(Releases.external(platform, version, code));
  }

  private long publish(String body) {
    TestResponse published = server.postAsAdmin("/api/v1/apps/" + app + "/releases", body);
    assertThat(published.status()).as("publish: %s", published).isEqualTo(201);
    return published.json().at("/release/id").asLong();
  }

  /** A recall statement of {@code version} ({@code code}) on {@code platform}, without target. */
  public RecallStatementBuilder recall(String platform, String version, long code) {
    return RecallStatement.builder()
        .app(new AppId(app))
        .platform(new Platform(platform))
        .recalled(Version.parse(version), code)
        .reason("Crashes on start")
        .issuedAt(ISSUED_AT);
  }

  /** The body of a recall signed with this fixture's key. */
  public String signedBody(RecallStatement statement) {
    return signedBody(statement, keys);
  }

  /** The body of a recall signed with {@code signer}. */
  public static String signedBody(RecallStatement statement, ReleaseKeyPair signer) {
    SignedRecall signed = signer.signer().sign(statement);
    return "{\"statement\":\""
        + SignedReleases.base64(statement.canonicalBytes())
        + "\",\"signature\":\""
        + signed.signature()
        + "\"}";
  }

  /** POSTs a recall of release {@code id} with {@code token}. */
  public TestResponse recall(long id, String body, String token) {
    return server.post("/api/v1/apps/" + app + "/releases/" + id + "/recall", body, token);
  }

  /** A v1 check from a stable device on {@code platform} running {@code version}+{@code code}. */
  public TestResponse check(String platform, String version, long code) {
    return server.post(
        "/api/v1/apps/" + app + "/check",
        "{\"platform\":\""
            + platform
            + "\",\"current_version\":\""
            + version
            + "+"
            + code
            + "\",\"device_id\":\"device-1\"}");
  }

  /** Whether release {@code id} is active, as the release API says. */
  public boolean active(long id) {
    return server
        .get("/api/v1/apps/" + app + "/releases/" + id, TestServer.ADMIN_TOKEN)
        .json()
        .at("/release/is_active")
        .asBoolean();
  }
}
