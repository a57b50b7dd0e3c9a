package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.client.testing.ArtifactServer;
import dev.petrel.client.testing.ArtifactServer.Content;
import dev.petrel.client.testing.CuttingProxy;
import dev.petrel.client.testing.PetrelFixture;
import dev.petrel.client.testing.RecordingInstaller;
import dev.petrel.client.testing.RecordingListener;
import dev.petrel.client.testing.TreeSnapshot;
import dev.petrel.protocol.Sha256;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads through faults: the statement comes from a real Petrel server's check; the bytes come
 * through a cutting proxy in front of that server, or from an in-test server that misbehaves.
 */
class DownloadFaultTest {
  private static final int SIZE = 1_000_000;

  @TempDir Path dir;
  private PetrelFixture petrel;
  private Path stateDir;
  private RecordingInstaller installer;
  private byte[] bytes;
  private Offer offer;

  @BeforeEach
  void publish() throws Exception {
    petrel = PetrelFixture.start(dir.resolve("server"));
    stateDir = dir.resolve("state");
    installer = new RecordingInstaller(dir.resolve("app"), "1.0.0");
    bytes = UpdaterServerTest.artifact(SIZE, 42);
    petrel.publish("1.2.0", 12, bytes);
    try (Updater updater = builder().build()) {
      offer = updater.check().offer();
    }
  }

  @AfterEach
  void stop() {
    petrel.close();
  }

  private Updater.Builder builder() {
    return Updater.builder()
        .server(petrel.uri())
        .app(PetrelFixture.APP)
        .platform(PetrelFixture.PLATFORM)
        .installedVersion("1.0.0", 10)
        .trustedKey(petrel.publicKey())
        .stateDir(stateDir)
        .installer(installer)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .reportEvents(false);
  }

  static Offer at(Offer offer, URI url) {
    return new Offer(
        offer.version(),
        offer.versionCode(),
        offer.channel(),
        offer.mandatory(),
        offer.releaseNotes(),
        offer.size(),
        offer.sha256(),
        url,
        offer.downgrade(),
        offer.statement(),
        offer.signature(),
        offer.signingKeyId(),
        offer.recallStatement(),
        offer.recallSignature());
  }

  private Path part() {
    return stateDir.resolve("downloads").resolve(Sha256.of(bytes).hex() + ".part");
  }

  @Test
  void aConnectionCutAtHalfResumesFromTheRealServerAndInstallsOnce() throws Exception {
    try (CuttingProxy proxy = CuttingProxy.to(petrel.uri());
        Updater updater = builder().build()) {
      proxy.cutNextAfter(SIZE / 2);
      Offer viaProxy = at(offer, proxy.uri(offer.downloadUrl().getRawPath()));
      RecordingListener listener = new RecordingListener();

      VerifiedUpdate update = updater.download(viaProxy, listener, new Cancellation());
      updater.install(update, listener);

      assertThat(proxy.heads()).hasSize(2);
      assertThat(proxy.heads().get(0)).doesNotContain("Range:");
      assertThat(proxy.heads().get(1))
          .contains("Range: bytes=" + (SIZE / 2) + "-")
          .contains("If-Range: \"");
      assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
      assertThat(installer.installs()).hasSize(1);
      assertThat(listener.calls())
          .containsExactly(
              "downloadStarted 1.2.0 0/" + SIZE,
              "progress",
              "verified 1.2.0",
              "installStarted 1.2.0",
              "installed 1.2.0");
      assertThat(part()).doesNotExist();
    }
  }

