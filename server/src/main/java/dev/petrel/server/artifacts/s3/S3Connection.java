package dev.petrel.server.artifacts.s3;

import dev.petrel.server.artifacts.ArtifactStoreUnavailableException;
import dev.petrel.server.artifacts.DownloadRedirects;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A client of one S3-compatible bucket, and what is built on it: the {@link S3ArtifactStore} and
 * the pre-signed download redirects. Opening checks that the bucket answers, so a wrong endpoint,
 * bucket or credential stops the server at start with one clear line instead of failing the first
 * upload. Thread-safe; close it when the server stops.
 */
public final class S3Connection implements AutoCloseable {
  /** S3 allows at most this many parts in one multipart upload. */
  private static final int MAX_PARTS = 10_000;

  private final S3Settings settings;
  private final S3Client s3;
  private final S3Presigner presigner;

  private S3Connection(S3Settings settings, S3Client s3, S3Presigner presigner) {
    this.settings = settings;
    this.s3 = s3;
    this.presigner = presigner;
  }

  /**
   * Connects and checks that the bucket exists and the credentials may use it.
   *
   * @throws ArtifactStoreUnavailableException naming the bucket and endpoint when it does not
   *     answer, or answers with an error
   */
  public static S3Connection open(S3Settings settings) throws ArtifactStoreUnavailableException {
    Region region = region(settings);
    AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    S3ClientBuilder client =
        S3Client.builder()
            .region(region)
            .credentialsProvider(credentials)
            .forcePathStyle(settings.pathStyle())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            // Checksums only where S3 requires them: many S3-compatible stores do not know the
            // newer checksum headers, and each part already carries its MD5.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    S3Presigner.Builder presigning =
        S3Presigner.builder()
            .region(region)
            .credentialsProvider(credentials)
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
    if (settings.endpoint() != null) {
      client.endpointOverride(settings.endpoint());
      presigning.endpointOverride(settings.endpoint());
    }
    S3Client s3 = client.build();
    S3Presigner presigner = presigning.build();
    S3Connection connection = new S3Connection(settings, s3, presigner);
    try {
      s3.headBucket(request -> request.bucket(settings.location().bucket()));
    } catch (SdkException e) {
      connection.close();
      throw new ArtifactStoreUnavailableException(
          "cannot reach the bucket of "
              + settings.location()
              + " at "
              + (settings.endpoint() == null ? "AWS S3 in " + region : settings.endpoint())
              + ": "
              + explain(e),
          e);
    }
    return connection;
  }

  /** A HEAD answer has no body, so S3's own message is empty for the usual two refusals. */
  private static String explain(SdkException e) {
    if (e instanceof S3Exception s3 && s3.statusCode() == 404) {
      return "no such bucket (404)";
    }
    if (e instanceof S3Exception s3 && s3.statusCode() == 403) {
      return "access denied (403): check the credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE, …)"
          + " and the bucket's policy";
    }
    return e.getMessage();
  }

  /**
   * The signing region: as configured, else from {@code AWS_REGION} ({@code aws.region}) or the
   * profile; failing those, {@code us-east-1} for a store of its own endpoint, or the instance's
   * region on AWS (the SDK's default chain, which asks the instance metadata service).
   */
  private static Region region(S3Settings settings) {
    if (settings.region() != null) {
      return Region.of(settings.region());
    }
    try {
      return new AwsRegionProviderChain(
              new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
          .getRegion();
    } catch (SdkException e) {
      return settings.endpoint() != null
          ? Region.US_EAST_1
          : DefaultAwsRegionProviderChain.builder().build().getRegion();
    }
  }

  /**
   * The artifact store on this bucket, after removing what uploads that never finished left there.
   *
   * @param maxBytes the largest artifact it will be given: parts grow past {@link
   *     S3ArtifactStore#DEFAULT_PART_SIZE} when needed to stay within S3's 10 000 parts
   */
  public S3ArtifactStore store(long maxBytes) {
    StaleUploads.remove(s3, settings.location(), Clock.systemUTC());
    long needed = (maxBytes + MAX_PARTS - 1) / MAX_PARTS;
    int partSize =
        (int) Math.min(Integer.MAX_VALUE - 8, Math.max(S3ArtifactStore.DEFAULT_PART_SIZE, needed));
    return store(partSize, S3ArtifactStore.MAX_SINGLE_COPY);
  }

  /** The store with chosen part and single-copy sizes, for tests that cross them cheaply. */
  S3ArtifactStore store(int partSize, long singleCopyLimit) {
    return new S3ArtifactStore(s3, settings.location(), partSize, singleCopyLimit);
  }

  /**
   * Redirects to pre-signed {@code GET} URLs of the bucket.
   *
   * @param ttl how long each URL is valid
   */
  public DownloadRedirects presignedRedirects(Duration ttl) {
    return new PresignedRedirects(presigner, settings.location(), ttl);
  }

  @Override
  public void close() {
    presigner.close();
    s3.close();
  }
}
