package dev.petrel.cli;

import picocli.CommandLine.Option;

/**
 * {@code petrel serve}'s artifact storage options: where artifacts are kept and how downloads are
 * answered. {@link ServeCommand} hands them to the server's configuration by flag name; the server
 * checks them.
 */
final class ServeStorageOptions {
  @Option(
      names = "--artifact-store",
      description =
          "fs (files in the data dir) or s3://bucket[/prefix] for an S3-compatible store;"
              + " credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE"
              + " (PETREL_ARTIFACT_STORE, default fs).")
  String artifactStore;

  @Option(
      names = "--s3-endpoint",
      description = "URL of an S3-compatible store (PETREL_S3_ENDPOINT, default AWS S3).")
  String s3Endpoint;

  @Option(
      names = "--s3-region",
      description =
          "Signing region (PETREL_S3_REGION, default AWS_REGION or the profile's, else us-east-1"
              + " with --s3-endpoint).")
  String s3Region;

  @Option(
      names = "--s3-path-style",
      description =
          "true to put the bucket in the path, as most self-hosted stores need"
              + " (PETREL_S3_PATH_STYLE, default false).")
  String s3PathStyle;

  @Option(
      names = "--download-redirect",
      description =
          "on: answer downloads with 302 to the CDN or a pre-signed URL; off: stream them"
              + " (PETREL_DOWNLOAD_REDIRECT, default on with S3 or a CDN).")
  String downloadRedirect;

  @Option(
      names = "--cdn-base-url",
      description =
          "Redirect downloads to this URL plus the content address, ab/abcdef..."
              + " (PETREL_CDN_BASE_URL).")
  String cdnBaseUrl;

  @Option(
      names = "--presign-ttl",
      description = "Seconds a pre-signed download URL is valid (PETREL_PRESIGN_TTL, default 300).")
  String presignTtl;
}
