package dev.petrel.cli;

import dev.petrel.server.ArtifactStorage;
import dev.petrel.server.PetrelServer;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.artifacts.s3.S3Location;
import dev.petrel.server.artifacts.s3.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * The work of {@code petrel serve --exit-when-ready}: the requests a server answers first (a
 * readiness probe, a seed check, a v1 check), so that a JVM started with {@code
 * -XX:ArchiveClassesAtExit} records the classes a start and its first requests load. Then the same
 * for a server on S3 ({@link TrainingBucket}, on a throw-away SQLite database beside the first): a
 * publish, a start again that rehearses checks of that release, a check offering it, a download
 * redirected to a pre-signed URL and a client event. The {@code petrel} launcher runs it once per
 * build; later starts map those classes from the archive instead of loading and verifying them from
 * the jar (docs/BENCHMARKS.md, "Start to ready").
 */
final class StartupTraining {
  private static final String CHECK = "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\"}";
  private static final String V1_CHECK = "/api/v1/apps/default/check";
  private static final String PUBLISH =
      """
      {"version":"1.1.0","version_code":2,"platform":"android",\
      "download_url":"https://cdn.invalid/petrel-training.apk","file_size":4,\
      "checksum":"%s","release_notes":"training","is_mandatory":false}"""
          .formatted("ab".repeat(32));
  private static final String EVENTS =
      """
      {"events":[{"event_id":"training-0001","type":"download_started","platform":"android",\
      "channel":"stable","version":"1.1.0","version_code":2,"device_id":"petrel-training",\
      "occurred_at":"2026-01-01T00:00:00Z"}]}""";
  private static final int REHEARSAL = 2_000;

  private StartupTraining() {}

  /**
   * Sends the requests, stops the server, then trains a server on S3 beside it in {@code config}'s
   * data directory; 0 when every answer was the one expected, else 1.
   */
  static int exercise(PetrelServer server, ServerConfig config, PrintWriter err) {
    try {
      try (server) {
        String base = base(server);
        expectStatus(200, base + "/api/system/ready", null, null);
        expectStatus(200, base + "/api/updates/check", CHECK, null);
        expectStatus(200, base + V1_CHECK, CHECK, null);
        expectStatus(200, base + "/metrics", null, null);
      }
      onS3(config);
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("petrel: the start-up training run failed: " + e);
      err.flush();
      return 1;
    }
  }

  private static void onS3(ServerConfig config) throws IOException {
    Path dir = config.dataDir().resolve("s3-training");
    String token = "petrel-training-" + UUID.randomUUID();
    TrainingCredentials credentials = TrainingCredentials.set();
    try (TrainingBucket bucket = TrainingBucket.start()) {
      ServerConfig onS3 =
          config.toBuilder()
              .host("127.0.0.1")
              .port(0)
              .dataDir(dir)
              .databaseUrl("jdbc:sqlite:" + dir.resolve("petrel.db"))
              .adminToken(token)
              .checkRehearsal(REHEARSAL)
              .storage(
                  new ArtifactStorage(
                      new S3Settings(
                          S3Location.parse("s3://" + TrainingBucket.NAME + "/artifacts"),
                          bucket.endpoint(),
                          "us-east-1",
                          true),
                      true,
                      null,
                      ArtifactStorage.DEFAULT_PRESIGN_TTL))
              .build();
      try (PetrelServer first = start(onS3)) {
        expectStatus(200, base(first) + "/api/updates/publish", PUBLISH, token);
      }
      try (PetrelServer again = start(onS3)) {
        String base = base(again);
        expectStatus(200, base + V1_CHECK, CHECK, null);
        expectStatus(302, base + "/downloads/" + "ab".repeat(32), null, null);
        expectStatus(202, base + "/api/v1/apps/default/events", EVENTS, null);
      }
    } finally {
      credentials.close();
    }
  }

  private static PetrelServer start(ServerConfig config) {
    return PetrelServer.start(
        config, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
  }

  private static String base(PetrelServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  private static int request(String url, String json, String token) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setInstanceFollowRedirects(false);
    if (token != null) {
      connection.setRequestProperty("Authorization", "Bearer " + token);
    }
    try {
      if (json != null) {
        connection.setRequestMethod("POST");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        try (OutputStream body = connection.getOutputStream()) {
          body.write(json.getBytes(StandardCharsets.UTF_8));
        }
      }
      int status = connection.getResponseCode();
      try (InputStream answer =
          status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        if (answer != null) {
          answer.readAllBytes();
        }
      }
      return status;
    } finally {
      connection.disconnect();
    }
  }

  private static void expectStatus(int expected, String url, String json, String token)
      throws IOException {
    int status = request(url, json, token);
    if (status != expected) {
      throw new IllegalStateException(url + ": expected HTTP " + expected + ", found " + status);
    }
  }
}