  @Test
  void aDownloadCutOffResumesAfterTheAppRestarts() throws Exception {
    try (ArtifactServer files = ArtifactServer.serving(bytes)) {
      files.fault(new ArtifactServer.CutAt(SIZE / 2));
      Offer there = at(offer, files.artifactUri());
      try (Updater first = builder().downloadAttempts(1).build()) {
        assertThatThrownBy(() -> first.download(there, null, null))
            .extracting(e -> ((UpdateException) e).reason())
            .isEqualTo(UpdateException.Reason.NETWORK);
      }
      assertThat(Files.size(part())).isEqualTo(SIZE / 2);

      RecordingListener listener = new RecordingListener();
      try (Updater restarted = builder().build()) {
        VerifiedUpdate update = restarted.download(there, listener, null);
        restarted.install(update, null);

        assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
      }
      assertThat(files.requests().get(1))
          .isEqualTo(new ArtifactServer.Request("bytes=" + SIZE / 2 + "-", "\"v1\"", 206));
      assertThat(listener.calls().get(0))
          .isEqualTo("downloadStarted 1.2.0 " + SIZE / 2 + "/" + SIZE);
      assertThat(installer.installs()).hasSize(1);
    }
  }

  @Test
  void aStalledServerTimesOutAndALaterRetryResumes() throws Exception {
    try (ArtifactServer files = ArtifactServer.serving(bytes)) {
      files.fault(new ArtifactServer.StallAt(SIZE / 2, Duration.ofSeconds(3)));
      Offer there = at(offer, files.artifactUri());
      try (Updater updater =
          builder().readTimeout(Duration.ofMillis(400)).downloadAttempts(1).build()) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> updater.download(there, null, null))
            .hasMessageContaining("SocketTimeoutException")
            .extracting(e -> ((UpdateException) e).reason())
            .isEqualTo(UpdateException.Reason.NETWORK);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(Files.size(part())).isEqualTo(SIZE / 2);

        VerifiedUpdate update = updater.download(there, null, null);

        assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
        assertThat(files.requests().get(1).status()).isEqualTo(206);
      }
    }
  }

  @Test
  void bytesThatChangedBetweenAttemptsAreNeverStitched() throws Exception {
    byte[] wrong = UpdaterServerTest.artifact(SIZE, 7);
    try (ArtifactServer files = ArtifactServer.serving(wrong)) {
      files.change(Content.of(wrong), "\"old\"");
      files.fault(new ArtifactServer.CutAt(SIZE / 2));
      Offer there = at(offer, files.artifactUri());
      try (Updater updater = builder().downloadAttempts(1).build()) {
        assertThatThrownBy(() -> updater.download(there, null, null))
            .isInstanceOf(UpdateException.class);
        files.change(Content.of(bytes), "\"new\"");

        VerifiedUpdate update = updater.download(there, null, null);

        assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
        assertThat(files.requests().get(1))
            .isEqualTo(new ArtifactServer.Request("bytes=" + SIZE / 2 + "-", "\"old\"", 200));
      }
    }
  }

  @Test
  void aPartWithoutValidatorIsNotResumed() throws Exception {
    try (ArtifactServer files = ArtifactServer.serving(bytes)) {
      files.change(Content.of(bytes), null);
      files.fault(new ArtifactServer.CutAt(SIZE / 2));
      Offer there = at(offer, files.artifactUri());
      try (Updater updater = builder().build()) {
        VerifiedUpdate update = updater.download(there, null, null);

        assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
        assertThat(files.requests())
            .extracting(ArtifactServer.Request::range)
            .containsExactly(null, null);
      }
    }
  }

  @Test
  void aServerIgnoringRangeGetsAFullDownload() throws Exception {
    try (ArtifactServer files = ArtifactServer.serving(bytes)) {
      files.ignoreRange();
      files.fault(new ArtifactServer.CutAt(SIZE / 2));
      Offer there = at(offer, files.artifactUri());
      RecordingListener listener = new RecordingListener();
      try (Updater updater = builder().build()) {
        VerifiedUpdate update = updater.download(there, listener, null);

        assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
        assertThat(files.requests().get(1).range()).isEqualTo("bytes=" + SIZE / 2 + "-");
        assertThat(files.requests().get(1).status()).isEqualTo(200);
        assertThat(listener.lastDone()).isEqualTo(SIZE);
      }
    }
  }

  @Test
  void aBodyDeclaredLongerThanTheStatementIsRefusedUntouched() throws Exception {
    try (ArtifactServer files = ArtifactServer.serving(bytes);
        Updater updater = builder().build()) {
      files.appendExtraBytes(10);
      TreeMap<String, String> before = TreeSnapshot.of(stateDir, Set.of("outbox"));

      assertThatThrownBy(() -> updater.download(at(offer, files.artifactUri()), null, null))
          .hasMessageContaining("the server's file is " + (SIZE + 10) + " bytes")
          .extracting(e -> ((UpdateException) e).reason())
          .isEqualTo(UpdateException.Reason.VERIFICATION);
      assertThat(TreeSnapshot.of(stateDir, Set.of("outbox"))).isEqualTo(before);
    }
  }

  @Test
  void aChunkedBodyLongerThanTheStatementIsCutAtTheSizeAndRefused() throws Exception {
    try (ArtifactServer files = ArtifactServer.serving(bytes);
        Updater updater = builder().build()) {
      files.chunked();
      files.appendExtraBytes(10);
      TreeMap<String, String> before = TreeSnapshot.of(stateDir, Set.of("outbox"));

      assertThatThrownBy(() -> updater.download(at(offer, files.artifactUri()), null, null))
          .hasMessageContaining("more than the declared " + SIZE + " bytes")
          .extracting(e -> ((UpdateException) e).reason())
          .isEqualTo(UpdateException.Reason.VERIFICATION);
      assertThat(TreeSnapshot.of(stateDir, Set.of("outbox"))).isEqualTo(before);
      assertThat(files.requests()).hasSize(1);
    }
  }

  @Test
  void a503WithRetryAfterIsWaitedForThenTheDownloadSucceeds() throws Exception {
    try (ArtifactServer files = ArtifactServer.serving(bytes);
        Updater updater = builder().build()) {
      files.fault(new ArtifactServer.Status(503, "1"));
      long started = System.nanoTime();

      VerifiedUpdate update = updater.download(at(offer, files.artifactUri()), null, null);

      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
      assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
      assertThat(files.requests())
          .extracting(ArtifactServer.Request::status)
          .containsExactly(503, 200);
    }
  }

  @Test
  void aRetryAfterBeyondTheCapFailsWithoutWaiting() throws Exception {
    try (ArtifactServer files = ArtifactServer.serving(bytes);
        Updater updater = builder().maxRetryAfter(Duration.ofSeconds(2)).build()) {
      files.fault(new ArtifactServer.Status(429, "3600"));
      long started = System.nanoTime();

      assertThatThrownBy(() -> updater.download(at(offer, files.artifactUri()), null, null))
          .hasMessageContaining("HTTP 429")
          .hasMessageContaining("retry after 3600 s")
          .extracting(e -> ((UpdateException) e).reason())
          .isEqualTo(UpdateException.Reason.SERVER);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void aCancelledDownloadKeepsItsPartAndTheNextOneResumes() throws Exception {
    try (ArtifactServer files = ArtifactServer.serving(bytes);
        Updater updater = builder().build()) {
      Offer there = at(offer, files.artifactUri());
      files.fault(new ArtifactServer.StallAt(SIZE / 2, Duration.ofSeconds(2)));
      Cancellation cancellation = new Cancellation();
      Thread canceller =
          new Thread(
              () -> {
                try {
                  while (!Files.exists(part()) || Files.size(part()) < SIZE / 2) {
                    Thread.sleep(5);
                  }
                } catch (Exception e) {
                  // The download failed some other way; the assertions below say how.
                }
                cancellation.cancel();
              });
      canceller.start();

      assertThatThrownBy(() -> updater.download(there, null, cancellation))
          .extracting(e -> ((UpdateException) e).reason())
          .isEqualTo(UpdateException.Reason.CANCELLED);
      canceller.join();
      assertThat(Files.size(part())).isEqualTo(SIZE / 2);
      assertThat(files.requests()).hasSize(1);

      VerifiedUpdate update = updater.download(there, null, new Cancellation());

      assertThat(Files.readAllBytes(update.file())).isEqualTo(bytes);
      assertThat(files.requests().get(1))
          .isEqualTo(new ArtifactServer.Request("bytes=" + SIZE / 2 + "-", "\"v1\"", 206));
    }
  }
}
