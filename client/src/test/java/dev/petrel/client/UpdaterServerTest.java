package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.client.testing.ArtifactServer;
import dev.petrel.client.testing.PetrelFixture;
import dev.petrel.client.testing.RecordingInstaller;
import dev.petrel.client.testing.RecordingListener;
import dev.petrel.client.testing.TreeSnapshot;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Feed;
import dev.petrel.protocol.FeedRelease;
import dev.petrel.protocol.Sha256;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The updater against a real Petrel server on port 0: check, download, verify, install. */
class UpdaterServerTest {
  @TempDir Path dir;
  private PetrelFixture petrel;
  private Path stateDir;
  private Path appDir;
  private RecordingInstaller installer;

  @BeforeEach
  void start() {
    petrel = PetrelFixture.start(dir.resolve("server"));
    stateDir = dir.resolve("state");
    appDir = dir.resolve("app");
    installer = new RecordingInstaller(appDir, "1.0.0");
  }

  @AfterEach
  void stop() {
    petrel.close();
  }

  static byte[] artifact(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private Updater.Builder updater(URI... servers) {
    Updater.Builder builder =
        Updater.builder()
            .app(PetrelFixture.APP)
            .platform(PetrelFixture.PLATFORM)
            .installedVersion("1.0.0", 10)
            .trustedKey(petrel.publicKey())
            .stateDir(stateDir)
            .installer(installer)
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .reportEvents(false);
    for (URI server : servers) {
      builder.server(server);
    }
    return builder;
  }

  @Test
  void checksDownloadsVerifiesAndInstallsOnce() throws Exception {
    byte[] bytes = artifact(300_000, 1);
    petrel.publish("1.2.0", 12, bytes);
    RecordingListener listener = new RecordingListener();

    try (Updater updater = updater(petrel.uri()).build()) {
      CheckResult check = updater.check();
      VerifiedUpdate update = updater.download(check.offer(), listener, new Cancellation());
      InstallResult result = updater.install(update, listener);

      assertThat(check.updateAvailable()).isTrue();
      assertThat(check.source()).isEqualTo(petrel.uri());
      assertThat(check.offer().version()).isEqualTo("1.2.0");
      assertThat(check.offer().versionCode()).isEqualTo(12);
      assertThat(check.offer().size()).isEqualTo(bytes.length);
      assertThat(check.offer().sha256()).isEqualTo(Sha256.of(bytes).hex());
      assertThat(check.offer().releaseNotes()).isEqualTo("Notes for 1.2.0");
      assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
      assertThat(result.installedVersion()).isEqualTo("1.2.0");
      assertThat(installer.installs()).hasSize(1);
      assertThat(Files.readAllBytes(appDir.resolve("versions/1.2.0/artifact"))).isEqualTo(bytes);
      assertThat(listener.calls())
          .containsExactly(
              "downloadStarted 1.2.0 0/300000",
              "progress",
              "verified 1.2.0",
              "installStarted 1.2.0",
              "installed 1.2.0");
      assertThat(listener.lastDone()).isEqualTo(bytes.length);
      assertThat(updater.history())
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.kind()).isEqualTo("install");
                assertThat(entry.fromVersion()).isEqualTo("1.0.0");
                assertThat(entry.toVersion()).isEqualTo("1.2.0");
                assertThat(entry.outcome()).isEqualTo("succeeded");
              });
      assertThat(updater.installedVersion()).isEqualTo("1.2.0");
      assertThat(updater.check().updateAvailable()).isFalse();
    }
  }

  @Test
  void offersNothingWhenTheInstalledVersionIsTheNewest() throws Exception {
    petrel.publish("1.0.0", 10, artifact(1000, 2));

    try (Updater updater = updater(petrel.uri()).build()) {
      CheckResult check = updater.check();

      assertThat(check.updateAvailable()).isFalse();
      assertThat(check.offer()).isNull();
      assertThat(check.currentRecalled()).isFalse();
    }
  }

  @Test
  void refusesAnUnsignedReleaseAndLeavesStateAsItWas() throws Exception {
    petrel.publish("1.2.0", 12, artifact(1000, 3), false);
    try (Updater updater = updater(petrel.uri()).build()) {
      TreeMap<String, String> before = TreeSnapshot.of(stateDir);
      TreeMap<String, String> appBefore = TreeSnapshot.of(appDir);

      assertThatThrownBy(updater::check)
          .isInstanceOf(UpdateException.class)
          .hasMessageContaining("release 1.2.0 is unsigned")
          .extracting(e -> ((UpdateException) e).reason())
          .isEqualTo(UpdateException.Reason.VERIFICATION);
      assertThat(TreeSnapshot.of(stateDir)).isEqualTo(before);
      assertThat(TreeSnapshot.of(appDir)).isEqualTo(appBefore);
    }
  }

  @Test
  void asksTheNextServerWhenTheFirstIsDown() throws Exception {
    petrel.publish("1.2.0", 12, artifact(1000, 4));
    URI dead = deadServer();

    try (Updater updater = updater(dead, petrel.uri()).build()) {
      CheckResult check = updater.check();

      assertThat(check.source()).isEqualTo(petrel.uri());
      assertThat(check.offer().version()).isEqualTo("1.2.0");
    }
  }

  @Test
  void asksTheNextServerWhenTheFirstAnswers503() throws Exception {
    petrel.publish("1.2.0", 12, artifact(1000, 5));
    try (ArtifactServer failing = ArtifactServer.serving(new byte[0])) {
      URI broken = failing.uri("/broken");
      // ArtifactServer answers 404 to unknown paths: an error status, skipped like a 503.
      try (Updater updater = updater(broken, petrel.uri()).build()) {
        CheckResult check = updater.check();

        assertThat(check.source()).isEqualTo(petrel.uri());
      }
    }
  }

  @Test
  void fallsBackToASignedFeedWhenEveryServerIsDown() throws Exception {
    byte[] bytes = artifact(50_000, 6);
    byte[] feedBytes;
    try (ArtifactServer files = ArtifactServer.serving(bytes)) {
      var signed =
          petrel
              .key()
              .signer()
              .sign(
                  dev.petrel.server.testing.SignedReleases.statement(
                          PetrelFixture.APP, Sha256.of(bytes), bytes.length)
                      .platform(new dev.petrel.protocol.Platform("linux"))
                      .build());
      feedBytes =
          new Feed(
                  new AppId(PetrelFixture.APP),
                  Instant.parse("2026-11-23T18:00:00Z"),
                  List.of(FeedRelease.of(signed, files.artifactUri().toString())))
              .toJson();
      files.document("/feed.json", feedBytes);

      try (Updater updater = updater(deadServer()).feed(files.uri("/feed.json")).build()) {
        CheckResult check = updater.check();
        VerifiedUpdate update = updater.download(check.offer(), null, null);
        updater.install(update, null);

        assertThat(check.source()).isEqualTo(files.uri("/feed.json"));
        assertThat(check.offer().version()).isEqualTo("1.2.0");
        assertThat(installer.installs()).hasSize(1);
        assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
      }
    }
  }

  @Test
  void failsWithEverySourceNamedWhenAllAreDown() throws Exception {
    URI first = deadServer();
    URI second = deadServer();
    try (Updater updater = updater(first, second).build()) {
      TreeMap<String, String> before = TreeSnapshot.of(stateDir, Set.of());

      assertThatThrownBy(updater::check)
          .isInstanceOf(UpdateException.class)
          .hasMessageContaining(first.toString())
          .hasMessageContaining(second.toString())
          .extracting(e -> ((UpdateException) e).reason())
          .isEqualTo(UpdateException.Reason.NETWORK);
      assertThat(TreeSnapshot.of(stateDir)).isEqualTo(before);
    }
  }

  /** A URL where nothing listens: a port bound and released. */
  static URI deadServer() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }
}
