package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.testing.PetrelFixture;
import dev.petrel.client.testing.RecordingInstaller;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.protocol.Version;
import dev.petrel.server.testing.RecallFixture;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the real server's recall answers and events endpoint: a signed recall sends a desktop back
 * to the target, Android is told to wait for a fix forward, and the updater's events arrive.
 */
class ServerRecallAndEventsTest {
  @TempDir Path dir;
  private PetrelFixture petrel;
  private RecordingInstaller installer;

  @BeforeEach
  void start() {
    petrel = PetrelFixture.start(dir.resolve("server"));
    installer = new RecordingInstaller(dir.resolve("app"), "1.1.0");
  }

  @AfterEach
  void stop() {
    petrel.close();
  }

  private Updater.Builder updater(String platform) {
    return Updater.builder()
        .server(petrel.uri())
        .app(PetrelFixture.APP)
        .platform(platform)
        .installedVersion("1.1.0", 11)
        .trustedKey(petrel.publicKey())
        .stateDir(dir.resolve("state-" + platform))
        .installer(installer)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5));
  }

  private void recall(String platform, long recalledId, boolean withTarget) {
    var statement =
        RecallStatement.builder()
            .app(new AppId(PetrelFixture.APP))
            .platform(new Platform(platform))
            .recalled(Version.parse("1.1.0"), 11)
            .reason("Crashes on start")
            .issuedAt(Instant.parse("2026-11-23T18:00:00Z"));
    if (withTarget) {
      statement.target(Version.parse("1.0.0"), 10);
    }
    TestResponse recalled =
        petrel
            .server()
            .post(
                "/api/v1/apps/" + PetrelFixture.APP + "/releases/" + recalledId + "/recall",
                RecallFixture.signedBody(statement.build(), petrel.key()),
                TestServer.ADMIN_TOKEN);
    assertThat(recalled.status()).as(recalled.toString()).isEqualTo(200);
  }

  @Test
  void aSignedRecallSendsADesktopBackToItsTarget() throws Exception {
    byte[] old = UpdaterServerTest.artifact(20_000, 1);
    petrel.publish("1.0.0", 10, old);
    PetrelFixture.Published bad =
        petrel.publish("1.1.0", 11, UpdaterServerTest.artifact(20_000, 2));
    recall("linux", bad.id(), true);

    try (Updater updater = updater("linux").build()) {
      CheckResult check = updater.check();
      VerifiedUpdate update = updater.download(check.offer(), null, null);
      updater.install(update, null);

      assertThat(check.currentRecalled()).isTrue();
      assertThat(check.offer().downgrade()).isTrue();
      assertThat(check.offer().version()).isEqualTo("1.0.0");
      assertThat(check.offer().mandatory()).isTrue();
      assertThat(check.recallMessage()).contains("Go back to 1.0.0");
      assertThat(Files.readAllBytes(dir.resolve("app/versions/1.0.0/artifact"))).isEqualTo(old);
      assertThat(updater.history()).last().extracting(HistoryEntry::kind).isEqualTo("recall");
    }
  }

  @Test
  void anAndroidDeviceOnARecalledReleaseIsToldAndOfferedNothing() throws Exception {
    petrel.publish("android", "1.0.0", 10, UpdaterServerTest.artifact(1000, 3), true);
    PetrelFixture.Published bad =
        petrel.publish("android", "1.1.0", 11, UpdaterServerTest.artifact(1000, 4), true);
    recall("android", bad.id(), true);

    try (Updater updater = updater("android").build()) {
      CheckResult check = updater.check();

      assertThat(check.updateAvailable()).isFalse();
      assertThat(check.currentRecalled()).isTrue();
      assertThat(check.recallMessage()).contains("fixed version forward");
    }
  }

  @Test
  void theUpdatersEventsReachTheServer() throws Exception {
    petrel.publish("1.2.0", 12, UpdaterServerTest.artifact(20_000, 5));

    try (Updater updater = updater("linux").build()) {
      updater.install(updater.download(updater.check().offer(), null, null), null);

      assertThat(updater.reporter().sender().awaitIdle(Duration.ofSeconds(20))).isTrue();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (petrel.server().count("client_events") < 4 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }

    assertThat(petrel.server().count("client_events")).isEqualTo(4);
    assertThat(
            petrel
                .server()
                .queryLong(
                    "SELECT COUNT(*) FROM client_events WHERE type = 'install_succeeded'"
                        + " AND version = '1.2.0' AND from_version = '1.1.0'"
                        + " AND release_id IS NOT NULL"))
        .isEqualTo(1);
    try (var files = Files.list(dir.resolve("state-linux/outbox"))) {
      assertThat(files).isEmpty();
    }
  }
}
