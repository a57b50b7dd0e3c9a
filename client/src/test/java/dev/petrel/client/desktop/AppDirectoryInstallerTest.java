package dev.petrel.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.client.InstallResult;
import dev.petrel.client.UpdateException;
import dev.petrel.client.desktop.internal.AppDirectoryLock;
import dev.petrel.client.desktop.internal.HealthState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppDirectoryInstallerTest {
  @TempDir Path temp;
  private AppDirectory dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));

  @BeforeEach
  void installFirstVersion() throws IOException {
    dir = AppDirectory.of(temp.resolve("app"));
    TestApps.installFirst(dir, "1.0.0", 1, "healthy");
  }

  private AppDirectoryInstaller installer(int maxBackups, boolean rollback, Duration lockWait) {
    return new AppDirectoryInstaller(
        dir,
        new AppDirectoryInstaller.Options(
            maxBackups, Duration.ofSeconds(120), ArchiveLimits.DEFAULT, lockWait, rollback, clock));
  }

  private AppDirectoryInstaller installer() {
    return installer(5, true, Duration.ofSeconds(5));
  }

  private Path archive(String version, long code) throws IOException {
    return TestApps.archive(temp.resolve(version + ".zip"), version, code, "healthy");
  }

  @Test
  void installUnpacksSwitchesThePointerAndStartsAHealthCheck() throws Exception {
    InstallResult result = installer().installArchive(archive("1.0.1", 2), "1.0.1", 2);
    assertThat(result.previousVersion()).isEqualTo("1.0.0");
    assertThat(result.installedVersion()).isEqualTo("1.0.1");
    assertThat(result.restartRequired()).isTrue();
    assertThat(dir.currentVersion()).contains("1.0.1");
    assertThat(dir.installedVersions()).containsExactly("1.0.1", "1.0.0");
    HealthState pending = HealthState.read(dir).orElseThrow();
    assertThat(pending.previousVersion()).isEqualTo("1.0.0");
    assertThat(pending.previousVersionCode()).isEqualTo(1);
    assertThat(pending.firstStartedAt()).isNull();
    assertThat(Files.readString(dir.pointerFile())).isEqualTo("1.0.1\n");
  }

  @Test
  void refusesAnArchiveWhoseManifestNamesAnotherReleaseAndChangesNothing() throws Exception {
    Map<String, String> before = snapshot();
    assertThatThrownBy(() -> installer().installArchive(archive("1.0.2", 3), "1.0.1", 2))
        .isInstanceOf(UpdateException.class)
        .hasMessageContaining("petrel-app.json names 1.0.2 (3), the release is 1.0.1 (2)");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void refusesAHostileArchiveAndChangesNothing() throws Exception {
    Map<String, String> before = snapshot();
    Path evil =
        new ZipBuilder()
            .file("petrel-app.json", "{}")
            .file("../evil", "x")
            .write(temp.resolve("e.zip"));
    assertThatThrownBy(() -> installer().installArchive(evil, "1.0.1", 2))
        .hasMessageContaining("'..' path segment");
    Path noManifest = new ZipBuilder().file("app.jar", "x").write(temp.resolve("n.zip"));
    assertThatThrownBy(() -> installer().installArchive(noManifest, "1.0.1", 2))
        .hasMessageContaining("no petrel-app.json at its top level");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void keepsMaxBackupsOlderVersions() throws Exception {
    AppDirectoryInstaller installer = installer(2, true, Duration.ofSeconds(5));
    for (int code = 2; code <= 5; code++) {
      installer.installArchive(archive("1.0." + (code - 1), code), "1.0." + (code - 1), code);
    }
    assertThat(dir.currentVersion()).contains("1.0.4");
    assertThat(dir.installedVersions()).containsExactly("1.0.4", "1.0.3", "1.0.2");
    try (Stream<Path> leftovers = Files.list(dir.versionsDir())) {
      assertThat(leftovers.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
    }
  }

  @Test
  void zeroBackupsStillKeepsThePreviousVersionForTheHealthCheck() throws Exception {
    installer(0, true, Duration.ofSeconds(5)).installArchive(archive("1.0.1", 2), "1.0.1", 2);
    assertThat(dir.installedVersions()).containsExactly("1.0.1", "1.0.0");
  }

  @Test
  void rollbackSwitchesToThePreviousVersionAndDropsTheHealthCheck() throws Exception {
    installer().installArchive(archive("1.0.1", 2), "1.0.1", 2);
    installer().rollback();
    assertThat(dir.currentVersion()).contains("1.0.0");
    assertThat(HealthState.read(dir)).isEmpty();
    assertThatThrownBy(() -> installer().rollback())
        .hasMessageContaining("no version older than 1.0.0 is installed");
  }

  @Test
  void rollbackIsRefusedWhenDisabled() throws Exception {
    installer().installArchive(archive("1.0.1", 2), "1.0.1", 2);
    assertThatThrownBy(() -> installer(5, false, Duration.ofSeconds(5)).rollback())
        .hasMessageContaining("rollback_enabled: false");
    assertThat(dir.currentVersion()).contains("1.0.1");
  }

  @Test
  void markHealthyCompletesOnlyTheCurrentPendingVersion() throws Exception {
    installer().installArchive(archive("1.0.1", 2), "1.0.1", 2);
    assertThat(HealthState.markHealthy(dir, "1.0.0")).isFalse();
    assertThat(HealthState.read(dir)).isPresent();
    assertThat(HealthState.markHealthy(dir, "1.0.1")).isTrue();
    assertThat(HealthState.read(dir)).isEmpty();
  }

  @Test
  void theInstallersMarkHealthyCompletesTheCheckOfTheCurrentVersion() throws Exception {
    installer().installArchive(archive("1.0.1", 2), "1.0.1", 2);
    installer().markHealthy();
    assertThat(HealthState.read(dir)).isEmpty();
    assertThat(installer().currentVersion()).isEqualTo("1.0.1");
  }

  @Test
  @SuppressWarnings("try")
  void aSecondUpdaterInTheSameProcessWaitsForTheLockThenGivesUp() throws Exception {
    try (AppDirectoryLock held = AppDirectoryLock.acquire(dir.lockFile(), Duration.ZERO)) {
      assertThatThrownBy(
              () ->
                  installer(5, true, Duration.ofMillis(200))
                      .installArchive(archive("1.0.1", 2), "1.0.1", 2))
          .isInstanceOf(UpdateException.class)
          .hasMessageContaining("another updater is working on this app directory")
          .satisfies(
              e ->
                  assertThat(((UpdateException) e).reason())
                      .isEqualTo(UpdateException.Reason.STATE));
    }
    installer().installArchive(archive("1.0.1", 2), "1.0.1", 2);
    assertThat(dir.currentVersion()).contains("1.0.1");
  }

  @Test
  void anUpdaterInAnotherProcessHoldingTheLockBlocksInstallsUntilItDies() throws Exception {
    Process holder = Children.start(List.of(), LockHolder.class, dir.root().toString());
    try {
      assertThat(Children.awaitLine(holder, "LOCKED", new StringBuilder())).isEqualTo("LOCKED");
      assertThatThrownBy(
              () ->
                  installer(5, true, Duration.ofMillis(300))
                      .installArchive(archive("1.0.1", 2), "1.0.1", 2))
          .hasMessageContaining("another updater");
      assertThat(dir.currentVersion()).contains("1.0.0");
    } finally {
      Children.kill(holder);
    }
    installer().installArchive(archive("1.0.1", 2), "1.0.1", 2);
    assertThat(dir.currentVersion()).contains("1.0.1");
  }

  private Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir.root())) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String name = dir.root().relativize(path).toString();
        if (name.equals(".petrel/lock") || name.equals(".petrel")) {
          continue; // the lock file appears on first use; its content is empty
        }
        files.put(
            name,
            Files.isRegularFile(path)
                ? dev.petrel.protocol.Sha256.of(Files.readAllBytes(path)).toString()
                : "dir");
      }
    }
    return files;
  }
}
