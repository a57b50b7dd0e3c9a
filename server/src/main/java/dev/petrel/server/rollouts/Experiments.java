package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.apps.AppDao;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Cohort experiments: create one over two or more releases with bucket ranges, read, list and end
 * them. While an experiment runs, each arm is offered to the devices of its channel whose
 * experiment bucket lies in its range, whatever its own share; ending it hands the arms back to
 * their shares. Changes are audited, written to each arm's rollout history and bump the catalogue
 * revision. Thread-safe.
 */
public final class Experiments {
  /** Most arms of one experiment. */
  public static final int MAX_ARMS = 10;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;

  public Experiments(Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
  }

  /** A requested arm: a release and its bucket range {@code [rangeStart, rangeEnd)}. */
  public record ArmRequest(long releaseId, int rangeStart, int rangeEnd) {}

  /**
   * Creates an experiment.
   *
   * @throws ApiException 400 {@code experiment.invalid} when arms are fewer than 2 or more than
   *     {@link #MAX_ARMS}, ranges are out of 0–10000, empty or overlap, or the releases differ in
   *     platform or channel or are inactive; 404 for an unknown app or release; 409 {@code
   *     experiment.release_taken} when a release is an arm of another running experiment (an arm of
   *     ended experiments only may join); nothing is written when it throws
   */
  public Experiment create(AppId app, String name, List<ArmRequest> arms, Principal actor) {
    List<ArmRequest> sorted = checkRanges(arms);
    long id =
        jdbi.inTransaction(
            handle -> {
              // The app's row lock makes creations of one app's experiments run one after the
              // other, so two cannot both find a release free and take it.
              if (handle.attach(AppDao.class).lock(app) == 0) {
                throw Apps.notFound(app);
              }
              List<Release> releases = releases(handle, app, sorted);
              Instant now = clock.instant();
              long created = insert(handle, app, name, releases.get(0), now);
              RolloutDao dao = handle.attach(RolloutDao.class);
              for (int i = 0; i < sorted.size(); i++) {
                ArmRequest arm = sorted.get(i);
                insertArm(handle, created, arm);
                dao.addHistory(
                    new HistoryEntry(
                        0,
                        arm.releaseId(),
                        now,
                        actor.actor(),
                        "experiment",
                        null,
                        "experiment "
                            + created
                            + " buckets "
                            + arm.rangeStart()
                            + "-"
                            + arm.rangeEnd(),
                        name));
              }
              handle.attach(ReleaseDao.class).bumpCatalogueRevision();
              audit.record(
                  handle,
                  actor.actor(),
                  "experiment.create",
                  app.name(),
                  String.valueOf(created),
                  name + ": " + describe(sorted));
              return created;
            });
    onChange.run();
    return get(app, id);
  }

  /** Ends a running experiment; ending an ended one changes nothing. */
  public Experiment end(AppId app, long id, Principal actor) {
    Experiment experiment = get(app, id);
    if (experiment.endedAt() != null) {
      return experiment;
    }
    boolean ended =
        jdbi.inTransaction(
            handle -> {
              Instant now = clock.instant();
              int updated =
                  handle
                      .createUpdate(
                          "UPDATE experiments SET ended_at = :now WHERE id = :id AND ended_at IS NULL")
                      .bind("now", now)
                      .bind("id", id)
                      .execute();
              if (updated == 0) {
                return false; // ended meanwhile, through another request or node
              }
              RolloutDao dao = handle.attach(RolloutDao.class);
              for (Experiment.Arm arm : experiment.arms()) {
                dao.addHistory(
                    new HistoryEntry(
                        0,
                        arm.releaseId(),
                        now,
                        actor.actor(),
                        "experiment_ended",
                        "experiment " + id,
                        null,
                        experiment.name()));
              }
              handle.attach(ReleaseDao.class).bumpCatalogueRevision();
              audit.record(
                  handle, actor.actor(), "experiment.end", app.name(), String.valueOf(id), null);
              return true;
            });
    if (ended) {
      onChange.run();
    }
    return get(app, id);
  }

