package dev.petrel.server.artifacts.s3;

import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.artifacts.ArtifactStoreContract;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The artifact store contract against a real S3 protocol server (s3proxy), through the store the
 * server builds ({@link S3Connection#store(long)}, credentials from the SDK's default chain). Like
 * S3, s3proxy takes no part under 5 MiB but the last, so the contract's small artifacts go up in
 * one request each; {@link S3MultipartUploadTest} covers the multipart path.
 */
class S3ArtifactStoreTest extends ArtifactStoreContract {
  private String bucket;
  private S3Connection connection;

  @Override
  protected ArtifactStore store() throws IOException {
    bucket = S3ProxyServer.newBucket();
    connection =
        S3Connection.open(
            new S3Settings(
                new S3Location(bucket, "artifacts/"), S3ProxyServer.endpoint(), null, true));
    return connection.store(LIMIT);
  }

  @Override
  protected List<String> everythingStored() {
    return S3ProxyServer.everythingIn(bucket);
  }

  @AfterEach
  void close() {
    if (connection != null) {
      connection.close();
      S3ProxyServer.deleteBucket(bucket);
    }
  }
}
