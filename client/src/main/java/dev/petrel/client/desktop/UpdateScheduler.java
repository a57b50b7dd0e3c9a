package dev.petrel.client.desktop;

import dev.petrel.client.Cancellation;
import dev.petrel.client.CheckResult;
import dev.petrel.client.HistoryEntry;
import dev.petrel.client.InstallResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateListener;
import dev.petrel.client.Updater;
import dev.petrel.client.VerifiedUpdate;
import dev.petrel.client.desktop.internal.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Checks for updates on the configured interval, with random jitter so that many installations do
 * not ask at the same moment, and on demand; downloads and installs as {@code auto_download} and
 * {@code auto_install} say. The config is read again before every run, so a settings change applies
 * from the next run. The time of the last check is kept in a file, so an app restarted every hour
 * still checks only every {@code check_interval_hours}.
 *
 * <p>Schedule: the first check {@link #STARTUP_DELAY} after {@link #start()} when a check is due,
 * else at the last check + interval + jitter; after each scheduled run, the next at now + interval
 * + a random 0..{@code check_jitter_minutes}. A release the user rolled back from or that was
 * reverted is not downloaded or installed automatically again (a manual install still can).
 *
 * <p>Runs happen one at a time on the executor; the {@link Listener} is called on its thread.
 * Thread-safe. {@link #close()} stops the schedule (and the executor when the scheduler made it).
 */
public final class UpdateScheduler implements AutoCloseable {
  /** Delay of the first check after start when one is due. */
  public static final Duration STARTUP_DELAY = Duration.ofSeconds(30);

  /** What a run found and did; every method defaults to doing nothing. */
  public interface Listener {
    /** A check finished (with or without an offer). */
    default void checked(CheckResult result) {}

    /** An offered update was downloaded and verified ({@code auto_download}). */
    default void downloaded(VerifiedUpdate update) {}

    /** It was installed ({@code auto_install}); the app should offer a restart. */
    default void installed(InstallResult result) {}

    /** A step failed; the schedule goes on. */
    default void failed(UpdateException failure) {}
  }

  /** The updater operations a run drives; {@link #of(Updater)} adapts an {@link Updater}. */
  public interface Steps {
    CheckResult check() throws UpdateException;

    VerifiedUpdate download(Offer offer) throws UpdateException;

    InstallResult install(VerifiedUpdate update) throws UpdateException;

    List<HistoryEntry> history() throws UpdateException;

    /** The steps of {@code updater}, with no download listener or cancellation. */
    static Steps of(Updater updater) {
      return new Steps() {
        @Override
        public CheckResult check() throws UpdateException {
          return updater.check();
        }

        @Override
        public VerifiedUpdate download(Offer offer) throws UpdateException {
          return updater.download(offer, UpdateListener.NONE, Cancellation.none());
        }

        @Override
        public InstallResult install(VerifiedUpdate update) throws UpdateException {
          return updater.install(update, UpdateListener.NONE);
        }

        @Override
        public List<HistoryEntry> history() throws UpdateException {
          return updater.history();
        }
      };
    }
  }

  private final Steps steps;
  private final Supplier<UpdaterConfig> config;
  private final Listener listener;
  private final ScheduledExecutorService executor;
  private final boolean ownsExecutor;
  private final Clock clock;
  private final Random random;
  private final Path lastCheckFile;
  private ScheduledFuture<?> next;
  private Instant nextCheckAt;
  private boolean closed;

  /**
   * A scheduler; nothing runs before {@link #start()} or {@link #checkNow()}.
   *
   * @param steps what a run calls, usually {@link Steps#of(Updater)}
   * @param config the current settings, asked before every run (e.g. re-reading the file)
   * @param listener told what each run found and did
   * @param executor where runs happen, or null for a daemon thread of the scheduler's own
   * @param clock the time source
   * @param random the source of jitter
   * @param lastCheckFile where the time of the last check is kept, e.g. {@code .petrel/last_check}
   */
  public UpdateScheduler(
      Steps steps,
      Supplier<UpdaterConfig> config,
      Listener listener,
      ScheduledExecutorService executor,
      Clock clock,
      Random random,
      Path lastCheckFile) {
    this.steps = Objects.requireNonNull(steps, "steps");
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.ownsExecutor = executor == null;
    this.executor =
        executor != null
            ? executor
            : java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                  Thread thread = new Thread(runnable, "petrel-update-scheduler");
                  thread.setDaemon(true);
                  return thread;
                });
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.lastCheckFile = Objects.requireNonNull(lastCheckFile, "lastCheckFile");
  }

  /**
   * The usual scheduler of an app directory: its updater, its {@code updater_config.json} (re-read
   * before each run; the last valid one is kept when an edit breaks it), the system clock.
   */
  public static UpdateScheduler forAppDirectory(
      AppDirectory dir, Updater updater, UpdaterConfig initial, Listener listener) {
    UpdaterConfig[] lastGood = {initial};
    Supplier<UpdaterConfig> config =
        () -> {
          try {
            lastGood[0] = UpdaterConfig.read(dir);
          } catch (IOException | IllegalArgumentException e) {
            // Keep running on the last valid settings; the settings dialog shows the error.
          }
          return lastGood[0];
        };
    return new UpdateScheduler(
        Steps.of(updater),
        config,
        listener,
        null,
        Clock.systemUTC(),
        new Random(),
        dir.stateDir().resolve("last_check"));
  }

  /** Starts the schedule. Idempotent. */
  public synchronized void start() {
    if (next != null || closed) {
      return;
    }
    Instant now = clock.instant();
    Instant earliest = now.plus(STARTUP_DELAY);
    Instant due = lastCheck().map(last -> last.plus(interval())).orElse(earliest);
    schedule(due.isBefore(earliest) ? earliest : due);
  }

  /** When the next scheduled run is due, or empty when not started. */
  public synchronized Optional<Instant> nextCheckAt() {
    return Optional.ofNullable(nextCheckAt);
  }

  /**
   * Runs a check now (and the automatic download/install the settings allow), on the executor.
   *
   * @return the check's result, or a future that fails with the {@link UpdateException}
   */
  public Future<CheckResult> checkNow() {
    return executor.submit(() -> run());
  }

  /** Stops the schedule; a run in progress finishes. */
  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel(false);
    }
    if (ownsExecutor) {
      executor.shutdown();
    }
  }

  private synchronized void schedule(Instant at) {
    if (closed) {
      return;
    }
    nextCheckAt = at;
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    next = executor.schedule(this::scheduledRun, delay, TimeUnit.MILLISECONDS);
  }

  private void scheduledRun() {
    try {
      if (config.get().autoCheck()) {
        run();
      }
    } catch (UpdateException e) {
      // Already told to the listener.
    } finally {
      schedule(clock.instant().plus(interval()));
    }
  }

  /** One run: check, then download and install as the settings allow. */
  private CheckResult run() throws UpdateException {
    UpdaterConfig settings = config.get();
    try {
      CheckResult result = steps.check();
      recordCheck();
      listener.checked(result);
      Offer offer = result.offer();
      if (offer == null || !settings.autoDownload() || leftBefore(offer.version())) {
        return result;
      }
      VerifiedUpdate update = steps.download(offer);
      listener.downloaded(update);
      if (settings.autoInstall()) {
        listener.installed(steps.install(update));
      }
      return result;
    } catch (UpdateException e) {
      listener.failed(e);
      throw e;
    }
  }

  /** Whether the user rolled back from {@code version} or it was reverted. */
  private boolean leftBefore(String version) throws UpdateException {
    for (HistoryEntry entry : steps.history()) {
      boolean away = entry.kind().equals("rollback") || entry.kind().equals("revert");
      if (away && version.equals(entry.fromVersion()) && entry.outcome().equals("succeeded")) {
        return true;
      }
    }
    return false;
  }

  /** The configured interval plus a random 0..jitter. */
  private Duration interval() {
    UpdaterConfig settings = config.get();
    long jitterSeconds = settings.checkJitterMinutes() * 60L;
    long jitter = jitterSeconds == 0 ? 0 : (long) (random.nextDouble() * (jitterSeconds + 1));
    return settings.checkInterval().plusSeconds(jitter);
  }

  private Optional<Instant> lastCheck() {
    try {
      return Optional.of(
          Instant.parse(Files.readString(lastCheckFile, StandardCharsets.UTF_8).strip()));
    } catch (IOException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  private void recordCheck() {
    try {
      AtomicFiles.write(lastCheckFile, (clock.instant() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Only costs an early check after the next start.
    }
  }
}
