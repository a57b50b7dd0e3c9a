package dev.petrel.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.Cancellation;
import dev.petrel.client.CheckResult;
import dev.petrel.client.Updater;
import dev.petrel.client.VerifiedUpdate;
import dev.petrel.client.testing.PetrelFixture;
import dev.petrel.client.testing.RecordingListener;
import dev.petrel.protocol.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the real server and the real client: 1.0.0 installed through Petrel (its artifact
 * kept as the base), 1.0.1 published, the server's worker makes the patch, the client downloads the
 * patch instead of the archive, installs it, and the launcher runs 1.0.1. With the base missing or
 * altered, or the patch damaged, it falls back to the full file and says why.
 */
class DeltaUpdateTest {
  @TempDir Path temp;
  private PetrelFixture petrel;
  private AppDirectory dir;
  private byte[] second;

  @BeforeEach
  void installOneZeroZeroThroughPetrel() throws Exception {
    petrel = PetrelFixture.start(temp.resolve("server"));
    dir = AppDirectory.of(temp.resolve("app"));
    TestApps.installFirst(dir, "0.9.0", 1, "healthy");
    petrel.publish("1.0.0", 2, archive("1.0.0", 2));
    try (Updater updater = updater("0.9.0", 1)) {
      CheckResult check = updater.check();
      updater.install(updater.download(check.offer(), null, new Cancellation()), null);
    }
    second = archive("1.0.1", 3);
    petrel.publish("1.0.1", 3, second);
    // The server's own worker may take the job first; either way it ends ready.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (petrel.server().queryLong("SELECT COUNT(*) FROM deltas WHERE state = 'ready'") == 0) {
      assertThat(System.nanoTime()).as("the patch is made").isLessThan(deadline);
      petrel.server().server().deltaWorker().runOnce();
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stop() {
    petrel.close();
  }

  @Test
  void thePatchIsDownloadedInsteadOfTheArchiveAndTheAppRunsTheNewVersion() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (Updater updater = updater("1.0.0", 2)) {
      CheckResult check = updater.check();
      assertThat(check.offer().patch()).isNotNull();
      long patchSize = check.offer().patch().size();
      assertThat(patchSize).isLessThan(second.length / 5);

      VerifiedUpdate update = updater.download(check.offer(), listener, new Cancellation());
      assertThat(Files.readAllBytes(update.file())).isEqualTo(second);
      assertThat(listener.calls())
          .containsExactly(
              "downloadStarted 1.0.1 0/" + patchSize,
              "progress",
              "patchApplied 1.0.1 " + patchSize + "/" + second.length,
              "verified 1.0.1");
      updater.install(update, listener);
    }
    assertThat(launch()).isZero();
    assertThat(TestApps.runs(dir)).last().isEqualTo("1.0.1 healthy");
    assertThat(Files.list(dir.stateDir().resolve("base")).map(p -> p.getFileName().toString()))
        .containsExactly(Sha256.of(second).hex());
    assertReported("delta_applied", "");
  }

  @Test
  void anAlteredBaseFallsBackToTheFullFile() throws Exception {
    Path base = Files.list(dir.stateDir().resolve("base")).findFirst().orElseThrow();
    byte[] bytes = Files.readAllBytes(base);
    bytes[bytes.length / 2] ^= 1;
    Files.write(base, bytes);
    assertFallsBackBecause("base_mismatch");
  }

  @Test
  void aMissingBaseFallsBackToTheFullFile() throws Exception {
    try (Stream<Path> files = Files.list(dir.stateDir().resolve("base"))) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    assertFallsBackBecause("missing_base");
  }

  @Test
  void aDamagedPatchOnTheServerFallsBackToTheFullFile() throws Exception {
    String patchSha;
    try (Updater updater = updater("1.0.0", 2)) {
      patchSha = updater.check().offer().patch().sha256();
    }
    try (Stream<Path> stored = Files.walk(temp.resolve("server"))) {
      Path file =
          stored
              .filter(p -> p.getFileName().toString().startsWith(patchSha))
              .findFirst()
              .orElseThrow();
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length - 1] ^= 1;
      Files.write(file, bytes);
    }
    assertFallsBackBecause("patch_download_failed");
  }

  private void assertFallsBackBecause(String reason) throws Exception {
    RecordingListener listener = new RecordingListener();
    try (Updater updater = updater("1.0.0", 2)) {
      CheckResult check = updater.check();
      VerifiedUpdate update = updater.download(check.offer(), listener, new Cancellation());
      assertThat(Files.readAllBytes(update.file())).isEqualTo(second);
      assertThat(listener.calls()).contains("patchFailed " + reason, "verified 1.0.1");
      assertThat(listener.calls()).contains("downloadStarted 1.0.1 0/" + second.length);
      updater.install(update, listener);
    }
    assertThat(launch()).isZero();
    assertThat(TestApps.runs(dir)).last().isEqualTo("1.0.1 healthy");
    assertReported("delta_failed", reason);
    try (Stream<Path> left = Files.list(dir.stateDir().resolve("downloads"))) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.endsWith(".patched"));
    }
  }

  private Updater updater(String version, long code) {
    AppDirectoryInstaller installer =
        new AppDirectoryInstaller(
            dir,
            new AppDirectoryInstaller.Options(
                5,
                Duration.ofSeconds(120),
                ArchiveLimits.DEFAULT,
                Duration.ofSeconds(5),
                true,
                Clock.systemUTC()));
    return Updater.builder()
        .server(petrel.uri())
        .app(PetrelFixture.APP)
        .platform(PetrelFixture.PLATFORM)
        .installedVersion(version, code)
        .trustedKey(petrel.publicKey())
        .stateDir(dir.stateDir())
        .installer(installer)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(10))
        .build();
  }

  private byte[] archive(String version, long code) throws IOException {
    return Files.readAllBytes(
        TestApps.archive(temp.resolve(version + ".zip"), version, code, "healthy"));
  }

  private int launch() throws IOException {
    return new Launcher(
            dir,
            List.of(),
            Clock.systemUTC(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run();
  }

  /** The event reached the server (or still waits in the outbox). */
  private void assertReported(String type, String reason) throws Exception {
    String sql =
        "SELECT COUNT(*) FROM client_events WHERE type = '"
            + type
            + "' AND COALESCE(reason, '') LIKE '"
            + reason
            + "%'";
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (petrel.server().queryLong(sql) == 0
        && outbox().stream().noneMatch(e -> e.contains("\"" + type + "\"") && e.contains(reason))) {
      assertThat(System.nanoTime()).as("%s %s reported", type, reason).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private List<String> outbox() throws IOException {
    Path outbox = dir.stateDir().resolve("outbox");
    if (!Files.isDirectory(outbox)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files
          .map(
              file -> {
                try {
                  return Files.readString(file);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              })
          .toList();
    }
  }
}
