package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.recalls.Recalls;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.releases.ReleaseEvents;
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

  /** Releases read per query: a run reads every watched release, this many at a time. */
  static final int PAGE_SIZE = 1000;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;
  private final int pageSize;
  private final ReleaseEvents events;

  public HealthMonitor(Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange) {
    this(jdbi, audit, clock, onChange, PAGE_SIZE, ReleaseEvents.NONE);
  }

  /**
   * @param events told of every halt, recall and early warning, inside its transaction
   */
  public HealthMonitor(
      Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange, ReleaseEvents events) {
    this(jdbi, audit, clock, onChange, PAGE_SIZE, events);
  }

  HealthMonitor(Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange, int pageSize) {
    this(jdbi, audit, clock, onChange, pageSize, ReleaseEvents.NONE);
  }

  /** With {@code pageSize} releases read per query (tests use a small one). */
  private HealthMonitor(
      Jdbi jdbi,
      AuditLog audit,
      Clock clock,
      Runnable onChange,
      int pageSize,
      ReleaseEvents events) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize: expected at least 1, found " + pageSize);
    }
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
    this.pageSize = pageSize;
    this.events = events;
  }

  private record Watched(AppId app, long id) {}

  /**
   * Looks at every watched release once with {@code counts}, newest first, reading them page by
   * page (by descending id) so that no release is left out however many are running; returns how
   * many it halted.
   */
  public int runOnce(HealthCounts counts) {
    Instant now = clock.instant();
    int halted = 0;
    long below = Long.MAX_VALUE;
    List<Watched> page;
    do {
      page = watched(now, below);
      for (Watched release : page) {
        if (check(release, counts, now)) {
          halted++;
        }
        below = release.id();
      }
    } while (page.size() == pageSize);
    if (halted > 0) {
      onChange.run();
    }
    return halted;
  }

  /** The next page of active, live, running releases with an id below {@code below}. */
  private List<Watched> watched(Instant now, long below) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    """
                    SELECT r.app_id, r.id FROM releases r
                    LEFT JOIN rollouts o ON o.release_id = r.id
                    WHERE r.active = TRUE AND r.published_at <= :now AND r.id < :below
                      AND (o.state IS NULL OR o.state = 'running')
                    ORDER BY r.id DESC LIMIT :limit
                    """)
                .bind("now", now)
                .bind("below", below)
                .bind("limit", pageSize)
                .map((rs, ctx) -> new Watched(new AppId(rs.getString(1)), rs.getLong(2)))
                .list());
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
    String reason =
        policy.crossedBy(seen.attempted(), seen.failed())
            ? reason(policy, seen)
            : gateReason(watched, counts, policy, now);
    if (reason == null) {
      warnIfClose(watched, policy, seen, now);
      return false;
    }
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
          events.happened(handle, ReleaseEvents.HALTED, release, reason, null);
          if (policy.autoRecall() && release.active()) {
            String why = "auto_recall: " + reason;
            handle.attach(ReleaseDao.class).setActive(release.appId(), release.id(), false);
            Recalls.recordUnsigned(handle, release, why, ACTOR, now);
            history(dao, release.id(), now, "recall", "active", "inactive", why);
            audit(handle, release, "release.recall", why);
            events.happened(handle, ReleaseEvents.RECALLED, release, why, null);
          }
          handle.attach(ReleaseDao.class).bumpCatalogueRevision();
          return true;
        });
  }

  /**
   * An early warning, at most once a day per release: the failure share, over enough attempts, is
   * at least half the halt threshold (but not above it).
   */
  private void warnIfClose(
      Watched watched, HealthPolicy policy, HealthCounts.Counts seen, Instant now) {
    if (seen.attempted() < policy.minAttempts()
        || seen.failed() * 20_000 < (long) policy.maxFailureBasisPoints() * seen.attempted()
        || policy.maxFailureBasisPoints() == 0) {
      return;
    }
    String detail =
        String.format(
            Locale.ROOT,
            "failure share %.2f %% (%d of %d installs failed) over the last %d minutes is at least"
                + " half the %.2f %% threshold",
            (seen.failed() * 10_000 / seen.attempted()) / 100.0,
            seen.failed(),
            seen.attempted(),
            policy.windowMinutes(),
            policy.maxFailureBasisPoints() / 100.0);
    String day = now.toString().substring(0, 10);
    jdbi.useTransaction(
        handle ->
            events.happened(
                handle,
                ReleaseEvents.NEEDS_ATTENTION,
                Rollouts.release(handle, watched.app(), watched.id()),
                detail,
                "attention:" + watched.id() + ":" + day));
  }

  /** Why the release's statistical gate halts it, or null: no gate, or not shown worse. */
  private String gateReason(
      Watched watched, HealthCounts counts, HealthPolicy policy, Instant now) {
    GateRow gate =
        jdbi.withHandle(handle -> handle.attach(GateDao.class).find(watched.id()).orElse(null));
    if (gate == null) {
      return null;
    }
    Release release =
        jdbi.withHandle(handle -> Rollouts.release(handle, watched.app(), watched.id()));
    GateCheck check = GateCheck.evaluate(jdbi, counts, release, gate, policy.windowMinutes(), now);
    return check.worse() ? check.haltReason() : null;
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
        // Rounded down to a basis point, as every figure of a failure share is.
        (seen.failed() * 10_000 / seen.attempted()) / 100.0,
        seen.failed(),
        seen.attempted(),
        policy.windowMinutes(),
        policy.maxFailureBasisPoints() / 100.0);
  }
}
