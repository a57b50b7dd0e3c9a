package dev.petrel.server.deltas;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * What operators and publishers do with patches: list a release's, queue one from a chosen earlier
 * release, remove one, or upload one made elsewhere (in CI), which is proven exactly as generated
 * ones are before it is offered. Every change is audited; changes to what devices are offered bump
 * the catalogue revision and run {@code onChange} after they commit.
 */
public final class Deltas {
  private final Jdbi jdbi;
  private final ArtifactStore store;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;
  private final Path workDir;

  public Deltas(
      Jdbi jdbi,
      ArtifactStore store,
      AuditLog audit,
      Clock clock,
      Runnable onChange,
      Path workDir) {
    this.jdbi = jdbi;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
    this.workDir = workDir;
  }

  /**
   * The patches to a release, oldest first.
   *
   * @throws ApiException 404 for an unknown release
   */
  public List<Delta> list(AppId app, long releaseId) {
    release(app, releaseId);
    return jdbi.withExtension(DeltaDao.class, dao -> dao.ofRelease(releaseId));
  }

  /**
   * Queues (or queues again) the patch from {@code fromId} to {@code releaseId}.
   *
   * @throws ApiException 404 for an unknown release, 400 when the pair cannot have a patch, 409
   *     while a worker is making it
   */
  public Delta request(AppId app, long releaseId, long fromId, Principal actor) {
    Release to = release(app, releaseId);
    Release from = base(app, to, fromId);
    Delta queued =
        jdbi.inTransaction(
            handle -> {
              DeltaDao dao = handle.attach(DeltaDao.class);
              int rows =
                  dao.queue(
                      app.name(),
                      to.id(),
                      from.id(),
                      from.versionCode(),
                      from.sha256().hex(),
                      to.fileSize(),
                      clock.instant());
              if (rows == 0 && dao.requeue(to.id(), from.id()) == 0) {
                throw ApiException.conflict(
                    "delta.running", "a worker is making this patch now; try again when it ends");
              }
              audit.record(
                  handle,
                  actor.actor(),
                  "delta.request",
                  app.name(),
                  String.valueOf(to.id()),
                  "from release " + from.id() + " (" + from.versionCode() + ")");
              handle.attach(ReleaseDao.class).bumpCatalogueRevision();
              return pair(dao, to.id(), from.id());
            });
    onChange.run();
    return queued;
  }

  /**
   * Removes a patch: it is no longer offered (the stored bytes stay, content-addressed).
   *
   * @throws ApiException 404 for an unknown release or patch
   */
  public void remove(AppId app, long releaseId, long deltaId, Principal actor) {
    release(app, releaseId);
    jdbi.useTransaction(
        handle -> {
          if (handle.attach(DeltaDao.class).delete(deltaId, releaseId) == 0) {
            throw ApiException.notFound(
                "delta.not_found", "release " + releaseId + " has no patch " + deltaId);
          }
          handle.attach(ReleaseDao.class).bumpCatalogueRevision();
          audit.record(
              handle,
              actor.actor(),
              "delta.remove",
              app.name(),
              String.valueOf(releaseId),
              "patch " + deltaId);
        });
    onChange.run();
  }

  /**
   * Takes a patch the publisher made, proves it against both artifacts, and offers it.
   *
   * @throws ApiException 404 for an unknown release, 400 when the pair cannot have a patch or the
   *     patch does not prove out or saves too little
   */
  public Delta upload(AppId app, long releaseId, long fromId, InputStream body, Principal actor)
      throws IOException {
    Release to = release(app, releaseId);
    Release from = base(app, to, fromId);
    Files.createDirectories(workDir);
    Path patch = Files.createTempFile(workDir, "upload-", ".patch");
    Path old = Files.createTempFile(workDir, "old-", ".bin");
    try {
      long size = copyBounded(body, patch, to.fileSize());
      if (size > (1 - DeltaSettings.MIN_SAVING) * to.fileSize()) {
        throw ApiException.badRequest(
            "delta.too_large", "the patch saves less than 20 % of the full download");
      }
      try (InputStream in = store.open(from.sha256(), 0, from.fileSize())) {
        Files.copy(in, old, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      String format = verified(old, patch, from.sha256(), to.sha256());
      ArtifactStore.Stored stored;
      try (InputStream in = Files.newInputStream(patch)) {
        stored = store.put(in, size, null, size);
      }
      Delta uploaded = record(app, to, from, format, stored, actor);
      onChange.run();
      return uploaded;
    } finally {
      Files.deleteIfExists(patch);
      Files.deleteIfExists(old);
    }
  }

  private Delta record(
      AppId app,
      Release to,
      Release from,
      String format,
      ArtifactStore.Stored stored,
      Principal actor) {
    return jdbi.inTransaction(
        handle -> {
          DeltaDao dao = handle.attach(DeltaDao.class);
          dao.deletePair(to.id(), from.id());
          long id =
              dao.insertUploaded(
                  app.name(),
                  to.id(),
                  from.id(),
                  from.versionCode(),
                  from.sha256().hex(),
                  format,
                  stored.sha256().hex(),
                  stored.size(),
                  to.fileSize(),
                  clock.instant());
          handle.attach(ReleaseDao.class).bumpCatalogueRevision();
          audit.record(
              handle,
              actor.actor(),
              "delta.upload",
              app.name(),
              String.valueOf(to.id()),
              "from release " + from.id() + ": " + stored.size() + " bytes, " + stored.sha256());
          return dao.byId(id).orElseThrow();
        });
  }

  private static String verified(Path old, Path patch, Sha256 from, Sha256 to) throws IOException {
    try {
      return PatchVerifier.verify(old, patch, from, to, patch.getParent()).format().wireName();
    } catch (PatchProcess.Failed e) {
      throw ApiException.badRequest("delta.invalid", e.getMessage());
    }
  }

  private static long copyBounded(InputStream body, Path file, long max) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (var out = Files.newOutputStream(file)) {
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        total += n;
        if (total > max) {
          throw ApiException.badRequest(
              "delta.too_large", "the patch is larger than the release's full download");
        }
        out.write(buffer, 0, n);
      }
    }
    return total;
  }

  private Release release(AppId app, long id) {
    Release release =
        jdbi.withExtension(ReleaseDao.class, dao -> dao.find(app, id))
            .orElseThrow(
                () ->
                    ApiException.notFound("release.not_found", "no release " + id + " in " + app));
    if (!release.hosted()) {
      throw ApiException.badRequest(
          "delta.not_hosted", "release " + id + " is hosted elsewhere; patches need its artifact");
    }
    return release;
  }

  private Release base(AppId app, Release to, long fromId) {
    Release from = release(app, fromId);
    if (!from.platform().equals(to.platform()) || from.versionCode() >= to.versionCode()) {
      throw ApiException.badRequest(
          "delta.invalid_pair",
          "from_release_id: expected an earlier release of the same platform than release "
              + to.id());
    }
    return from;
  }

  private static Delta pair(DeltaDao dao, long release, long from) {
    return dao.ofRelease(release).stream()
        .filter(d -> d.fromReleaseId() == from)
        .findFirst()
        .orElseThrow();
  }
}
