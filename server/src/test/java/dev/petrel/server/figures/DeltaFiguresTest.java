package dev.petrel.server.figures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.petrel.delta.generate.PatchGenerator;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.deltas.DeltaJars;
import dev.petrel.server.deltas.DeltaSettings;
import dev.petrel.server.testing.HostedReleases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Delta figures of a release on both databases: for random streams of patch deliveries (from
 * releases with a ready patch, a patch being made, and none), full downloads and failed patches
 * (and other events, another release, other channels, times outside the window), the API's figures
 * equal a direct count over the events sent and the patch sizes the server reports.
 */
class DeltaFiguresTest extends ServerTest {
  static final byte[][] ARTIFACTS = {
    DeltaJars.release(1, 100, 2000),
    DeltaJars.release(2, 100, 2000),
    DeltaJars.release(3, 100, 2000)
  };

  record Sent(String type, long code, Long from, String reason, String channel, Instant at) {}

  private final List<Sent> allSent = new ArrayList<>();
  private int nextId = 0;

  @Override
  protected void configure(ServerConfig.Builder config) {
    // No worker: a requested patch stays pending, without a size, for the whole test.
    config.deltas(new DeltaSettings(false, 3, 5, 256L << 20, Duration.ofMinutes(5)));
  }

  @Test
  void figuresEqualADirectCountOverRandomEventStreams() throws Exception {
    long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      ids[i] = publish("1.0." + i, i + 1, ARTIFACTS[i]);
    }
    uploadPatch(ids[0], ids[1], 0, 1); // 1 → 2: another release's patch, never counted for 3
    long patch13 = uploadPatch(ids[0], ids[2], 0, 2);
    TestResponse queued =
        server.postAsAdmin(
            "/api/v1/apps/default/releases/" + ids[2] + "/deltas",
            "{\"from_release_id\":" + ids[1] + "}");
    assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
    Map<Long, Long> sizes = Map.of(1L, patch13); // code 2: pending; code 9: no patch at all

    Instant now = server.clock().instant();
    Instant windowStart = now.minus(Duration.ofDays(6)).truncatedTo(ChronoUnit.DAYS);
    String path = "/api/v1/apps/default/releases/" + ids[2] + "/figures?days=7";
    for (long seed = 1; seed <= 3; seed++) {
      send(randomStream(new Random(seed), now));
      awaitEvents(allSent.size());
      JsonNode all = server.get(path, TestServer.ADMIN_TOKEN).json().get("deltas");
      assertThat(all.toString())
          .isEqualTo(expected(3, sizes, ARTIFACTS[2].length, windowStart, null).toString());
      JsonNode beta = server.get(path + "&channel=beta", TestServer.ADMIN_TOKEN).json();
      assertThat(beta.get("deltas").toString())
          .isEqualTo(expected(3, sizes, ARTIFACTS[2].length, windowStart, "beta").toString());
    }
    // The streams reached every rule: sized and unsized deliveries, full downloads, reasons.
    JsonNode last = server.get(path, TestServer.ADMIN_TOKEN).json().get("deltas");
    assertThat(last.get("patch_bytes").asLong()).isGreaterThan(patch13);
    assertThat(last.get("unsized_patch_deliveries").asLong()).isPositive();
    assertThat(last.get("full_bytes").asLong()).isGreaterThan(ARTIFACTS[2].length);
    assertThat(last.get("top_delta_failed_reasons")).hasSizeGreaterThan(1);

    // A database from before V15 (no delta rows in the aggregates) gets them from its raw events.
    server.stop();
    sql("DELETE FROM telemetry_daily WHERE metric = 'delta_applied_from'");
    sql("DELETE FROM telemetry_reasons WHERE type = 'delta_failed'");
    // (V16 comes after it, so it is undone too; it finds its table and nothing left to convert)
    sql("DELETE FROM flyway_schema_history WHERE version IN ('15', '16')");
    server.restart();
    assertThat(server.get(path, TestServer.ADMIN_TOKEN).json().get("deltas")).isEqualTo(last);

