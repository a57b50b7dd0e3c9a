package dev.petrel.server.releases;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Platform;
import dev.petrel.server.apps.AppDao;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.apps.ReleaseKeys;
import dev.petrel.server.apps.SigningPolicy;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.recalls.RecallDao;
import dev.petrel.server.web.ApiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Publishes, lists, activates and deactivates releases. Every change is one transaction that also
 * writes the audit log and bumps the catalogue revision; after it commits, {@code onChange} runs so
 * the check path sees the change. Thread-safe.
 */
public final class Releases {
  private final Jdbi jdbi;
  private final ArtifactStore artifacts;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;
  private final PublishListener listener;
  private final List<PublishCheck> checks;

  /**
   * @param listener told of every publish inside its transaction (the rollout is stored there)
   * @param checks the platforms' own checks of published artifacts, run in this order
   */
  public Releases(
      Jdbi jdbi,
      ArtifactStore artifacts,
      AuditLog audit,
      Clock clock,
      Runnable onChange,
      PublishListener listener,
      List<PublishCheck> checks) {
    this.jdbi = jdbi;
    this.artifacts = artifacts;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
    this.listener = listener;
    this.checks = List.copyOf(checks);
  }

  /**
   * Publishes a release of {@code app}.
   *
   * <p>A signed request is verified against the app's active release keys and its statement
   * compared with the release, in the transaction that stores it; an unsigned one is refused when
   * the app requires signatures. Nothing is stored when a check fails.
   *
   * <p>With {@code publish_at} in the future the release is stored now and goes live then; a time
   * in the past means now.
   *
   * @throws ApiException 404 for an unknown app, 400 when a hosted artifact is missing or does not
   *     match the declared size or checksum or the signature or statement is refused ({@code
   *     release.signature_*}, {@code release.statement_*}), 409 when the version or version code
   *     exists already; or whatever a {@link PublishCheck} refuses
   */
  public Release publish(AppId app, PublishRequest request, Principal actor) throws IOException {
    Release draft = draft(app, request);
    List<PublishCheck.Inspected> inspected = new java.util.ArrayList<>();
    for (PublishCheck check : checks) {
      PublishCheck.Inspected result = check.inspect(draft, request);
      if (result != null) {
        inspected.add(result);
      }
    }
    Release published;
    try {
      published =
          jdbi.inTransaction(
              handle -> {
                Release row = insert(handle, request, draft, actor);
                inspected.forEach(result -> result.apply(handle, row, request, actor));
                return row;
              });
    } catch (UnableToExecuteStatementException e) {
      if (Constraints.isUniqueViolation(e)) {
        throw duplicate(draft);
      }
      throw e;
    }
    onChange.run();
    return published;
  }

