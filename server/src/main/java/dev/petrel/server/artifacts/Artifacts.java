package dev.petrel.server.artifacts;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import org.jdbi.v3.core.Jdbi;

/** Stores uploaded artifacts and records each upload in the audit log. Thread-safe. */
public final class Artifacts {
  private final Jdbi jdbi;
  private final ArtifactStore store;
  private final AuditLog audit;
  private final long maxBytes;

  /**
   * @param maxBytes the largest artifact accepted
   */
  public Artifacts(Jdbi jdbi, ArtifactStore store, AuditLog audit, long maxBytes) {
    this.jdbi = jdbi;
    this.store = store;
    this.audit = audit;
    this.maxBytes = maxBytes;
  }

  /** The largest artifact accepted, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Streams {@code body} into the store and audits the upload. Storing bytes that are stored
   * already succeeds (and is audited again): uploading is idempotent.
   *
   * @param expectedSha256 the digest the uploader declared, or null
   * @param expectedSize the length the uploader declared, or null
   * @throws ArtifactRejectedException when too large or not as declared; nothing is kept then
   * @throws IOException when reading the body or writing the store fails; nothing is kept then
   */
  public ArtifactStore.Stored upload(
      AppId app, InputStream body, Sha256 expectedSha256, Long expectedSize, Principal actor)
      throws IOException {
    ArtifactStore.Stored stored = store.put(body, maxBytes, expectedSha256, expectedSize);
    jdbi.useHandle(
        handle ->
            audit.record(
                handle,
                actor.actor(),
                "artifact.upload",
                app.name(),
                stored.sha256().hex(),
                stored.size() + " bytes"));
    return stored;
  }
}
