package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.recalls.Recalls;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * Halts releases that fail too often. For every active, live release whose rollout is running, it
 * reads the install outcomes of the release's health window from {@link HealthCounts}; when the
 * failure share crosses the release's {@link HealthPolicy}, it halts the rollout (checks stop
 * offering it, the ramp stops), marks it "needs attention" with the reason, writes history and
 * audit, and with {@code auto_recall} recalls the release too (deactivated, with an unsigned recall
 * telling devices on it why; no downgrade is offered without a signed recall) — all in one
 * transaction.
 *
 * <p>Safe with several nodes: the halt is a conditional update that only one node wins.
 * Thread-safe.
 */
public final class HealthMonitor {
  /** The actor history and audit name for the monitor's changes. */
  public static final String ACTOR = "system:health-monitor";

  /** Most releases looked at per run, newest first: bounds a run's cost. */
  static final int MAX_RELEASES = 1000;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;

  public HealthMonitor(Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
  }

  private record Watched(AppId app, long id) {}

  /** Looks at every watched release once with {@code counts}; returns how many it halted. */
  public int runOnce(HealthCounts counts) {
    Instant now = clock.instant();
    List<Watched> watched =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        """
                        SELECT r.app_id, r.id FROM releases r
                        LEFT JOIN rollouts o ON o.release_id = r.id
                        WHERE r.active = TRUE AND r.published_at <= :now
                          AND (o.state IS NULL OR o.state = 'running')
                        ORDER BY r.id DESC LIMIT :limit
                        """)
                    .bind("now", now)
                    .bind("limit", MAX_RELEASES)
                    .map((rs, ctx) -> new Watched(new AppId(rs.getString(1)), rs.getLong(2)))
                    .list());
    int halted = 0;
    for (Watched release : watched) {
      if (check(release, counts, now)) {
        halted++;
      }
    }
    if (halted > 0) {
      onChange.run();
    }
    return halted;
  }

  private boolean check(Watched watched, HealthCounts counts, Instant now) {
    HealthPolicy policy =
        jdbi.withHandle(
            handle ->
                handle
                    .attach(RolloutDao.class)
                    .find(watched.id())
                    .map(RolloutRow::healthPolicy)
                    .orElse(HealthPolicy.DEFAULT));
    Instant since = now.minus(Duration.ofMinutes(policy.windowMinutes()));
    HealthCounts.Counts seen = counts.counts(watched.id(), since);
    if (!policy.crossedBy(seen.attempted(), seen.failed())) {
      return false;
    }
    String reason = reason(policy, seen);
    return jdbi.inTransaction(
        handle -> {
          Release release = Rollouts.release(handle, watched.app(), watched.id());
          RolloutDao dao = handle.attach(RolloutDao.class);
          Rollouts.write(dao, Rollouts.row(dao, release));
          if (dao.halt(release.id(), reason) == 0) {
            return false;
          }
          history(dao, release.id(), now, "halt", "running", "halted", reason);
          audit(handle, release, "rollout.halt", reason);
          if (policy.autoRecall() && release.active()) {
            String why = "auto_recall: " + reason;
            handle.attach(ReleaseDao.class).setActive(release.appId(), release.id(), false);
            Recalls.recordUnsigned(handle, release, why, ACTOR, now);
            history(dao, release.id(), now, "recall", "active", "inactive", why);
            audit(handle, release, "release.recall", why);
          }
          handle.attach(ReleaseDao.class).bumpCatalogueRevision();
          return true;
        });
  }

  private static void history(
      RolloutDao dao, long id, Instant now, String action, String from, String to, String why) {
    dao.addHistory(new HistoryEntry(0, id, now, ACTOR, action, from, to, why));
  }

  private void audit(org.jdbi.v3.core.Handle handle, Release release, String action, String why) {
    audit.record(
        handle,
        ACTOR,
        action,
        release.appId().name(),
        String.valueOf(release.id()),
        release.platform() + " " + release.version() + ": " + why);
  }

  static String reason(HealthPolicy policy, HealthCounts.Counts seen) {
    return String.format(
        Locale.ROOT,
        "failure share %.2f %% (%d of %d installs failed) over the last %d minutes is above the"
            + " %.2f %% threshold",
        seen.failed() * 100.0 / seen.attempted(),
        seen.failed(),
        seen.attempted(),
        policy.windowMinutes(),
        policy.maxFailureBasisPoints() / 100.0);
  }
}
