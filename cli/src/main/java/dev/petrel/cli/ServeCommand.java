package dev.petrel.cli;

import dev.petrel.server.ConfigException;
import dev.petrel.server.PetrelServer;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.db.DatabaseUnavailableException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code petrel serve}: runs the update server until interrupted, then shuts it down gracefully
 * (in-flight requests finish, queued telemetry is written).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Petrel server. Each option falls back to its environment variable, then its default.",
      "On first start without PETREL_ADMIN_TOKEN, an admin token is generated and printed once."
    })
final class ServeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", description = "Address to listen on (PETREL_HOST, default 127.0.0.1).")
  String host;

  @Option(names = "--port", description = "Port (PETREL_PORT, default 8080; 0 picks a free one).")
  String port;

  @Option(
      names = "--data-dir",
      description = "SQLite and artifacts (PETREL_DATA_DIR, default ./petrel-data).")
  String dataDir;

  @Option(
      names = "--database-url",
      description =
          "jdbc:sqlite: or jdbc:postgresql: URL (PETREL_DATABASE_URL, default SQLite in the data dir).")
  String databaseUrl;

  @Option(
      names = "--public-url",
      description =
          "Base of download URLs handed to devices (PETREL_PUBLIC_URL, default http://host:port).")
  String publicUrl;

  @Option(
      names = "--max-upload-size",
      description = "Largest artifact accepted, e.g. 2GiB (PETREL_MAX_UPLOAD_SIZE, default 2GiB).")
  String maxUploadSize;

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

  @Option(
      names = "--telemetry-queue",
      description =
          "Check events buffered before shedding, and client events before refusing with 503"
              + " (PETREL_TELEMETRY_QUEUE, default 100000 each).",
      hidden = true)
  String telemetryQueue;

  @Option(
      names = "--catalogue-poll-ms",
      description =
          "How often to look for catalogue changes made through other nodes; on PostgreSQL the"
              + " fallback to LISTEN/NOTIFY (PETREL_CATALOGUE_POLL_MS, default 2000).")
  String cataloguePollMs;

  @Option(
      names = "--telemetry-retention-days",
      description =
          "Days raw checks and client events are kept before pruning; figures use daily"
              + " aggregates beyond that (PETREL_TELEMETRY_RETENTION_DAYS, default 14).")
  String telemetryRetentionDays;

  @Option(
      names = "--exit-when-ready",
      description =
          "Start, answer a readiness probe and an update check over HTTP, then stop: the"
              + " launcher's training run for its class data archive (docs/operations.md).",
      hidden = true)
  boolean exitWhenReady;

  /** Set by tests to stop a server started in-process; null when run from the command line. */
  CountDownLatch stopSignal;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig config;
    try {
      config = ServerConfig.resolve(flags(), System.getenv());
    } catch (ConfigException e) {
      err.println("petrel: invalid configuration: " + e.getMessage());
      err.flush();
      return 2;
    }
    PetrelServer server;
    try {
      server =
          PetrelServer.start(
              config, Clock.systemUTC(), new PrintStream(new WriterOutputStream(out), true));
    } catch (DatabaseUnavailableException | UncheckedIOException | ConfigException e) {
      err.println("petrel: cannot start: " + e.getMessage());
      err.flush();
      return 1;
    } catch (RuntimeException e) {
      err.println("petrel: cannot start: " + describe(e));
      err.flush();
      return 1;
    }
    out.println(
        "Petrel "
            + PetrelServer.version()
            + " listening on http://"
            + config.host()
            + ":"
            + server.port()
            + " (data in "
            + config.dataDir()
            + (config.storage().s3() == null
                ? ""
                : ", artifacts in " + config.storage().s3().location())
            + ")");
    out.flush();
    if (exitWhenReady) {
      return StartupTraining.exercise(server, err);
    }
    CountDownLatch stopped = stopSignal != null ? stopSignal : new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close();
              stopped.countDown();
            },
            "petrel-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopSignal != null) {
      Runtime.getRuntime().removeShutdownHook(hook);
      server.close();
    }
    return 0;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  private Map<String, String> flags() {
    Map<String, String> flags = new HashMap<>();
    flags.put("--host", host);
    flags.put("--port", port);
    flags.put("--data-dir", dataDir);
    flags.put("--database-url", databaseUrl);
    flags.put("--public-url", publicUrl);
    flags.put("--max-upload-size", maxUploadSize);
    flags.put("--telemetry-queue", telemetryQueue);
    flags.put("--artifact-store", artifactStore);
    flags.put("--s3-endpoint", s3Endpoint);
    flags.put("--s3-region", s3Region);
    flags.put("--s3-path-style", s3PathStyle);
    flags.put("--download-redirect", downloadRedirect);
    flags.put("--cdn-base-url", cdnBaseUrl);
    flags.put("--presign-ttl", presignTtl);
    flags.put("--telemetry-retention-days", telemetryRetentionDays);
    flags.put("--catalogue-poll-ms", cataloguePollMs);
    return flags;
  }
}
