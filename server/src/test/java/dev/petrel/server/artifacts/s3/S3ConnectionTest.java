package dev.petrel.server.artifacts.s3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.server.artifacts.ArtifactStoreUnavailableException;
import org.junit.jupiter.api.Test;

/** Opening a connection checks the bucket, so that a wrong setting stops the server at start. */
class S3ConnectionTest {

  @Test
  void aMissingBucketIsNamedWithItsEndpoint() {
    S3Settings settings =
        new S3Settings(
            new S3Location("no-such-bucket", "p/"), S3ProxyServer.endpoint(), null, true);

    assertThatThrownBy(() -> S3Connection.open(settings))
        .isInstanceOf(ArtifactStoreUnavailableException.class)
        .hasMessage(
            "cannot reach the bucket of s3://no-such-bucket/p/ at "
                + S3ProxyServer.endpoint()
                + ": no such bucket (404)");
  }

  @Test
  void wrongCredentialsAreNamedAsSuch() {
    String bucket = S3ProxyServer.newBucket();
    String previous = System.getProperty("aws.secretAccessKey");
    System.setProperty("aws.secretAccessKey", "not-the-secret");
    try {
      S3Settings settings =
          new S3Settings(new S3Location(bucket, ""), S3ProxyServer.endpoint(), null, true);

      assertThatThrownBy(() -> S3Connection.open(settings))
          .isInstanceOf(ArtifactStoreUnavailableException.class)
          .hasMessageContaining("access denied (403)");
    } finally {
      System.setProperty("aws.secretAccessKey", previous);
      S3ProxyServer.deleteBucket(bucket);
    }
  }
}
