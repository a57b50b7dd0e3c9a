package dev.petrel.client.desktop;

import dev.petrel.client.desktop.internal.AppDirectoryLock;
import dev.petrel.client.desktop.internal.HealthState;
import dev.petrel.client.desktop.internal.Reports;
import dev.petrel.client.desktop.internal.Reverter;
import dev.petrel.client.desktop.internal.VersionFolders;
import dev.petrel.client.internal.CrashHook;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts the current version of an app directory as a child process and watches over it:
 *
 * <ul>
 *   <li>A new version on probation (pending health check) that exits with a code other than 0 or
 *       {@value AppDirectory#RESTART_EXIT_CODE} before calling {@link AppDirectory#markHealthy()}
 *       crashed on start: the pointer goes back to the previous version, a {@code crashed_on_start}
 *       event and a history entry are written, and the previous version is started at once.
 *   <li>One that is still not healthy when its deadline (first start + health timeout) passes is
 *       reverted then ({@code reverted} event) — while it runs, or at the next launch.
 *   <li>Exit code {@value AppDirectory#RESTART_EXIT_CODE} asks for a restart: the launcher starts
 *       whatever version the pointer names now (the new one after an install).
 *   <li>Any other exit ends the launcher with the app's exit code.
 * </ul>
 *
 * <p>The child gets {@code -Dpetrel.app.dir}, {@code -Dpetrel.app.version} and the environment
 * variable {@code PETREL_APP_DIR}. Usage: {@code java -cp petrel-client.jar
 * dev.petrel.client.desktop.Launcher --app-dir DIR [-- app arguments]}. The launcher's own exit
 * codes: 64 bad usage, 78 no version can be started.
 */
public final class Launcher {
  /** Exit code for bad command-line usage. */
  public static final int EXIT_USAGE = 64;

  /** Exit code when no installed version can be started. */
  public static final int EXIT_NOTHING_TO_START = 78;

  private static final int MAX_QUICK_RESTARTS = 5;
  private static final Duration QUICK = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 100;
  private static final Duration LOCK_WAIT = Duration.ofSeconds(5);

  private final AppDirectory dir;
  private final List<String> appArguments;
  private final Clock clock;
  private final PrintStream log;
  private final Reverter reverter;

  /** A launcher for {@code dir}; {@code log} receives its own messages (the app's go to stdio). */
  public Launcher(AppDirectory dir, List<String> appArguments, Clock clock, PrintStream log) {
    this.dir = dir;
    this.appArguments = List.copyOf(appArguments);
    this.clock = clock;
    this.log = log;
    this.reverter = new Reverter(dir, clock, log);
  }

  /** Runs the launcher and exits with its code; see the class comment for usage. */
  public static void main(String[] args) {
    System.exit(main(args, System.err));
  }

  /** Parses {@code args} and runs; returns the exit code. */
  public static int main(String[] args, PrintStream log) {
    String appDir = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--app-dir") && i + 1 < args.length && appDir == null) {
        appDir = args[++i];
      } else if (args[i].equals("--")) {
        rest.addAll(List.of(args).subList(i + 1, args.length));
        break;
      } else {
        log.println("petrel-launcher: unexpected argument '" + args[i] + "'");
        appDir = null;
        break;
      }
    }
    if (appDir == null) {
      log.println("usage: Launcher --app-dir DIR [-- app arguments]");
      return EXIT_USAGE;
    }
    try {
      return new Launcher(AppDirectory.of(Path.of(appDir)), rest, Clock.systemUTC(), log).run();
    } catch (IOException e) {
      log.println("petrel-launcher: " + e.getMessage());
      return EXIT_NOTHING_TO_START;
    }
  }

  /**
   * Starts the app, restarting and reverting as described in the class comment, until it exits for
   * good.
   *
   * @return the app's last exit code, or {@link #EXIT_NOTHING_TO_START}
   */
  public int run() throws IOException {
    int quickRestarts = 0;
    while (true) {
      Optional<String> version = prepare();
      if (version.isEmpty()) {
        log.println("petrel-launcher: no version of the app in " + dir + " can be started");
        return EXIT_NOTHING_TO_START;
      }
      Instant started = clock.instant();
      int exit = runOnce(version.get());
      boolean quick = Duration.between(started, clock.instant()).compareTo(QUICK) < 0;
      if (exit == AppDirectory.RESTART_EXIT_CODE || crashedOnStart(version.get(), exit)) {
        quickRestarts = quick ? quickRestarts + 1 : 0;
        if (quickRestarts <= MAX_QUICK_RESTARTS) {
          continue;
        }
        log.println("petrel-launcher: the app restarted too often; giving up");
        return exit;
      }
      crashedWhileRunning(version.get(), exit);
      return exit;
    }
  }

  /** Settles the pointer before a start; returns the version to start. */
  @SuppressWarnings("try")
  private Optional<String> prepare() throws IOException {
    try (AppDirectoryLock lock = AppDirectoryLock.acquire(dir.lockFile(), LOCK_WAIT)) {
      settlePendingCheck();
      return usableVersion(true);
    } catch (AppDirectoryLock.LockBusyException e) {
      // An updater is installing right now: start what is current, settle the rest next time.
      log.println("petrel-launcher: " + e.getMessage() + "; starting without settling state");
      return usableVersion(false);
    }
  }

  /** Under the lock: drops a stale check, reverts an overdue one, records a first start. */
  private void settlePendingCheck() throws IOException {
    Optional<HealthState> pending = HealthState.read(dir);
    if (pending.isEmpty()) {
      return;
    }
    HealthState state = pending.get();
    if (!dir.currentVersion().equals(Optional.of(state.version()))) {
      // An install stopped between writing the health check and switching the pointer.
      HealthState.clear(dir);
      return;
    }
    Optional<Instant> deadline = state.deadline();
    if (deadline.isPresent() && clock.instant().isAfter(deadline.get())) {
      reverter.revertHoldingLock(state.version(), "reverted", notHealthyReason(state));
    } else if (VersionFolders.manifest(dir, state.version()).isEmpty()) {
      reverter.revertHoldingLock(
          state.version(), "crashed_on_start", AppManifest.FILE_NAME + " is unusable");
    } else if (deadline.isEmpty()) {
      state.startedAt(clock.instant()).write(dir);
    }
  }

  /** The current version if usable, else the newest usable one (pointed at when {@code fix}). */
  private Optional<String> usableVersion(boolean fix) throws IOException {
    Optional<String> current = dir.currentVersion();
    if (current.isPresent() && VersionFolders.manifest(dir, current.get()).isPresent()) {
      return current;
    }
    Optional<String> fallback = VersionFolders.newestUsable(dir, Set.of());
    if (fallback.isPresent()) {
      log.println(
          "petrel-launcher: current version "
              + current.orElse("(none)")
              + " is unusable; starting "
              + fallback.get());
      if (fix) {
        dir.switchTo(fallback.get());
      }
    }
    return fallback;
  }

  private int runOnce(String version) throws IOException {
    CrashHook.takeMarker(dir.stateDir()); // a marker from an earlier run says nothing of this one
    Path versionDir = dir.versionDir(version);
    AppManifest manifest = AppManifest.read(versionDir);
    List<String> properties =
        List.of(
            "-D" + AppDirectory.APP_DIR_PROPERTY + "=" + dir.root(),
            "-D" + AppDirectory.VERSION_PROPERTY + "=" + version);
    List<String> command =
        new ArrayList<>(manifest.command(javaExecutable(), versionDir, properties));
    command.addAll(appArguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(versionDir.toFile()).inheritIO();
    builder.environment().put(AppDirectory.APP_DIR_ENV, dir.root().toString());
    Process process = builder.start();
    try {
      while (!process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        revertIfOverdue(version);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
      return 130;
    }
  }

  private void revertIfOverdue(String version) throws IOException {
    Optional<HealthState> pending = HealthState.read(dir);
    if (pending.isPresent() && pending.get().version().equals(version)) {
      Optional<Instant> deadline = pending.get().deadline();
      if (deadline.isPresent() && clock.instant().isAfter(deadline.get())) {
        reverter.revert(version, "reverted", notHealthyReason(pending.get()));
      }
    }
  }

  private boolean crashedOnStart(String version, int exit) throws IOException {
    if (exit == 0 || exit == AppDirectory.RESTART_EXIT_CODE) {
      return false;
    }
    return reverter.revert(version, "crashed_on_start", "exited with code " + exit + " on start");
  }

  /**
   * After the app ended by itself with a failure code: an {@code app_crashed} event, unless its
   * crash hook reported the crash already ({@code Updater.reportCrashes}). Exit 0, the restart
   * code, and the codes of an interrupt or a termination request (130, 143: the user or the system
   * ended it) are not crashes.
   */
  private void crashedWhileRunning(String version, int exit) {
    if (exit == 0 || exit == AppDirectory.RESTART_EXIT_CODE || exit == 130 || exit == 143) {
      return;
    }
    if (CrashHook.takeMarker(dir.stateDir())) {
      return;
    }
    try {
      Reports.queueEvent(
          dir.stateDir(),
          "app_crashed",
          Reports.subject(dir, version),
          exitReason(exit),
          clock.instant());
    } catch (IOException | RuntimeException e) {
      log.println("petrel-launcher: cannot report the crash: " + e.getMessage());
    }
  }

  /** {@code exited with code 3}, or for a signal (code 128 + n) {@code killed by signal 11}. */
  static String exitReason(int exit) {
    return exit > 128 && exit < 160
        ? "killed by signal " + (exit - 128) + " (exit code " + exit + ")"
        : "exited with code " + exit;
  }

  private static String notHealthyReason(HealthState state) {
    return "not healthy within " + state.timeout().toSeconds() + " s of its first start";
  }

  private static Path javaExecutable() {
    boolean windows =
        System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
  }
}
