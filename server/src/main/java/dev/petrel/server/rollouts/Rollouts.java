package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Steers one release's rollout by hand: its share, pause and resume, its ramp plan and its health
 * policy. Every change is one transaction that writes the rollout, a history entry and an audit row
 * (and bumps the catalogue revision when checks see the change); {@code onChange} runs after it
 * commits. A change to the value already set writes nothing. Thread-safe.
 */
public final class Rollouts {
  /** Most history entries a status answer lists, newest first. */
  static final int HISTORY_LIMIT = 200;

  /** Longest reason kept. */
  public static final int MAX_REASON = 500;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;
  private final HealthCounts healthCounts;

  /**
   * @param healthCounts where a status answer reads the install outcomes of the health window (the
   *     same source the {@link HealthMonitor} judges by)
   */
  public Rollouts(
      Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange, HealthCounts healthCounts) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
    this.healthCounts = healthCounts;
  }

  /** What one change does to a rollout, given the release and its rollout as they are. */
  @FunctionalInterface
  private interface Edit {
    /** Returns the history entry of the change, or null to change nothing. */
    HistoryEntry apply(Handle handle, Release release, RolloutRow row, Instant now);
  }

  /**
   * The rollout of a release: state, plan, health policy and its newest history entries.
   *
   * @throws ApiException 404 {@code release.not_found}
   */
  public RolloutView status(AppId app, long id) {
    Instant now = clock.instant();
    RolloutView.GateView gate = gate(app, id, now);
    return jdbi.inTransaction(
        handle -> {
          Release release = release(handle, app, id);
          RolloutDao dao = handle.attach(RolloutDao.class);
          RolloutRow row = row(dao, release);
          Long experiment =
              handle
                  .createQuery(
                      """
                      SELECT a.experiment_id FROM experiment_arms a
                      JOIN experiments e ON e.id = a.experiment_id
                      WHERE a.release_id = :id AND e.ended_at IS NULL
                      """)
                  .bind("id", id)
                  .mapTo(Long.class)
                  .findOne()
                  .orElse(null);
          int window = row.healthPolicy().windowMinutes();
          Instant since = now.minus(Duration.ofMinutes(window));
          RolloutView.HealthWindowView health =
              RolloutView.HealthWindowView.of(
                  since, window, healthCounts.counts(release.id(), since));
          return RolloutView.of(release, row, experiment, health, gate, history(dao, release), now);
        });
  }

  /** The release's statistical gate evaluated now, or null when it has none. */
  private RolloutView.GateView gate(AppId app, long id, Instant now) {
    return jdbi.withHandle(
        handle -> {
          GateRow gate = handle.attach(GateDao.class).find(id).orElse(null);
          if (gate == null) {
            return null;
          }
          Release release = release(handle, app, id);
          int window = row(handle.attach(RolloutDao.class), release).healthPolicy().windowMinutes();
          return RolloutView.GateView.of(
              GateCheck.evaluate(jdbi, healthCounts, release, gate, window, now));
        });
  }

  /**
   * The rollouts of an app's releases (newest 1000 by id), those needing attention first, then
   * newest first.
   *
   * @throws ApiException 404 {@code app.not_found}
   */
  public List<RolloutSummary> list(AppId app) {
    Instant now = clock.instant();
    return jdbi.inTransaction(handle -> RolloutOverview.list(handle, app, now));
  }

  /**
   * Sets the share. Raising it adds devices; lowering it takes back the offer from devices that
   * have not installed yet. A ramp plan continues from the new share.
   */
  public RolloutView setShare(AppId app, long id, int basisPoints, String reason, Principal actor) {
    return change(
        app,
        id,
        actor,
        (handle, release, row, now) -> {
          int from = release.rolloutBasisPoints();
          if (from == basisPoints) {
            return null;
          }
          RolloutDao dao = handle.attach(RolloutDao.class);
          dao.moveShare(id, from, basisPoints);
          write(dao, row.withDwell(now));
          handle.attach(ReleaseDao.class).bumpCatalogueRevision();
          return entry(id, now, actor, "share", from, basisPoints, reason);
        });
  }

  /** Pauses: checks stop offering the release; the ramp waits. */
  public RolloutView pause(AppId app, long id, String reason, Principal actor) {
    return change(
        app,
        id,
        actor,
        (handle, release, row, now) -> {
          if (row.state().equals(RolloutRow.HALTED)) {
            throw ApiException.conflict(
                "rollout.halted",
                "release " + id + " is halted by its health policy; resume it instead");
          }
          if (row.state().equals(RolloutRow.PAUSED)) {
            return null;
          }
          return setState(handle, row, RolloutRow.PAUSED, now, actor, reason);
        });
  }

  /**
   * Resumes a paused or halted rollout and clears "needs attention". The current share starts its
   * dwell anew, so a ramp never jumps a step the moment it is resumed.
   */
  public RolloutView resume(AppId app, long id, String reason, Principal actor) {
    return change(
        app,
        id,
        actor,
        (handle, release, row, now) -> {
          if (row.running() && !row.needsAttention()) {
            return null;
          }
          return setState(handle, row, RolloutRow.RUNNING, now, actor, reason);
        });
  }

  /** Sets the ramp plan; the ramp goes on from the release's current share. */
  public RolloutView setPlan(AppId app, long id, RampPlan plan, String reason, Principal actor) {
    return change(
        app,
        id,
        actor,
        (handle, release, row, now) -> {
          String encoded = plan.encode();
          if (encoded.equals(row.plan())) {
            return null;
          }
          write(handle.attach(RolloutDao.class), row.withPlan(encoded));
          return new HistoryEntry(0, id, now, actor.actor(), "plan", row.plan(), encoded, reason);
        });
  }

  /** Removes the ramp plan; the share stays where it is. */
  public RolloutView clearPlan(AppId app, long id, String reason, Principal actor) {
    return change(
        app,
        id,
        actor,
        (handle, release, row, now) -> {
          if (row.plan() == null) {
            return null;
          }
          write(handle.attach(RolloutDao.class), row.withPlan(null));
          return new HistoryEntry(
              0, id, now, actor.actor(), "plan_cleared", row.plan(), null, reason);
        });
  }

  /** Sets the thresholds the health monitor halts the release at. */
  public RolloutView setHealthPolicy(
      AppId app, long id, HealthPolicy policy, String reason, Principal actor) {
    return change(
        app,
        id,
        actor,
        (handle, release, row, now) -> {
          if (policy.equals(row.healthPolicy())) {
            return null;
          }
          write(handle.attach(RolloutDao.class), row.withPolicy(policy));
          return new HistoryEntry(
              0,
              id,
              now,
              actor.actor(),
              "health_policy",
              describe(row.healthPolicy()),
              describe(policy),
              reason);
        });
  }

  /**
   * Writes the rollout of a release being published, in the publish transaction: its ramp plan and
   * a history entry. Called by {@code Releases}; the share is already in the release.
   */
  public void published(Handle handle, Release release, RampPlan plan, Principal actor) {
    if (!Channels.exists(handle, release.appId(), release.channel())) {
      throw ApiException.badRequest(
          "channel.unknown",
          "channel: app '"
              + release.appId()
              + "' has no channel '"
              + release.channel()
              + "'; define it first (PUT /api/v1/apps/{app}/channels/{name})");
    }
    Instant now = clock.instant();
    RolloutRow row = RolloutRow.defaults(release.id(), now);
    RolloutDao dao = handle.attach(RolloutDao.class);
    dao.insert(plan == null ? row : row.withPlan(plan.encode()));
    dao.addHistory(
        new HistoryEntry(
            0,
            release.id(),
            now,
            actor.actor(),
            "publish",
            null,
            String.valueOf(release.rolloutBasisPoints()),
            plan == null ? null : "ramp " + plan.encode()));
  }

  private RolloutView change(AppId app, long id, Principal actor, Edit edit) {
    boolean changed =
        jdbi.inTransaction(
            handle -> {
              Release release = release(handle, app, id);
              RolloutDao dao = handle.attach(RolloutDao.class);
              RolloutRow row = row(dao, release);
              HistoryEntry entry = edit.apply(handle, release, row, clock.instant());
              if (entry == null) {
                return false;
              }
              dao.addHistory(entry);
              audit.record(
                  handle,
                  actor.actor(),
                  "rollout." + entry.action(),
                  app.name(),
                  String.valueOf(id),
                  entry.fromValue() + " -> " + entry.toValue() + reasonSuffix(entry.reason()));
              return true;
            });
    if (changed) {
      onChange.run();
    }
    return status(app, id);
  }

  private static HistoryEntry setState(
      Handle handle, RolloutRow row, String state, Instant now, Principal actor, String reason) {
    write(handle.attach(RolloutDao.class), row.withState(state, now));
    handle.attach(ReleaseDao.class).bumpCatalogueRevision();
    String action = state.equals(RolloutRow.RUNNING) ? "resume" : "pause";
    return new HistoryEntry(
        0, row.releaseId(), now, actor.actor(), action, row.state(), state, reason);
  }

  static Release release(Handle handle, AppId app, long id) {
    return handle
        .attach(ReleaseDao.class)
        .find(app, id)
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "release.not_found", "no release " + id + " of app '" + app + "'"));
  }

  /** The rollout row of a release, or its defaults (dwell counted from publication). */
  static RolloutRow row(RolloutDao dao, Release release) {
    return dao.find(release.id())
        .orElseGet(() -> RolloutRow.defaults(release.id(), release.publishedAt()));
  }

  /** Updates the row, inserting it for a release published before rollouts were stored. */
  static void write(RolloutDao dao, RolloutRow row) {
    if (dao.update(row) == 0) {
      dao.insert(row);
    }
  }

  static HistoryEntry entry(
      long id, Instant now, Principal actor, String action, int from, int to, String reason) {
    return new HistoryEntry(
        0, id, now, actor.actor(), action, String.valueOf(from), String.valueOf(to), reason);
  }

  private static String describe(HealthPolicy policy) {
    return policy.maxFailureBasisPoints()
        + " bp, "
        + policy.minAttempts()
        + " attempts, "
        + policy.windowMinutes()
        + " min, auto_recall "
        + policy.autoRecall();
  }

  static String reasonSuffix(String reason) {
    return reason == null ? "" : " (" + reason + ")";
  }

  /**
   * The newest {@value #HISTORY_LIMIT} changes of a release, newest first: its rollout history
   * merged with the deactivations, activations and recalls people made (from the audit log).
   */
  static List<HistoryEntry> history(RolloutDao dao, Release release) {
    List<HistoryEntry> merged = new ArrayList<>(dao.history(release.id(), HISTORY_LIMIT));
    merged.addAll(
        dao.releaseChanges(
            release.id(), release.appId().name(), String.valueOf(release.id()), HISTORY_LIMIT));
    merged.sort(
        Comparator.comparing(HistoryEntry::at)
            .thenComparing(entry -> Math.abs(entry.id()))
            .reversed());
    return merged.size() > HISTORY_LIMIT ? merged.subList(0, HISTORY_LIMIT) : merged;
  }
}
