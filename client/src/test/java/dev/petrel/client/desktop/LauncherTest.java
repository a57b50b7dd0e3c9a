package dev.petrel.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.desktop.internal.HealthState;
import dev.petrel.client.internal.CrashHook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
  @TempDir Path temp;
  private AppDirectory dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T18:00:00Z"));
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void installFirstVersion() throws IOException {
    dir = AppDirectory.of(temp.resolve("app"));
    TestApps.installFirst(dir, "1.0.0", 1, "healthy");
  }

  private int launch(Clock launcherClock, String... args) throws IOException {
    return new Launcher(
            dir, List.of(args), launcherClock, new PrintStream(log, true, StandardCharsets.UTF_8))
        .run();
  }

  private AppDirectoryInstaller installer(Duration healthTimeout, Clock installClock) {
    return new AppDirectoryInstaller(
        dir,
        new AppDirectoryInstaller.Options(
            5, healthTimeout, ArchiveLimits.DEFAULT, Duration.ofSeconds(5), true, installClock));
  }

  private void install(String version, long code, String mode, Duration healthTimeout)
      throws Exception {
    Path archive = TestApps.archive(temp.resolve(version + ".zip"), version, code, mode);
    installer(healthTimeout, clock).installArchive(archive, version, code);
  }

  @Test
  void startsTheCurrentVersionWithItsAppDirAndArguments() throws Exception {
    assertThat(launch(clock, "--open", "x")).isZero();
    assertThat(TestApps.runs(dir)).containsExactly("1.0.0 healthy --open,x");
  }

  @Test
  void newVersionThatCrashesOnStartIsRevertedAndThePreviousOneStarted() throws Exception {
    install("1.0.1", 2, "crash", Duration.ofSeconds(120));
    assertThat(launch(clock)).isZero();
    assertThat(TestApps.runs(dir)).containsExactly("1.0.1 crash", "1.0.0 healthy");
    assertThat(dir.currentVersion()).contains("1.0.0");
    assertThat(HealthState.read(dir)).isEmpty();
    assertThat(outboxEvents())
        .singleElement()
        .asString()
        .contains("\"type\":\"crashed_on_start\"", "\"version\":\"1.0.1\"", "\"version_code\":2")
        .contains("\"from_version\":\"1.0.0\"", "\"from_version_code\":1", "exited with code 3");
    assertThat(Files.readString(dir.stateDir().resolve("history.json")))
        .contains("\"kind\":\"revert\"", "\"from_version\":\"1.0.1\"", "\"to_version\":\"1.0.0\"");
  }

  @Test
  void anAppThatCrashesWhileRunningIsReportedAsACrashFromItsExitCode() throws Exception {
    TestApps.installFirst(dir, "2.0.0", 2, "crash");
    assertThat(launch(clock)).isEqualTo(3);
    assertThat(outboxEvents())
        .singleElement()
        .asString()
        .contains("\"type\":\"app_crashed\"", "\"version\":\"2.0.0\"", "\"version_code\":2")
        .contains("exited with code 3");
  }

  @Test
  void aCrashTheAppsHookReportedIsNotReportedTwice() throws Exception {
    TestApps.installFirst(dir, "2.0.0", 2, "crash-reported");
    assertThat(launch(clock)).isEqualTo(1);
    assertThat(outboxEvents()).isEmpty();
    assertThat(dir.stateDir().resolve(CrashHook.MARKER)).doesNotExist();
  }

  @Test
  void signalsAreNamedInTheReason() {
    assertThat(Launcher.exitReason(139)).isEqualTo("killed by signal 11 (exit code 139)");
    assertThat(Launcher.exitReason(1)).isEqualTo("exited with code 1");
  }

  @Test
  void healthyNewVersionStaysAndItsCheckIsCompleted() throws Exception {
    install("1.0.1", 2, "healthy", Duration.ofSeconds(120));
    assertThat(launch(clock)).isZero();
    assertThat(Files.readString(dir.root().resolve("healthy.txt"))).isEqualTo("1.0.1 true\n");
    assertThat(HealthState.read(dir)).isEmpty();
    clock.advance(Duration.ofDays(1));
    assertThat(launch(clock)).isZero();
    assertThat(TestApps.runs(dir)).containsExactly("1.0.1 healthy", "1.0.1 healthy");
    assertThat(outboxEvents()).isEmpty();
  }

  @Test
  void restartExitCodeStartsTheVersionTheAppJustInstalled() throws Exception {
    Path next = TestApps.archive(temp.resolve("next.zip"), "1.0.1", 2, "healthy");
    Path updating =
        TestApps.archive(
            temp.resolve("updating.zip"),
            "1.0.0",
            1,
            "update",
            "-Dtestapp.update=" + next + "|1.0.1|2");
    AtomicReplace.replaceVersion(dir, "1.0.0", updating);
    assertThat(launch(Clock.systemUTC())).isZero();
    assertThat(TestApps.runs(dir)).containsExactly("1.0.0 update", "1.0.1 healthy");
    assertThat(Files.readString(dir.root().resolve("healthy.txt"))).isEqualTo("1.0.1 true\n");
  }

  @Test
  void versionNotHealthyByItsDeadlineIsRevertedAtTheNextLaunch() throws Exception {
    install("1.0.1", 2, "silent", Duration.ofSeconds(60));
    assertThat(launch(clock)).isZero();
    assertThat(dir.currentVersion()).contains("1.0.1");
    assertThat(HealthState.read(dir).orElseThrow().firstStartedAt()).isEqualTo(clock.instant());
    clock.advance(Duration.ofSeconds(61));
    assertThat(launch(clock)).isZero();
    assertThat(TestApps.runs(dir)).containsExactly("1.0.1 silent", "1.0.0 healthy");
    assertThat(outboxEvents())
        .singleElement()
        .asString()
        .contains("\"type\":\"reverted\"", "not healthy within 60 s");
  }

  @Test
  void aDeadlineCountsFromTheFirstStartNotFromTheInstall() throws Exception {
    install("1.0.1", 2, "healthy", Duration.ofSeconds(60));
    clock.advance(Duration.ofDays(7));
    assertThat(launch(clock)).isZero();
    assertThat(dir.currentVersion()).contains("1.0.1");
    assertThat(TestApps.runs(dir)).containsExactly("1.0.1 healthy");
  }

  @Test
  void versionHangingPastItsDeadlineIsRevertedWhileItRuns() throws Exception {
    Path archive = TestApps.archive(temp.resolve("hang.zip"), "1.0.1", 2, "hang");
    installer(Duration.ofSeconds(1), Clock.systemUTC()).installArchive(archive, "1.0.1", 2);
    assertThat(launch(Clock.systemUTC())).isZero();
    assertThat(dir.currentVersion()).contains("1.0.0");
    assertThat(TestApps.runs(dir)).containsExactly("1.0.1 hang");
    assertThat(outboxEvents()).singleElement().asString().contains("\"type\":\"reverted\"");
  }

  @Test
  @SuppressWarnings("try")
  void startsTheCurrentVersionWhileAnUpdaterHoldsTheLock() throws Exception {
    try (var held =
        dev.petrel.client.desktop.internal.AppDirectoryLock.acquire(
            dir.lockFile(), Duration.ZERO)) {
      assertThat(launch(clock)).isZero();
    }
    assertThat(TestApps.runs(dir)).containsExactly("1.0.0 healthy");
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("starting without settling state");
  }

  @Test
  void anAppThatAsksForARestartEveryTimeDoesNotLoopForever() throws Exception {
    LauncherTest.AtomicReplace.replaceVersion(
        dir, "1.0.0", TestApps.archive(temp.resolve("loop.zip"), "1.0.0", 1, "restart-always"));
    assertThat(launch(clock)).isEqualTo(AppDirectory.RESTART_EXIT_CODE);
    assertThat(TestApps.runs(dir)).hasSize(6);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("restarted too often");
  }

  @Test
  void unusablePointerFallsBackToTheNewestUsableVersion() throws Exception {
    Files.writeString(dir.pointerFile(), "garbage");
    assertThat(launch(clock)).isZero();
    assertThat(dir.currentVersion()).contains("1.0.0");
  }

  @Test
  void nothingInstalledExitsWith78() throws Exception {
    AppDirectory empty = AppDirectory.of(temp.resolve("empty"));
    int exit =
        new Launcher(empty, List.of(), clock, new PrintStream(log, true, StandardCharsets.UTF_8))
            .run();
    assertThat(exit).isEqualTo(Launcher.EXIT_NOTHING_TO_START);
  }

  @Test
  void badUsageExitsWith64() {
    assertThat(Launcher.main(new String[] {"--bogus"}, new PrintStream(log))).isEqualTo(64);
  }

  private List<String> outboxEvents() throws IOException {
    Path outbox = dir.stateDir().resolve("outbox");
    if (!Files.isDirectory(outbox)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files
          .map(
              f -> {
                try {
                  return Files.readString(f);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  /** Re-creates an installed version's folder from another archive (test setup only). */
  static final class AtomicReplace {
    static void replaceVersion(AppDirectory dir, String version, Path archive) throws IOException {
      dev.petrel.client.desktop.internal.AtomicFiles.deleteTree(dir.versionDir(version));
      Files.createDirectories(dir.versionDir(version));
      new dev.petrel.client.desktop.internal.SafeUnpacker(ArchiveLimits.DEFAULT)
          .unpack(archive, dir.versionDir(version));
    }
  }
}