  /**
   * @throws ApiException 404 {@code experiment.not_found}
   */
  public Experiment get(AppId app, long id) {
    return jdbi.withHandle(handle -> ExperimentRows.find(handle, app, id))
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "experiment.not_found", "no experiment " + id + " of app '" + app + "'"));
  }

  /** The app's experiments, newest first (at most 100). */
  public List<Experiment> list(AppId app) {
    return jdbi.withHandle(
        handle -> {
          if (handle.attach(AppDao.class).find(app).isEmpty()) {
            throw Apps.notFound(app);
          }
          return ExperimentRows.list(handle, app);
        });
  }

  private static List<ArmRequest> checkRanges(List<ArmRequest> arms) {
    if (arms.size() < 2 || arms.size() > MAX_ARMS) {
      throw invalid("arms: expected 2 to " + MAX_ARMS + " arms, found " + arms.size());
    }
    List<ArmRequest> sorted = new ArrayList<>(arms);
    sorted.sort(Comparator.comparingInt(ArmRequest::rangeStart));
    int end = 0;
    for (ArmRequest arm : sorted) {
      if (arm.rangeStart() < 0 || arm.rangeEnd() > 10_000 || arm.rangeStart() >= arm.rangeEnd()) {
        throw invalid(
            "arms: release "
                + arm.releaseId()
                + " has range "
                + arm.rangeStart()
                + "-"
                + arm.rangeEnd()
                + "; expected 0 <= range_start < range_end <= 10000");
      }
      if (arm.rangeStart() < end) {
        throw invalid("arms: the range of release " + arm.releaseId() + " overlaps another arm's");
      }
      end = arm.rangeEnd();
    }
    if (sorted.stream().map(ArmRequest::releaseId).distinct().count() != sorted.size()) {
      throw invalid("arms: a release may be only one arm");
    }
    return sorted;
  }

  private static List<Release> releases(Handle handle, AppId app, List<ArmRequest> arms) {
    List<Release> releases = new ArrayList<>();
    for (ArmRequest arm : arms) {
      Release release = Rollouts.release(handle, app, arm.releaseId());
      if (!release.active()) {
        throw invalid("arms: release " + release.id() + " is inactive");
      }
      Release first = releases.isEmpty() ? release : releases.get(0);
      if (!first.platform().equals(release.platform())
          || !first.channel().equals(release.channel())) {
        throw invalid(
            "arms: all releases must share one platform and channel; release "
                + release.id()
                + " is "
                + release.platform()
                + "/"
                + release.channel()
                + ", release "
                + first.id()
                + " is "
                + first.platform()
                + "/"
                + first.channel());
      }
      if (ExperimentRows.isRunningArm(handle, release.id())) {
        throw ApiException.conflict(
            "experiment.release_taken",
            "arms: release " + release.id() + " is an arm of a running experiment already");
      }
      releases.add(release);
    }
    return releases;
  }

  private static long insert(Handle handle, AppId app, String name, Release first, Instant now) {
    return handle
        .createQuery(
            """
            INSERT INTO experiments (app_id, name, platform, channel, created_at)
            VALUES (:app, :name, :platform, :channel, :now)
            RETURNING id
            """)
        .bind("app", app.name())
        .bind("name", name)
        .bind("platform", first.platform().name())
        .bind("channel", first.channel().wireName())
        .bind("now", now)
        .mapTo(Long.class)
        .one();
  }

  private static void insertArm(Handle handle, long experiment, ArmRequest arm) {
    handle
        .createUpdate(
            """
            INSERT INTO experiment_arms (experiment_id, release_id, range_start, range_end)
            VALUES (:experiment, :release, :start, :end)
            """)
        .bind("experiment", experiment)
        .bind("release", arm.releaseId())
        .bind("start", arm.rangeStart())
        .bind("end", arm.rangeEnd())
        .execute();
  }

  private static String describe(List<ArmRequest> arms) {
    StringBuilder text = new StringBuilder();
    for (ArmRequest arm : arms) {
      text.append(text.length() == 0 ? "" : ", ")
          .append("release ")
          .append(arm.releaseId())
          .append(" buckets ")
          .append(arm.rangeStart())
          .append('-')
          .append(arm.rangeEnd());
    }
    return text.toString();
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest("experiment.invalid", message);
  }
}
