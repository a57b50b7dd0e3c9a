package dev.petrel.server.updates;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Platform;
import dev.petrel.server.apps.App;
import dev.petrel.server.apps.AppDao;
import dev.petrel.server.deltas.Delta;
import dev.petrel.server.deltas.DeltaDao;
import dev.petrel.server.recalls.Recall;
import dev.petrel.server.recalls.RecallDao;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.rollouts.RolloutRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory copy of every app and release that the check path reads, so that answering a check
 * never touches the database.
 *
 * <p>A {@link Snapshot} is immutable and swapped atomically: readers see either the old or the new
 * catalogue, never a mix. {@link #reload()} runs after every local change; {@link #startPolling}
 * also reloads when another node bumped the catalogue revision in the shared database, and on
 * PostgreSQL a {@link CatalogueListener} reloads as soon as that node's transaction commits.
 */
public final class Catalogue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Catalogue.class);

  private final Jdbi jdbi;
  private volatile Snapshot snapshot =
      new Snapshot(-1, Set.of(), Map.of(), Map.of(), RolloutRules.NONE, Map.of());
  private final Object pollerLock = new Object();
  private ScheduledExecutorService poller;

  public Catalogue(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Everything the check path needs, as of one catalogue revision.
   *
   * @param revision the database's catalogue revision this was read at
   * @param apps the ids of all apps
   * @param releases per app and platform, every release (active or not), highest version code first
   * @param recalls the recall of each recalled release, by release id
   * @param rollouts app channels and the releases whose rollout is stopped or split by experiment
   * @param deltas the ready patches to each release, by release id and then by the version code
   *     they apply to
   */
  public record Snapshot(
      long revision,
      Set<AppId> apps,
      Map<Key, List<Release>> releases,
      Map<Long, Recall> recalls,
      RolloutRules rollouts,
      Map<Long, Map<Long, Delta>> deltas) {
    /** A snapshot without patches. */
    public Snapshot(
        long revision,
        Set<AppId> apps,
        Map<Key, List<Release>> releases,
        Map<Long, Recall> recalls,
        RolloutRules rollouts) {
      this(revision, apps, releases, recalls, rollouts, Map.of());
    }

    /** A snapshot without app channels, stopped rollouts or experiments. */
    public Snapshot(
        long revision,
        Set<AppId> apps,
        Map<Key, List<Release>> releases,
        Map<Long, Recall> recalls) {
      this(revision, apps, releases, recalls, RolloutRules.NONE, Map.of());
    }

    /** The releases of one app and platform, highest version code first; empty when none. */
    public List<Release> releases(AppId app, Platform platform) {
      return releases.getOrDefault(new Key(app, platform), List.of());
    }

    /**
     * The ready patch to release {@code releaseId} from the release with {@code fromVersionCode},
     * or null when there is none (or the device sent no version code).
     */
    public Delta delta(long releaseId, Long fromVersionCode) {
      if (fromVersionCode == null) {
        return null;
      }
      return deltas.getOrDefault(releaseId, Map.of()).get(fromVersionCode);
    }

    /** The recall of release {@code releaseId}, or null when it was not recalled. */
    public Recall recall(long releaseId) {
      return recalls.get(releaseId);
    }
  }

  /** Where releases are grouped: one app on one platform. */
  public record Key(AppId app, Platform platform) {}

  /** The current snapshot; cheap, never blocks. */
  public Snapshot snapshot() {
    return snapshot;
  }

  /** Reads the whole catalogue in one transaction and swaps it in. */
  public synchronized void reload() {
    Snapshot fresh =
        jdbi.inTransaction(
            handle -> {
              ReleaseDao releases = handle.attach(ReleaseDao.class);
              long revision = releases.catalogueRevision();
              Set<AppId> apps = new HashSet<>();
              for (App app : handle.attach(AppDao.class).list()) {
                apps.add(app.id());
              }
              Map<Key, List<Release>> grouped = new HashMap<>();
              for (Release release : releases.listAll()) {
                grouped
                    .computeIfAbsent(
                        new Key(release.appId(), release.platform()), k -> new ArrayList<>())
                    .add(release);
              }
              grouped.replaceAll((key, list) -> List.copyOf(list));
              Map<Long, Recall> recalls = new HashMap<>();
              for (Recall recall : handle.attach(RecallDao.class).listAll()) {
                recalls.put(recall.releaseId(), recall);
              }
              return new Snapshot(
                  revision,
                  Set.copyOf(apps),
                  Map.copyOf(grouped),
                  Map.copyOf(recalls),
                  RolloutRules.load(handle),
                  readyDeltas(handle));
            });
    snapshot = fresh;
  }

  private static Map<Long, Map<Long, Delta>> readyDeltas(org.jdbi.v3.core.Handle handle) {
    Map<Long, Map<Long, Delta>> deltas = new HashMap<>();
    for (Delta delta : handle.attach(DeltaDao.class).ready()) {
      deltas
          .computeIfAbsent(delta.releaseId(), id -> new HashMap<>())
          .put(delta.fromVersionCode(), delta);
    }
    deltas.replaceAll((id, byCode) -> Map.copyOf(byCode));
    return Map.copyOf(deltas);
  }

  /**
   * Polls the database's catalogue revision every {@code intervalMillis} and reloads when it moved,
   * so changes made through other nodes reach this one.
   */
  public void startPolling(long intervalMillis) {
    synchronized (pollerLock) {
      startPollingLocked(intervalMillis);
    }
  }

  private void startPollingLocked(long intervalMillis) {
    if (poller != null) {
      return;
    }
    poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "petrel-catalogue-poll");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        this::reloadIfChanged, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Reloads when the database's catalogue revision differs from the snapshot's: one small query
   * when nothing changed. Never throws; a failure is logged and the last catalogue kept.
   */
  void reloadIfChanged() {
    try {
      long revision = jdbi.withExtension(ReleaseDao.class, ReleaseDao::catalogueRevision);
      if (revision != snapshot.revision()) {
        reload();
      }
    } catch (RuntimeException e) {
      log.warn("catalogue poll failed; serving the last catalogue: {}", e.getMessage());
    }
  }

  /** Stops polling and waits (up to 5 s) for a poll in progress to finish. */
  @Override
  public void close() {
    synchronized (pollerLock) {
      stopPollingLocked();
    }
  }

  private void stopPollingLocked() {
    if (poller == null) {
      return;
    }
    poller.shutdownNow();
    try {
      if (!poller.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("catalogue poll did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    poller = null;
  }
}
