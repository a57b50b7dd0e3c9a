package dev.petrel.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.CheckResult;
import dev.petrel.client.HistoryEntry;
import dev.petrel.client.InstallResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.VerifiedUpdate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateSchedulerTest {
  private static final Instant START = Instant.parse("2026-11-23T18:00:00Z");

  @TempDir Path temp;
  private final MutableClock clock = new MutableClock(START);
  private final RecordingSteps steps = new RecordingSteps();
  private final ManualExecutor executor = new ManualExecutor();
  private final List<String> told = new ArrayList<>();
  private UpdaterConfig config =
      UpdaterConfig.defaults("default", List.of(URI.create("http://127.0.0.1:1")), List.of("k"));

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private UpdateScheduler scheduler(long seed) {
    return new UpdateScheduler(
        steps,
        () -> config,
        new UpdateScheduler.Listener() {
          @Override
          public void checked(CheckResult result) {
            told.add("checked " + (result.offer() == null ? "-" : result.offer().version()));
          }

          @Override
          public void downloaded(VerifiedUpdate update) {
            told.add("downloaded " + update.offer().version());
          }

          @Override
          public void installed(InstallResult result) {
            told.add("installed " + result.installedVersion());
          }

          @Override
          public void failed(UpdateException failure) {
            told.add("failed " + failure.getMessage());
          }
        },
        executor,
        clock,
        new Random(seed),
        temp.resolve("last_check"));
  }

  private UpdaterConfig with(boolean autoCheck, boolean autoDownload, boolean autoInstall) {
    return new UpdaterConfig(
        config.app(),
        config.platform(),
        config.servers(),
        config.github(),
        config.githubApi(),
        config.feeds(),
        config.publicKeys(),
        autoCheck,
        6,
        30,
        autoDownload,
        autoInstall,
        true,
        5,
        "stable",
        true,
        true,
        120);
  }

  @Test
  void firstCheckComesShortlyAfterStartWhenNeverChecked() {
    scheduler(1).start();
    assertThat(executor.delays()).containsExactly(UpdateScheduler.STARTUP_DELAY);
  }

  @Test
  void checksOnTheIntervalPlusJitterAndDifferentInstallationsSpreadOut() throws Exception {
    UpdateScheduler one = scheduler(1);
    one.start();
    clock.advance(UpdateScheduler.STARTUP_DELAY);
    executor.runNext();
    assertThat(steps.calls).containsExactly("check", "history", "download");
    Duration next = Duration.between(clock.instant(), one.nextCheckAt().orElseThrow());
    assertThat(next).isBetween(Duration.ofHours(6), Duration.ofHours(6).plusMinutes(30));

    ManualExecutor otherExecutor = new ManualExecutor();
    UpdateScheduler other =
        new UpdateScheduler(
            steps,
            () -> config,
            new UpdateScheduler.Listener() {},
            otherExecutor,
            clock,
            new Random(2),
            temp.resolve("other_last_check"));
    other.start();
    clock.advance(UpdateScheduler.STARTUP_DELAY);
    otherExecutor.runNext();
    assertThat(other.nextCheckAt()).isNotEqualTo(one.nextCheckAt());
    otherExecutor.shutdownNow();
  }

  @Test
  void aRestartWithinTheIntervalWaitsForTheRestOfIt() throws Exception {
    Files.writeString(temp.resolve("last_check"), START.minus(Duration.ofHours(1)) + "\n");
    UpdateScheduler scheduler = scheduler(1);
    scheduler.start();
    assertThat(scheduler.nextCheckAt().orElseThrow())
        .isBetween(START.plus(Duration.ofHours(5)), START.plus(Duration.ofMinutes(5 * 60 + 30)));
  }

  @Test
  void withoutAutoDownloadOnlyChecks() throws Exception {
    config = with(true, false, false);
    assertThat(scheduler(1).checkNow().get().offer().version()).isEqualTo("1.0.1");
    assertThat(steps.calls).containsExactly("check");
    assertThat(told).containsExactly("checked 1.0.1");
  }

  @Test
  void autoDownloadDownloadsButDoesNotInstallWithoutAutoInstall() throws Exception {
    config = with(true, true, false);
    scheduler(1).checkNow().get();
    assertThat(steps.calls).containsExactly("check", "history", "download");
    assertThat(told).containsExactly("checked 1.0.1", "downloaded 1.0.1");
  }

  @Test
  void autoInstallInstalls() throws Exception {
    config = with(true, true, true);
    scheduler(1).checkNow().get();
    assertThat(told).containsExactly("checked 1.0.1", "downloaded 1.0.1", "installed 1.0.1");
  }

  @Test
  void withoutAutoCheckTheScheduleSkipsButCheckNowStillChecks() throws Exception {
    config = with(false, true, true);
    UpdateScheduler scheduler = scheduler(1);
    scheduler.start();
    clock.advance(UpdateScheduler.STARTUP_DELAY);
    executor.runNext();
    assertThat(steps.calls).isEmpty();
    assertThat(executor.delays()).hasSize(2);
    scheduler.checkNow().get();
    assertThat(steps.calls).startsWith("check");
  }

  @Test
  void aVersionRolledBackFromIsNotDownloadedAutomaticallyAgain() throws Exception {
    config = with(true, true, true);
    steps.history.add(
        new HistoryEntry(START, "rollback", "1.0.1", "1.0.0", "succeeded", "broken login"));
    scheduler(1).checkNow().get();
    assertThat(steps.calls).containsExactly("check", "history");
    assertThat(told).containsExactly("checked 1.0.1");
  }

  @Test
  void aFailedCheckIsToldAndTheScheduleGoesOn() throws Exception {
    steps.failCheck = true;
    UpdateScheduler scheduler = scheduler(1);
    scheduler.start();
    clock.advance(UpdateScheduler.STARTUP_DELAY);
    executor.runNext();
    assertThat(told).containsExactly("failed no source answered");
    assertThat(executor.delays()).hasSize(2);
    assertThat(scheduler.checkNow())
        .failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(UpdateException.class);
  }

  /** Steps that answer with one offer of 1.0.1 and record what was called. */
  private static final class RecordingSteps implements UpdateScheduler.Steps {
    final List<String> calls = new ArrayList<>();
    final List<HistoryEntry> history = new ArrayList<>();
    volatile boolean failCheck;
    final Offer offer =
        new Offer(
            "1.0.1",
            2,
            "stable",
            false,
            "notes",
            10,
            "ab".repeat(32),
            URI.create("http://127.0.0.1:1/a"),
            false,
            "s",
            "sig",
            "kid",
            null,
            null);

    @Override
    public synchronized CheckResult check() throws UpdateException {
      if (failCheck) {
        throw new UpdateException(UpdateException.Reason.NETWORK, "no source answered");
      }
      calls.add("check");
      return new CheckResult(offer, false, null, URI.create("http://127.0.0.1:1"));
    }

    @Override
    public synchronized VerifiedUpdate download(Offer offer) {
      calls.add("download");
      return new VerifiedUpdate(offer, Path.of("a.zip"));
    }

    @Override
    public synchronized InstallResult install(VerifiedUpdate update) {
      calls.add("install");
      return new InstallResult("1.0.0", update.offer().version(), true, "");
    }

    @Override
    public synchronized List<HistoryEntry> history() {
      calls.add("history");
      return List.copyOf(history);
    }
  }

  /**
   * An executor whose scheduled tasks wait until the test runs them (so hours pass in an instant);
   * submitted tasks run on its thread as usual.
   */
  private static final class ManualExecutor extends ScheduledThreadPoolExecutor {
    private final List<Runnable> due = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();

    ManualExecutor() {
      super(1);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
      due.add(task);
      delays.add(Duration.ofMillis(unit.toMillis(delay)));
      return super.schedule(() -> {}, 365, TimeUnit.DAYS);
    }

    synchronized List<Duration> delays() {
      return List.copyOf(delays);
    }

    void runNext() {
      Runnable task;
      synchronized (this) {
        task = due.remove(0);
      }
      task.run();
    }
  }
}
