package dev.petrel.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.desktop.internal.CrashPoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The updater, run as a separate process, is killed with SIGKILL at each step of an install; the
 * launcher must then start the old or the new version, never neither, and a new version that exits
 * at once must be reverted.
 */
class CrashSafetyTest {
  @TempDir Path temp;

  @ParameterizedTest(name = "killed at {0}: {1} starts")
  @CsvSource({
    "unpacked-one-file, 1.0.0",
    "unpacked, 1.0.0",
    "version-renamed, 1.0.0",
    "atomic-write-temp-written:pending-health.json, 1.0.0",
    "pending-written, 1.0.0",
    "atomic-write-temp-written:current, 1.0.0",
    "pointer-switched, 1.0.1",
    "pruned, 1.0.1"
  })
  void killedInstallLeavesAStartableVersion(String step, String expected) throws Exception {
    AppDirectory dir = killInstallAt(step, "healthy");
    assertThat(launch(dir)).isZero();
    assertThat(TestApps.runs(dir)).containsExactly(expected + " healthy");
    assertThat(dir.currentVersion()).contains(expected);
    installAgainSucceeds(dir, expected);
  }

  @ParameterizedTest(name = "killed at {0}, new version crashes: runs {1}")
  @CsvSource({
    "unpacked, 1.0.0 healthy",
    "pending-written, 1.0.0 healthy",
    "atomic-write-temp-written:current, 1.0.0 healthy",
    "pointer-switched, 1.0.1 crash|1.0.0 healthy",
    "pruned, 1.0.1 crash|1.0.0 healthy"
  })
  void newVersionThatExitsAtOnceIsRevertedAfterAKilledInstall(String step, String runs)
      throws Exception {
    AppDirectory dir = killInstallAt(step, "crash");
    assertThat(launch(dir)).isZero();
    assertThat(TestApps.runs(dir)).containsExactly(runs.split("\\|"));
    assertThat(dir.currentVersion()).contains("1.0.0");
  }

  @ParameterizedTest(name = "launcher killed while reverting at {0}")
  @CsvSource({"reverted-pointer", "atomic-write-temp-written:current"})
  void launcherKilledWhileRevertingStillStartsAVersion(String step) throws Exception {
    AppDirectory dir = AppDirectory.of(temp.resolve("app"));
    TestApps.installFirst(dir, "1.0.0", 1, "healthy");
    Path archive = TestApps.archive(temp.resolve("next.zip"), "1.0.1", 2, "crash");
    new AppDirectoryInstaller(dir, AppDirectoryInstaller.Options.DEFAULT)
        .installArchive(archive, "1.0.1", 2);
    Process launcher =
        Children.start(
            List.of("-D" + CrashPoints.PROPERTY + "=" + step),
            Launcher.class,
            "--app-dir",
            dir.root().toString());
    StringBuilder transcript = new StringBuilder();
    try {
      assertThat(Children.awaitLine(launcher, "CRASH-POINT", transcript))
          .as(transcript.toString())
          .isEqualTo("CRASH-POINT " + step);
    } finally {
      Children.kill(launcher);
    }
    assertThat(launch(dir)).isZero();
    assertThat(TestApps.runs(dir).get(TestApps.runs(dir).size() - 1)).isEqualTo("1.0.0 healthy");
    assertThat(dir.currentVersion()).contains("1.0.0");
  }

  private AppDirectory killInstallAt(String step, String newMode) throws Exception {
    AppDirectory dir = AppDirectory.of(temp.resolve("app"));
    TestApps.installFirst(dir, "1.0.0", 1, "healthy");
    Path archive = TestApps.archive(temp.resolve("next.zip"), "1.0.1", 2, newMode);
    Process updater =
        Children.start(
            List.of("-D" + CrashPoints.PROPERTY + "=" + step),
            CrashingInstall.class,
            dir.root().toString(),
            archive.toString(),
            "1.0.1",
            "2");
    StringBuilder transcript = new StringBuilder();
    try {
      assertThat(Children.awaitLine(updater, "CRASH-POINT", transcript))
          .as(transcript.toString())
          .isEqualTo("CRASH-POINT " + step);
    } finally {
      Children.kill(updater);
    }
    return dir;
  }

  private void installAgainSucceeds(AppDirectory dir, String current) throws Exception {
    String next = current.equals("1.0.0") ? "1.0.1" : "1.0.2";
    long code = current.equals("1.0.0") ? 2 : 3;
    Path archive = TestApps.archive(temp.resolve("again.zip"), next, code, "healthy");
    new AppDirectoryInstaller(dir, AppDirectoryInstaller.Options.DEFAULT)
        .installArchive(archive, next, code);
    assertThat(dir.currentVersion()).contains(next);
    assertThat(dir.installedVersions()).contains(current, next);
    for (Path folder : List.of(dir.root(), dir.stateDir(), dir.versionsDir())) {
      try (var children = java.nio.file.Files.list(folder)) {
        assertThat(children.map(p -> p.getFileName().toString()))
            .as("leftovers in " + folder)
            .noneMatch(name -> name.startsWith(".tmp-") || name.matches("\\..*\\.(tmp|trash)-.*"));
      }
    }
  }

  private static int launch(AppDirectory dir) throws IOException {
    return new Launcher(
            dir,
            List.of(),
            Clock.systemUTC(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .run();
  }
}
