package dev.petrel.server.deltas;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.releases.ReleaseDao;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes queued patches, one at a time per node: claims a row (so several nodes never make the same
 * patch), generates it in a child JVM ({@link PatchProcess}), applies it to the old artifact and
 * proves the result against the new release's SHA-256 ({@link PatchVerifier}), keeps it only when
 * it saves at least {@link DeltaSettings#MIN_SAVING} of the download, stores it content-addressed
 * beside the artifacts and marks the row ready in the same transaction that bumps the catalogue
 * revision. A row whose node died is taken over once its claim expires, so a restart resumes
 * pending work. Nothing this does can fail the server: every error ends the row as failed.
 */
public final class DeltaWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeltaWorker.class);

  private final Jdbi jdbi;
  private final ArtifactStore store;
  private final DeltaSettings settings;
  private final Path workDir;
  private final Clock clock;
  private final Runnable onChange;
  private ScheduledExecutorService executor;

  public DeltaWorker(
      Jdbi jdbi,
      ArtifactStore store,
      DeltaSettings settings,
      Path workDir,
      Clock clock,
      Runnable onChange) {
    this.jdbi = jdbi;
    this.store = store;
    this.settings = settings;
    this.workDir = workDir;
    this.clock = clock;
    this.onChange = onChange;
  }

  /** Looks for work every {@code interval} in a background thread. */
  public synchronized void start(Duration interval) {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "petrel-delta-worker");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        this::drain, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void drain() {
    try {
      while (runOnce()) {
        // Make the next one.
      }
    } catch (RuntimeException e) {
      log.warn("delta worker: {}", e.getMessage());
    }
  }

  /**
   * Claims and makes one queued patch.
   *
   * @return whether there was one
   */
  public boolean runOnce() {
    Instant now = clock.instant();
    Optional<Long> due = jdbi.withExtension(DeltaDao.class, dao -> dao.nextDue(now));
    if (due.isEmpty()) {
      return false;
    }
    Instant claim = now.plus(settings.timeout()).plus(Duration.ofMinutes(1));
    int claimed = jdbi.withExtension(DeltaDao.class, dao -> dao.claim(due.get(), now, claim));
    if (claimed == 1) {
      make(jdbi.withExtension(DeltaDao.class, dao -> dao.byId(due.get())).orElseThrow(), claim);
    }
    return true;
  }

  private void make(Delta delta, Instant claim) {
    long started = System.nanoTime();
    Outcome outcome;
    try {
      outcome = generate(delta);
    } catch (PatchProcess.Failed e) {
      outcome = Outcome.failed(e.getMessage());
    } catch (IOException | RuntimeException e) {
      outcome = Outcome.failed("error: " + e.getMessage());
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    Outcome result = outcome;
    boolean recorded =
        jdbi.inTransaction(
            handle -> {
              int rows =
                  handle
                      .attach(DeltaDao.class)
                      .finish(
                          delta.id(),
                          claim,
                          result.state(),
                          result.format(),
                          result.patchSha256(),
                          result.patchSize(),
                          result.reason(),
                          millis,
                          clock.instant());
              if (rows == 1 && result.state().equals(Delta.READY)) {
                handle.attach(ReleaseDao.class).bumpCatalogueRevision();
              }
              return rows == 1;
            });
    log.info(
        "delta {} → release {} from {}: {} {}",
        delta.id(),
        delta.releaseId(),
        delta.fromReleaseId(),
        result.state(),
        result.reason() == null ? "" : result.reason());
    if (recorded && result.state().equals(Delta.READY)) {
      onChange.run();
    }
  }

  private Outcome generate(Delta delta) throws IOException, PatchProcess.Failed {
    Files.createDirectories(workDir);
    Sha256 target = jdbi.withExtension(PlannerDao.class, dao -> dao.sha256Of(delta.releaseId()));
    Sha256 base = Sha256.parse("from_sha256", delta.fromSha256());
    Path oldFile = Files.createTempFile(workDir, "old-", ".bin");
    Path newFile = Files.createTempFile(workDir, "new-", ".bin");
    Path patch = Files.createTempFile(workDir, "patch-", ".bin");
    try {
      copyOut(base, oldFile);
      copyOut(target, newFile);
      String format =
          PatchProcess.generate(
              oldFile, newFile, patch, settings.workerHeapBytes(), settings.timeout(), workDir);
      PatchVerifier.verify(oldFile, patch, base, target, workDir);
      long size = Files.size(patch);
      if (size > (1 - DeltaSettings.MIN_SAVING) * delta.fullSize()) {
        return new Outcome(
            Delta.DISCARDED,
            format,
            null,
            size,
            "saves less than " + Math.round(DeltaSettings.MIN_SAVING * 100) + " %");
      }
      ArtifactStore.Stored stored;
      try (InputStream in = Files.newInputStream(patch)) {
        stored = store.put(in, size, null, size);
      }
      return new Outcome(Delta.READY, format, stored.sha256().hex(), size, null);
    } finally {
      Files.deleteIfExists(oldFile);
      Files.deleteIfExists(newFile);
      Files.deleteIfExists(patch);
    }
  }

  private void copyOut(Sha256 sha256, Path file) throws IOException {
    ArtifactStore.Stored stored =
        store
            .stat(sha256)
            .orElseThrow(() -> new IOException("the artifact " + sha256 + " is not stored"));
    try (InputStream in = store.open(sha256, 0, stored.size())) {
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** How one generation ended. */
  private record Outcome(
      String state, String format, String patchSha256, Long patchSize, String reason) {
    static Outcome failed(String reason) {
      return new Outcome(Delta.FAILED, null, null, null, reason);
    }
  }

  /** Stops looking for work; a generation in progress is killed with the server's exit. */
  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