    // The figures read the aggregates: pruning the raw events changes nothing.
    sql("DELETE FROM client_events");
    assertThat(server.get(path, TestServer.ADMIN_TOKEN).json().get("deltas")).isEqualTo(last);
  }

  private void sql(String statement) {
    try (var connection = java.sql.DriverManager.getConnection(server.jdbcUrl());
        var run = connection.createStatement()) {
      run.executeUpdate(statement);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(statement, e);
    }
  }

  @Test
  void aReleaseNobodyDownloadedHasNoHitRate() {
    long only = publish("1.0.0", 1, ARTIFACTS[0]);
    JsonNode deltas =
        server
            .get("/api/v1/apps/default/releases/" + only + "/figures", TestServer.ADMIN_TOKEN)
            .json()
            .get("deltas");
    assertThat(deltas.get("patch_deliveries").asLong()).isZero();
    assertThat(deltas.get("full_bytes").asLong()).isZero();
    assertThat(deltas.get("patch_hit_basis_points").isNull()).isTrue();
    assertThat(deltas.get("top_delta_failed_reasons")).isEmpty();
  }

  private List<Sent> randomStream(Random random, Instant now) {
    String[] types = {
      "delta_applied",
      "delta_applied",
      "delta_applied",
      "download_completed",
      "download_completed",
      "delta_failed",
      "install_succeeded"
    };
    Long[] froms = {1L, 1L, 2L, 9L, null};
    String[] reasons = {"base_mismatch", "corrupt", "corrupt", "no_space", null};
    String[] channels = {"stable", "beta"};
    List<Sent> stream = new ArrayList<>();
    int count = 100 + random.nextInt(60);
    for (int i = 0; i < count; i++) {
      String type = types[random.nextInt(types.length)];
      stream.add(
          new Sent(
              type,
              2 + random.nextInt(2),
              type.equals("delta_applied") ? froms[random.nextInt(froms.length)] : null,
              type.equals("delta_failed") ? reasons[random.nextInt(reasons.length)] : null,
              channels[random.nextInt(channels.length)],
              now.minus(Duration.ofHours(random.nextInt(24 * 10)))));
    }
    allSent.addAll(stream);
    return stream;
  }

  private void send(List<Sent> stream) {
    for (int from = 0; from < stream.size(); from += 100) {
      StringBuilder batch = new StringBuilder("{\"events\":[");
      for (int i = from; i < Math.min(stream.size(), from + 100); i++) {
        Sent e = stream.get(i);
        batch
            .append(i == from ? "" : ",")
            .append(
                """
                {"event_id":"evt-%08d","type":"%s","platform":"linux","channel":"%s",
                 "version":"1.0.%d","version_code":%d,%s%s"device_id":"device-%d",
                 "occurred_at":"%s"}"""
                    .formatted(
                        nextId++,
                        e.type(),
                        e.channel(),
                        e.code() - 1,
                        e.code(),
                        e.from() == null ? "" : "\"from_version_code\":" + e.from() + ",",
                        e.reason() == null ? "" : "\"reason\":\"" + e.reason() + "\",",
                        i % 37,
                        e.at()));
      }
      TestResponse answer =
          server.post("/api/v1/apps/default/events", batch.append("]}").toString());
      assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    }
  }

  /** The figures counted directly from what was sent, with the rules DeltaFigures documents. */
  private JsonNode expected(
      long code, Map<Long, Long> sizes, long fileSize, Instant since, String channel) {
    long applied = 0;
    long bytes = 0;
    long unsized = 0;
    long full = 0;
    long failed = 0;
    Map<String, Long> reasons = new HashMap<>();
    for (Sent e : allSent) {
      if (e.code() != code || e.at().isBefore(since)) {
        continue;
      }
      if (channel != null && !channel.equals(e.channel())) {
        continue;
      }
      switch (e.type()) {
        case "delta_applied" -> {
          applied++;
          Long size = e.from() == null ? null : sizes.get(e.from());
          bytes += size == null ? 0 : size;
          unsized += size == null ? 1 : 0;
        }
        case "download_completed" -> full++;
        case "delta_failed" -> {
          failed++;
          if (e.reason() != null) {
            reasons.merge(e.reason(), 1L, Long::sum);
          }
        }
        default -> {}
      }
    }
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("patch_deliveries", applied);
    node.put("patch_bytes", bytes);
    node.put("unsized_patch_deliveries", unsized);
    node.put("full_downloads", full);
    node.put("full_bytes", full * fileSize);
    node.put("saved_bytes", (applied - unsized) * fileSize - bytes);
    if (applied + full == 0) {
      node.putNull("patch_hit_basis_points");
    } else {
      node.put("patch_hit_basis_points", applied * 10_000 / (applied + full));
    }
    node.put("delta_failed", failed);
    var top = node.putArray("top_delta_failed_reasons");
    reasons.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(Figures.TOP_REASONS)
        .forEach(r -> top.addObject().put("reason", r.getKey()).put("count", r.getValue()));
    return node;
  }

  /** Makes the patch between two artifacts here and uploads it; the size the server reports. */
  private long uploadPatch(long fromId, long toId, int fromIndex, int toIndex) throws Exception {
    Path old = Files.write(dir.resolve("old-" + toId + ".jar"), ARTIFACTS[fromIndex]);
    Path young = Files.write(dir.resolve("new-" + toId + ".jar"), ARTIFACTS[toIndex]);
    Path patch = dir.resolve(fromId + "-" + toId + ".patch");
    PatchGenerator.generate(old, young, patch);
    TestResponse uploaded =
        server.send(
            server
                .request("/api/v1/apps/default/releases/" + toId + "/deltas/from/" + fromId)
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(patch)));
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    return uploaded.json().at("/delta/patch_size").asLong();
  }

  private void awaitEvents(long count) throws InterruptedException {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (server.count("client_events") < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.count("client_events")).isEqualTo(count);
  }

  private long publish(String version, long code, byte[] artifact) {
    return HostedReleases.publishLinux(server, version, code, artifact);
  }
}
