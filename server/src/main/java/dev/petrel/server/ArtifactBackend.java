package dev.petrel.server;

import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.artifacts.CdnRedirects;
import dev.petrel.server.artifacts.DownloadRedirects;
import dev.petrel.server.artifacts.fs.FileSystemArtifactStore;
import dev.petrel.server.artifacts.s3.S3Connection;
import java.io.IOException;

/**
 * The artifact store and download redirects that {@link ArtifactStorage} asks for, built by {@link
 * PetrelServer}. Closing releases the S3 client, if any.
 *
 * @param store where artifacts are stored
 * @param redirects where downloads are sent, or null to stream them through the node
 */
record ArtifactBackend(ArtifactStore store, DownloadRedirects redirects, S3Connection s3)
    implements AutoCloseable {

  /**
   * Opens the configured store: checks that the bucket answers, or creates the artifact directory.
   *
   * @throws dev.petrel.server.artifacts.ArtifactStoreUnavailableException when the bucket does not
   *     answer
   */
  static ArtifactBackend open(ServerConfig config) throws IOException {
    ArtifactStorage storage = config.storage();
    if (storage.s3() == null) {
      ArtifactStore store = new FileSystemArtifactStore(config.dataDir().resolve("artifacts"));
      DownloadRedirects redirects =
          storage.redirectDownloads() ? new CdnRedirects(storage.cdnBaseUrl()) : null;
      return new ArtifactBackend(store, redirects, null);
    }
    S3Connection s3 = S3Connection.open(storage.s3());
    DownloadRedirects redirects = null;
    if (storage.redirectDownloads()) {
      redirects =
          storage.cdnBaseUrl() != null
              ? new CdnRedirects(storage.cdnBaseUrl())
              : s3.presignedRedirects(storage.presignTtl());
    }
    return new ArtifactBackend(s3.store(config.maxUploadBytes()), redirects, s3);
  }

  @Override
  public void close() {
    if (s3 != null) {
      s3.close();
    }
  }
}
