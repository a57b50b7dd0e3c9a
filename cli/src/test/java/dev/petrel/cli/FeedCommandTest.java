package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.Channel;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.SignedReleases;
import dev.petrel.server.testing.TestKeys;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code petrel feed export} against a real server, then {@code petrel feed verify} offline. */
class FeedCommandTest extends ServerTest {
  private final ReleaseKeyPair key = ReleaseKeyPair.generate();
  private Path publicKey;

  @BeforeEach
  void registerKey() throws Exception {
    publicKey = dir.resolve("release.pub");
    key.writePublicKey(publicKey);
    TestResponse added =
        server.postAsAdmin("/api/v1/apps/default/keys", TestKeys.addBody(key.publicKey()));
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
  }

  private CliRun petrel(String... args) {
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN), args);
  }

  /** Publishes a hosted release of {@code default}; signed unless {@code signed} is false. */
  private long publish(
      String platform, Channel channel, String version, long code, boolean signed) {
    SignedReleases.Uploaded artifact =
        SignedReleases.upload(
            server, "default", (platform + version).getBytes(StandardCharsets.UTF_8));
    String statement = null;
    String signature = null;
    if (signed) {
      SignedStatement signedStatement =
          key.signer()
              .sign(
                  SignedReleases.statement("default", artifact)
                      .platform(new dev.petrel.protocol.Platform(platform))
                      .channel(channel)
                      .version(Version.parse(version))
                      .versionCode(code)
                      .build());
      statement = SignedReleases.base64(signedStatement.statement().canonicalBytes());
      signature = signedStatement.signature();
    }
    String body =
        "{\"platform\":\""
            + platform
            + "\",\"channel\":\""
            + channel.wireName()
            + "\",\"version\":\""
            + version
            + "\",\"version_code\":"
            + code
            + ",\"artifact_sha256\":\""
            + artifact.sha256().hex()
            + "\""
            + SignedReleases.field("statement", statement)
            + SignedReleases.field("signature", signature)
            + "}";
    TestResponse published = server.postAsAdmin("/api/v1/apps/default/releases", body);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().get("release").get("id").asLong();
  }

  private CliRun export() {
    return petrel("feed", "export", "--app", "default", "--out", dir.resolve("site").toString());
  }

  private Path feedFile() {
    return dir.resolve("site").resolve("default").resolve("feed.json");
  }

  private CliRun verify() {
    return CliRun.run(
        "feed",
        "verify",
        "--file",
        feedFile().toString(),
        "--app",
        "default",
        "--key",
        publicKey.toString());
  }

  @Test
  void exportsTheNewestSignedReleasePerPlatformAndChannelAndItVerifiesWithThePublicKeyAlone() {
    publish("android", Channel.STABLE, "1.0.0", 10, true);
    publish("android", Channel.STABLE, "1.1.0", 11, true);
    publish("android", Channel.BETA, "1.2.0-beta.1", 12, true);
    publish("windows", Channel.STABLE, "2.0.0", 20, true);

    CliRun export = export();
    CliRun verify = verify();

    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out())
        .startsWith("wrote " + feedFile() + ": 3 signed release(s) of default\n")
        .contains("  android/stable 1.1.0 (11) key " + key.publicKey().id())
        .contains("  android/beta 1.2.0-beta.1 (12)")
        .contains("  windows/stable 2.0.0 (20)")
        .doesNotContain("1.0.0");
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out())
        .startsWith("verified " + feedFile() + ": 3 signed release(s) of default\n")
        .containsPattern("android/stable 1.1.0 \\(11\\) sha256 [0-9a-f]{64} key ");
  }

  @Test
  void skipsUnsignedAndDeactivatedReleasesAndSaysWhich() throws Exception {
    publish("android", Channel.STABLE, "1.0.0", 10, true);
    publish("android", Channel.STABLE, "1.1.0", 11, false);
    long recalled = publish("android", Channel.STABLE, "1.2.0", 12, true);
    publish("linux", Channel.STABLE, "3.0.0", 30, false);
    server.postAsAdmin("/api/v1/apps/default/releases/" + recalled + "/deactivate", "{}");

    CliRun export = export();

    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out())
        .contains("1 signed release(s)")
        .contains("  android/stable 1.0.0 (10)")
        .containsPattern("skipped unsigned android/stable 1.1.0 \\(11\\), release \\d+: unsigned")
        .contains("skipped unsigned linux/stable 3.0.0 (30)")
        .doesNotContain("1.2.0");
    String feed = Files.readString(feedFile());
    assertThat(feed).doesNotContain("\"1.1.0\"", "\"1.2.0\"", "linux");
    assertThat(verify().exit()).isZero();
  }

  @Test
  void aFeedWithAnEditedVersionFailsVerification() throws Exception {
    publish("android", Channel.STABLE, "1.1.0", 11, true);
    assertThat(export().exit()).isZero();
    Files.writeString(
        feedFile(),
        Files.readString(feedFile()).replace("\"version\": \"1.1.0\"", "\"version\": \"1.9.0\""));

    CliRun verify = verify();

    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.err())
        .isEqualTo(
            "petrel: refused "
                + feedFile()
                + ": feed.releases[0].version: the feed says '1.9.0' but the signed statement"
                + " says '1.1.0'\n");
  }

  @Test
  void aFeedWithAnEditedStatementByteFailsVerification() throws Exception {
    publish("android", Channel.STABLE, "1.1.0", 11, true);
    assertThat(export().exit()).isZero();
    String feed = Files.readString(feedFile());
    String statement = feed.replaceAll("(?s).*\"statement\": \"([^\"]+)\".*", "$1");
    byte[] bytes = Base64.getDecoder().decode(statement);
    String json = new String(bytes, StandardCharsets.UTF_8);
    byte[] edited =
        json.replace("\"mandatory\":false", "\"mandatory\":true").getBytes(StandardCharsets.UTF_8);
    Files.writeString(
        feedFile(), feed.replace(statement, Base64.getEncoder().encodeToString(edited)));

    CliRun verify = verify();

    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.err())
        .startsWith("petrel: refused " + feedFile() + ": feed.releases[0].signature: not made by");
  }

  @Test
  void aFeedVerifiedWithAnotherKeyIsRefused() throws Exception {
    publish("android", Channel.STABLE, "1.1.0", 11, true);
    assertThat(export().exit()).isZero();
    Path other = dir.resolve("other.pub");
    ReleaseKeyPair.generate().writePublicKey(other);

    CliRun verify =
        CliRun.run(
            "feed",
            "verify",
            "--file",
            feedFile().toString(),
            "--app",
            "default",
            "--key",
            other.toString());

    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.err()).contains("not made by any of the 1 pinned release key(s)");
  }

  @Test
  void exportsAnEmptyFeedWhenNothingIsSigned() throws Exception {
    publish("android", Channel.STABLE, "1.1.0", 11, false);

    CliRun export = export();

    assertThat(export.exit()).as(export.err()).isZero();
    assertThat(export.out()).contains("0 signed release(s)").contains("skipped unsigned");
    assertThat(Files.readString(feedFile())).contains("\"releases\": []");
    assertThat(verify().exit()).isZero();
  }
}
