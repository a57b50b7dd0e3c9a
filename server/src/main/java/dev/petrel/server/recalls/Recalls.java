package dev.petrel.server.recalls;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.server.apps.AppDao;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.apps.ReleaseKeys;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.releases.ReleaseEvents;
import dev.petrel.server.rollouts.RolloutRules;
import dev.petrel.server.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Recalls releases: deactivates one (no device is offered it any more) and records why, who and,
 * for a signed recall, the statement that lets devices on it go back to an older release. Each
 * recall is one transaction with its audit row and a catalogue revision bump; {@code onChange} runs
 * after it commits. Thread-safe.
 */
public final class Recalls {
  /** Releases read at a time while looking for the default target. */
  private static final int SIBLING_PAGE = 500;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;

  private final ReleaseEvents events;

  public Recalls(Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange) {
    this(jdbi, audit, clock, onChange, ReleaseEvents.NONE);
  }

  /**
   * @param events told of every recall, inside its transaction
   */
  public Recalls(Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange, ReleaseEvents events) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
    this.events = events;
  }

  /**
   * What a recall left behind.
   *
   * @param release the recalled release, now inactive
   * @param recall the stored recall
   * @param target the release devices may go back to, or null
   * @param warnings what the operator should know or do next (empty when nothing)
   */
  public record Outcome(Release release, Recall recall, Release target, List<String> warnings) {}

  /**
   * Recalls release {@code id} of {@code app}. A signed request is verified against the app's
   * active release keys, in the transaction that stores it, with the app's row locked (as a publish
   * is); an unsigned one is accepted even when the app requires signatures, because it only stops
   * offers and tells devices, and can never carry a downgrade. A release recalled before is
   * recalled again: the new recall replaces the old one. Nothing is written when a check fails.
   *
   * @throws ApiException 404 {@code app.not_found} or {@code release.not_found}; 400 {@code
   *     recall.signature_invalid}, {@code recall.statement_invalid}, {@code
   *     recall.statement_mismatch} or {@code recall.target_invalid}
   */
  Outcome recall(AppId app, long id, RecallRequest request, Principal actor) {
    Outcome outcome = jdbi.inTransaction(handle -> store(handle, app, id, request, actor));
    onChange.run();
    return outcome;
  }

  private Outcome store(Handle handle, AppId app, long id, RecallRequest request, Principal actor) {
    if (handle.attach(AppDao.class).lock(app) == 0) {
      throw Apps.notFound(app);
    }
    ReleaseDao releases = handle.attach(ReleaseDao.class);
    RecallDao recalls = handle.attach(RecallDao.class);
    Release release = releases.find(app, id).orElseThrow(() -> notFound(app, id));
    Instant now = clock.instant();
    Recall recall;
    Release target = null;
    if (request.signed()) {
      RecallSignatures.Verified verified =
          RecallSignatures.verify(ReleaseKeys.signingPolicy(handle, app), request, release);
      if (verified.statement().target() != null) {
        var named = verified.statement().target();
        target =
            RecallSignatures.checkTarget(
                named,
                release,
                recalls.findByVersionCode(app, release.platform(), named.versionCode()),
                RolloutRules.load(handle),
                candidate -> recalls.find(candidate).isPresent(),
                now);
      }
      recall =
          new Recall(
              id,
              app,
              verified.statement().reason(),
              request.statement(),
              request.signature(),
              verified.keyId(),
              target == null ? null : target.id(),
              actor.actor(),
              now);
    } else {
      recall = new Recall(id, app, request.reason(), null, null, null, null, actor.actor(), now);
    }
    releases.setActive(app, id, false);
    replace(recalls, recall);
    releases.bumpCatalogueRevision();
    audit.record(
        handle,
        actor.actor(),
        "release.recall",
        app.name(),
        String.valueOf(id),
        describe(release, recall, target));
    events.happened(handle, ReleaseEvents.RECALLED, release, recall.reason(), null);
    Release after = releases.find(app, id).orElseThrow();
    return new Outcome(after, recall, target, warnings(after, recall, target));
  }

  /**
   * The release a signed recall of release {@code id} names by default: the newest {@link
   * DowngradeTargets good downgrade target} below it, or null when there is none or the platform
   * does not allow downgrades. Reads one consistent view of the releases, rollouts and recalls.
   *
   * @throws ApiException 404 {@code app.not_found} or {@code release.not_found}
   */
  Release defaultTarget(AppId app, long id) {
    return jdbi.inTransaction(
        handle -> {
          if (handle.attach(AppDao.class).find(app).isEmpty()) {
            throw Apps.notFound(app);
          }
          ReleaseDao releases = handle.attach(ReleaseDao.class);
          RecallDao recalls = handle.attach(RecallDao.class);
          Release release = releases.find(app, id).orElseThrow(() -> notFound(app, id));
          RolloutRules rules = RolloutRules.load(handle);
          Instant now = clock.instant();
          for (int offset = 0; ; offset += SIBLING_PAGE) {
            List<Release> page = releases.list(app, release.platform(), SIBLING_PAGE, offset);
            Release target =
                DowngradeTargets.newest(
                    page, release, rules, candidate -> recalls.find(candidate).isPresent(), now);
            if (target != null || page.size() < SIBLING_PAGE) {
              return target;
            }
          }
        });
  }

  /**
   * Records an unsigned recall of {@code release} in the caller's transaction, for a recall the
   * server makes itself (a health policy's automatic recall): devices on the release are then told
   * {@code reason}, and offered no downgrade. The caller deactivates the release, bumps the
   * catalogue revision and writes the audit row in the same transaction.
   *
   * @param reason why, as {@link RecallStatement#checkReason} requires (at most 500 characters)
   * @param actor who, as the audit log names actors (e.g. {@code system})
   * @throws dev.petrel.protocol.InvalidValueException if {@code reason} is not a valid reason
   */
  public static Recall recordUnsigned(
      Handle handle, Release release, String reason, String actor, Instant now) {
    Recall recall =
        new Recall(
            release.id(),
            release.appId(),
            RecallStatement.checkReason(reason),
            null,
            null,
            null,
            null,
            actor,
            now);
    replace(handle.attach(RecallDao.class), recall);
    return recall;
  }

  private static void replace(RecallDao recalls, Recall recall) {
    recalls.delete(recall.releaseId());
    recalls.insert(recall);
  }

  /**
   * The recall of release {@code id} of {@code app}.
   *
   * @throws ApiException 404 {@code release.not_found} or {@code recall.not_found}
   */
  Outcome get(AppId app, long id) {
    return jdbi.withHandle(
        handle -> {
          Release release =
              handle.attach(ReleaseDao.class).find(app, id).orElseThrow(() -> notFound(app, id));
          RecallDao recalls = handle.attach(RecallDao.class);
          Recall recall =
              recalls
                  .find(id)
                  .orElseThrow(
                      () ->
                          ApiException.notFound(
                              "recall.not_found",
                              "release " + id + " of app '" + app + "' is not recalled"));
          Release target =
              recall.targetReleaseId() == null
                  ? null
                  : handle
                      .attach(ReleaseDao.class)
                      .find(app, recall.targetReleaseId())
                      .orElse(null);
          return new Outcome(release, recall, target, List.of());
        });
  }

  private static String describe(Release release, Recall recall, Release target) {
    return release.platform()
        + " "
        + release.version()
        + " ("
        + release.versionCode()
        + "), "
        + (recall.signed() ? "signed by key " + recall.signingKeyId() : "unsigned")
        + (target == null
            ? ", no downgrade"
            : ", target " + target.version() + " (" + target.versionCode() + ")")
        + ": "
        + recall.reason();
  }

  /** What the operator must know: mobile recalls need a fix forward, unsigned ones no downgrade. */
  static List<String> warnings(Release release, Recall recall, Release target) {
    List<String> warnings = new ArrayList<>();
    String fixForward =
        "publish a fixed "
            + release.platform()
            + " release with a version code above "
            + release.versionCode()
            + " (a fix forward)";
    if (!Downgrades.allowedOn(release.platform())) {
      warnings.add(
          release.platform()
              + " installers refuse downgrades: devices on "
              + release.version()
              + " are told of the recall but stay on it until you "
              + fixForward
              + ".");
    } else if (!recall.signed()) {
      warnings.add(
          "unsigned recall: devices on "
              + release.version()
              + " are told of it but are never offered an older release; sign the recall with a"
              + " release key and name a target to offer a downgrade, or "
              + fixForward
              + ".");
    } else if (target == null) {
      warnings.add(
          "the recall names no target: devices on "
              + release.version()
              + " stay on it until you "
              + fixForward
              + ".");
    }
    return List.copyOf(warnings);
  }

  private static ApiException notFound(AppId app, long id) {
    return ApiException.notFound("release.not_found", "no release " + id + " of app '" + app + "'");
  }
}