  private Release draft(AppId app, PublishRequest request) throws IOException {
    Long size = request.fileSize();
    var sha = request.checksum();
    if (request.artifactSha256() != null) {
      ArtifactStore.Stored stored =
          artifacts
              .stat(request.artifactSha256())
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "release.artifact_not_found",
                          "artifact_sha256: no uploaded artifact has digest "
                              + request.artifactSha256()));
      if (size != null && size != stored.size()) {
        throw ApiException.badRequest(
            "release.size_mismatch",
            "file_size: declared " + size + " but the artifact has " + stored.size() + " bytes");
      }
      if (sha != null && !sha.equals(stored.sha256())) {
        throw ApiException.badRequest(
            "release.checksum_mismatch",
            "checksum: declared " + sha + " but the artifact's SHA-256 is " + stored.sha256());
      }
      size = stored.size();
      sha = stored.sha256();
    }
    Instant now = clock.instant();
    Instant publishAt = request.publishAt();
    if (publishAt != null && publishAt.isAfter(now.plus(PublishRequest.MAX_SCHEDULE))) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "publish_at: expected at most 366 days ahead, found " + publishAt);
    }
    Instant publishedAt = publishAt == null || publishAt.isBefore(now) ? now : publishAt;
    String fileName =
        request.fileName() != null
            ? request.fileName()
            : app + "-" + request.platform() + "-" + request.version();
    return new Release(
        0,
        app,
        request.platform(),
        request.channel(),
        request.version(),
        request.versionCode(),
        request.minSupportedVersion(),
        sha,
        size,
        fileName,
        request.downloadUrl(),
        request.releaseNotes(),
        request.mandatory(),
        true,
        request.initialBasisPoints(),
        now,
        publishedAt,
        null,
        null,
        null);
  }

  private Release insert(Handle handle, PublishRequest request, Release unsigned, Principal actor) {
    // Locking the app row orders this publish with key removals and require_signatures changes:
    // a key removed before this transaction commits cannot sign the release.
    if (handle.attach(AppDao.class).lock(unsigned.appId()) == 0) {
      throw Apps.notFound(unsigned.appId());
    }
    SigningPolicy policy = ReleaseKeys.signingPolicy(handle, unsigned.appId());
    Release draft = ReleaseSignatures.check(policy, request, unsigned);
    ReleaseDao dao = handle.attach(ReleaseDao.class);
    if (dao.countVersion(draft.appId(), draft.platform(), draft.version()) > 0
        || dao.countVersionCode(draft.appId(), draft.platform(), draft.versionCode()) > 0) {
      throw duplicate(draft);
    }
    long id = dao.insert(draft);
    dao.bumpCatalogueRevision();
    Release published = dao.find(draft.appId(), id).orElseThrow();
    listener.published(handle, published, request, actor);
    audit.record(
        handle,
        actor.actor(),
        "release.publish",
        draft.appId().name(),
        String.valueOf(id),
        draft.platform()
            + " "
            + draft.version()
            + " ("
            + draft.versionCode()
            + ")"
            + (draft.publishedAt().isAfter(draft.createdAt())
                ? ", scheduled for " + draft.publishedAt()
                : ""));
    return published;
  }

  private static ApiException duplicate(Release draft) {
    return ApiException.conflict(
        "release.duplicate_version",
        draft.appId()
            + " already has a "
            + draft.platform()
            + " release with version "
            + draft.version()
            + " or version code "
            + draft.versionCode());
  }

  /**
   * Sets whether a release is offered. Returns the release as it is afterwards; a release already
   * in the wanted state is returned unchanged and nothing is written. Activating a recalled release
   * deletes its recall.
   *
   * @throws ApiException 404 {@code release.not_found}
   */
  public Release setActive(AppId app, long id, boolean active, Principal actor) {
    Release before = get(app, id);
    if (before.active() == active) {
      return before;
    }
    Release after =
        jdbi.inTransaction(
            handle -> {
              ReleaseDao dao = handle.attach(ReleaseDao.class);
              dao.setActive(app, id, active);
              // Activating a recalled release withdraws its recall: a later plain deactivation
              // must not bring back an old recall's downgrade.
              boolean withdrawn = active && handle.attach(RecallDao.class).delete(id) > 0;
              dao.bumpCatalogueRevision();
              audit.record(
                  handle,
                  actor.actor(),
                  active ? "release.activate" : "release.deactivate",
                  app.name(),
                  String.valueOf(id),
                  before.platform()
                      + " "
                      + before.version()
                      + (withdrawn ? ", recall withdrawn" : ""));
              return dao.find(app, id).orElseThrow();
            });
    onChange.run();
    return after;
  }

  /**
   * @throws ApiException 404 {@code release.not_found}
   */
  public Release get(AppId app, long id) {
    Optional<Release> release = jdbi.withExtension(ReleaseDao.class, dao -> dao.find(app, id));
    return release.orElseThrow(
        () ->
            ApiException.notFound(
                "release.not_found", "no release " + id + " of app '" + app + "'"));
  }

  /**
   * Releases of an app, newest version code first per platform; {@code platform} may be null.
   *
   * @throws ApiException 404 {@code app.not_found}
   */
  public List<Release> list(AppId app, Platform platform, int limit, int offset) {
    return jdbi.withHandle(
        handle -> {
          if (handle.attach(AppDao.class).find(app).isEmpty()) {
            throw Apps.notFound(app);
          }
          return handle.attach(ReleaseDao.class).list(app, platform, limit, offset);
        });
  }
}
