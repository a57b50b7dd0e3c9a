package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.releases.ReleaseEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Raises the share of every release whose ramp step is due: running (not paused or halted), not
 * needing attention, active, live, and at its current share for at least the step's dwell.
 *
 * <p>Safe with several nodes running it at once: a step is taken by a conditional update that only
 * succeeds while the rollout is unchanged since it was read (same dwell start, same share), in one
 * transaction with the history entry, the audit row and the catalogue revision. Thread-safe.
 */
public final class RampAdvancer {
  /** The actor history and audit name for the advancer's changes. */
  public static final String ACTOR = "system:ramp-advancer";

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;
  private final ReleaseEvents events;

  public RampAdvancer(Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange) {
    this(jdbi, audit, clock, onChange, ReleaseEvents.NONE);
  }

  /**
   * @param events told of every step taken, inside its transaction
   */
  public RampAdvancer(
      Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange, ReleaseEvents events) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
    this.events = events;
  }

  private record Ramping(AppId app, long id) {}

  /** A step lost to another node or to a concurrent change; the transaction rolls back. */
  private static final class StepLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepLost() {
      super("the rollout changed while the ramp step was taken", null, false, false);
    }
  }

  /**
   * Takes every due step once (one step per release); returns how many releases moved. A release
   * with a statistical gate moves only when the gate, reading outcomes from {@code counts}, is
   * clear (never when {@code counts} is null).
   */
  public int runOnce(HealthCounts counts) {
    List<Ramping> ramping =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        """
                        SELECT r.app_id, r.id FROM rollouts o JOIN releases r ON r.id = o.release_id
                        WHERE o.plan IS NOT NULL AND o.state = 'running'
                          AND o.needs_attention = FALSE AND r.active = TRUE
                        ORDER BY r.id
                        """)
                    .map((rs, ctx) -> new Ramping(new AppId(rs.getString(1)), rs.getLong(2)))
                    .list());
    int moved = 0;
    for (Ramping release : ramping) {
      if (gateHolds(release, counts)) {
        continue;
      }
      if (advance(release, counts)) {
        moved++;
      }
    }
    if (moved > 0) {
      onChange.run();
    }
    return moved;
  }

  /** The install outcomes the step was taken on, for the history: {@code " (2 of 400 …)"}. */
  private static String health(HealthCounts counts, Release release, RolloutRow row, Instant now) {
    if (counts == null) {
      return "";
    }
    int window = row.healthPolicy().windowMinutes();
    HealthCounts.Counts seen = counts.counts(release.id(), now.minus(Duration.ofMinutes(window)));
    return " ("
        + seen.failed()
        + " of "
        + seen.attempted()
        + " installs failed in the last "
        + window
        + " minutes)";
  }

  /** Whether the release's gate holds its ramp: it has one that is not clear (see GateCheck). */
  private boolean gateHolds(Ramping ramping, HealthCounts counts) {
    return jdbi.withHandle(
        handle -> {
          GateRow gate = handle.attach(GateDao.class).find(ramping.id()).orElse(null);
          if (gate == null) {
            return false;
          }
          if (counts == null) {
            return true;
          }
          Release release = Rollouts.release(handle, ramping.app(), ramping.id());
          int window =
              Rollouts.row(handle.attach(RolloutDao.class), release).healthPolicy().windowMinutes();
          return !GateCheck.evaluate(jdbi, counts, release, gate, window, clock.instant()).clear();
        });
  }

  private boolean advance(Ramping ramping, HealthCounts counts) {
    try {
      return jdbi.inTransaction(
          handle -> {
            Instant now = clock.instant();
            Release release = Rollouts.release(handle, ramping.app(), ramping.id());
            RolloutDao dao = handle.attach(RolloutDao.class);
            RolloutRow row = Rollouts.row(dao, release);
            RampPlan plan = row.rampPlan();
            int from = release.rolloutBasisPoints();
            RampStep next = plan == null ? null : plan.next(from);
            if (next == null
                || release.publishedAt().isAfter(now)
                || RolloutView.dueAt(release, row, plan.current(from)).isAfter(now)) {
              return false;
            }
            if (dao.claimStep(release.id(), row.dwellSince(), now) == 0
                || dao.moveShare(release.id(), from, next.basisPoints()) == 0) {
              throw new StepLost();
            }
            dao.addHistory(
                new HistoryEntry(
                    0,
                    release.id(),
                    now,
                    ACTOR,
                    "ramp",
                    String.valueOf(from),
                    String.valueOf(next.basisPoints()),
                    "ramp plan step reached after its dwell, release healthy"
                        + (handle.attach(GateDao.class).find(release.id()).isPresent()
                            ? " and not worse than its previous release"
                            : "")
                        + health(counts, release, row, now)));
            audit.record(
                handle,
                ACTOR,
                "rollout.ramp",
                release.appId().name(),
                String.valueOf(release.id()),
                from + " -> " + next.basisPoints());
            events.happened(
                handle,
                ReleaseEvents.RAMP_STEP,
                release,
                "share " + from / 100.0 + " % -> " + next.basisPoints() / 100.0 + " %",
                null);
            handle.attach(ReleaseDao.class).bumpCatalogueRevision();
            return true;
          });
    } catch (StepLost e) {
      return false;
    }
  }
}
