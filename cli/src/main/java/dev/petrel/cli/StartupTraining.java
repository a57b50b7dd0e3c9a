package dev.petrel.cli;

import dev.petrel.server.PetrelServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The work of {@code petrel serve --exit-when-ready}: the requests a server answers first (a
 * readiness probe, a seed check, a v1 check), so that a JVM started with {@code
 * -XX:ArchiveClassesAtExit} records the classes a start and its first requests load. The {@code
 * petrel} launcher runs it once per build; later starts map those classes from the archive instead
 * of loading and verifying them from the jar (docs/BENCHMARKS.md, "Start to ready").
 */
final class StartupTraining {
  private static final String CHECK = "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\"}";

  private StartupTraining() {}

  /** Sends the requests, stops the server; 0 when every answer was the one expected, else 1. */
  static int exercise(PetrelServer server, PrintWriter err) {
    String base = "http://127.0.0.1:" + server.port();
    try (server) {
      expectOk(base + "/api/system/ready", null);
      expectOk(base + "/api/updates/check", CHECK);
      expectOk(base + "/api/v1/apps/default/check", CHECK);
      expectOk(base + "/metrics", null);
      return 0;
    } catch (IOException | IllegalStateException e) {
      err.println("petrel: the start-up training run failed: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  private static int request(String url, String json) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
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

  private static void expectOk(String url, String json) throws IOException {
    int status = request(url, json);
    if (status != 200) {
      throw new IllegalStateException(url + ": expected HTTP 200, found " + status);
    }
  }
}
