package dev.petrel.server;

import dev.petrel.server.artifacts.s3.S3Location;
import dev.petrel.server.artifacts.s3.S3Settings;
import java.net.URI;
import java.time.Duration;

/**
 * Where artifacts are stored and how downloads are answered; part of {@link ServerConfig}.
 *
 * @param s3 the S3-compatible store, or null to keep artifacts under {@code <data dir>/artifacts}
 * @param redirectDownloads whether {@code GET /downloads/…} answers {@code 302} to {@code
 *     cdnBaseUrl} or a pre-signed URL of the bucket instead of streaming the bytes through the node
 *     (default: on with S3 or a CDN, off otherwise)
 * @param cdnBaseUrl the base URL under which a CDN serves the store's content addresses ({@code
 *     <base>/ab/abcdef…}), without a trailing slash, or null
 * @param presignTtl how long a pre-signed download URL is valid (default 5 minutes)
 */
public record ArtifactStorage(
    S3Settings s3, boolean redirectDownloads, String cdnBaseUrl, Duration presignTtl) {

  /** 5 minutes: enough to follow a redirect, short enough that a leaked URL soon dies. */
  public static final Duration DEFAULT_PRESIGN_TTL = Duration.ofMinutes(5);

  /** Files under the data directory, streamed by the node. */
  public static final ArtifactStorage FILE_SYSTEM =
      new ArtifactStorage(null, false, null, DEFAULT_PRESIGN_TTL);

  static final Setting ARTIFACT_STORE = new Setting("--artifact-store", "PETREL_ARTIFACT_STORE");
  static final Setting S3_ENDPOINT = new Setting("--s3-endpoint", "PETREL_S3_ENDPOINT");
  static final Setting S3_REGION = new Setting("--s3-region", "PETREL_S3_REGION");
  static final Setting S3_PATH_STYLE = new Setting("--s3-path-style", "PETREL_S3_PATH_STYLE");
  static final Setting DOWNLOAD_REDIRECT =
      new Setting("--download-redirect", "PETREL_DOWNLOAD_REDIRECT");
  static final Setting CDN_BASE_URL = new Setting("--cdn-base-url", "PETREL_CDN_BASE_URL");
  static final Setting PRESIGN_TTL = new Setting("--presign-ttl", "PETREL_PRESIGN_TTL");

  /** Checks that a redirect has somewhere to go. */
  public ArtifactStorage {
    if (redirectDownloads && s3 == null && cdnBaseUrl == null) {
      throw new IllegalArgumentException(
          "redirectDownloads: expected an S3 store or a CDN base URL to redirect to, found"
              + " neither");
    }
    if (presignTtl == null || presignTtl.isNegative() || presignTtl.isZero()) {
      throw new IllegalArgumentException("presignTtl: expected a positive duration");
    }
  }

  /** Resolves the storage settings as {@link ServerConfig#resolve} does the others. */
  static ArtifactStorage resolve(ConfigSource source) {
    S3Settings s3 = s3(source);
    String cdn = source.httpUrl(CDN_BASE_URL);
    boolean redirectable = s3 != null || cdn != null;
    boolean redirectDownloads =
        source.onOrOff(DOWNLOAD_REDIRECT, redirectable ? "on" : "off", "on or off");
    if (redirectDownloads && !redirectable) {
      throw new ConfigException(
          DOWNLOAD_REDIRECT.describe()
              + ": 'on' needs somewhere to redirect to: an s3:// artifact store or "
              + CDN_BASE_URL.describe());
    }
    long ttl =
        source.number(
            PRESIGN_TTL,
            DEFAULT_PRESIGN_TTL.toSeconds(),
            1,
            Duration.ofDays(7).toSeconds(),
            "seconds from 1 to 604800 (7 days, the most S3 allows)");
    return new ArtifactStorage(s3, redirectDownloads, cdn, Duration.ofSeconds(ttl));
  }

  private static S3Settings s3(ConfigSource source) {
    String store = source.text(ARTIFACT_STORE, "fs");
    String endpoint = source.httpUrl(S3_ENDPOINT);
    String region = source.text(S3_REGION, null);
    if (store.equals("fs")) {
      for (Setting s3Only : new Setting[] {S3_ENDPOINT, S3_REGION, S3_PATH_STYLE}) {
        if (source.isGiven(s3Only)) {
          throw new ConfigException(
              s3Only.describe()
                  + ": only means something with an s3:// artifact store; set "
                  + ARTIFACT_STORE.describe()
                  + " to s3://bucket[/prefix]");
        }
      }
      return null;
    }
    S3Location location;
    try {
      location = S3Location.parse(store);
    } catch (IllegalArgumentException e) {
      throw ARTIFACT_STORE.invalid(
          "fs or s3://bucket[/prefix] (a bucket name is 3-63 of a-z 0-9 . -)", store);
    }
    if (region != null && !region.matches("[a-z0-9-]{1,64}")) {
      throw S3_REGION.invalid("a region name such as eu-west-1", region);
    }
    return new S3Settings(
        location,
        endpoint == null ? null : URI.create(endpoint),
        region,
        source.onOrOff(S3_PATH_STYLE, "false", "true or false"));
  }
}
