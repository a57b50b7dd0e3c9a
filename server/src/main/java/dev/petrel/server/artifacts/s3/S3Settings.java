package dev.petrel.server.artifacts.s3;

import java.net.URI;

/**
 * How to reach an S3-compatible store. Credentials are not part of it: they come from the usual AWS
 * places ({@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, the {@code aws.*} Java
 * system properties, {@code AWS_PROFILE} and {@code ~/.aws/credentials}, web identity, the
 * container or instance role), in the AWS SDK's order.
 *
 * @param location the bucket and key prefix
 * @param endpoint the store's URL, or null for AWS S3 itself
 * @param region the signing region, or null to take it from {@code AWS_REGION} or the profile (with
 *     an endpoint and no region anywhere, {@code us-east-1}, which most S3-compatible stores
 *     accept)
 * @param pathStyle whether the bucket goes in the path ({@code https://host/bucket/key}) rather
 *     than the host name ({@code https://bucket.host/key}); most self-hosted stores need it
 */
public record S3Settings(S3Location location, URI endpoint, String region, boolean pathStyle) {

  /** Requires a location. */
  public S3Settings {
    if (location == null) {
      throw new IllegalArgumentException("location: expected s3://bucket[/prefix], found null");
    }
  }
}
