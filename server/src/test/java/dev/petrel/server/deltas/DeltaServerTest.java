package dev.petrel.server.deltas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.delta.PatchApplier;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.HostedReleases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Patches made on publish by the real worker, proven, offered in the v1 check beside the full
 * download (the seed check unchanged), downloadable under {@code /downloads/}, and applied back to
 * the exact new release.
 */
class DeltaServerTest extends ServerTest {
  static final byte[] V1 = DeltaJars.release(1, 300, 3000);
  static final byte[] V2 = DeltaJars.release(2, 300, 3000);

  @Override
  protected void configure(ServerConfig.Builder config) {
    // The worker is driven by the test (runOnce), so a long timeout keeps it out of the way.
    config.deltas(DeltaSettings.DEFAULTS.withWorker(256L << 20, Duration.ofMinutes(5)));
  }

  @Test
  void aPublishQueuesAPatchTheWorkerProvesAndTheCheckOffersIt() throws Exception {
    long first = publish("1.0.0", 1, V1);
    long second = publish("1.0.1", 2, V2);
    JsonNode queued = deltas(second).get(0);
    assertThat(queued.get("state").asText()).isIn("pending", "running");
    assertThat(queued.get("from_release_id").asLong()).isEqualTo(first);

    JsonNode ready = made(second);
    assertThat(ready.get("state").asText()).as(ready.toString()).isEqualTo("ready");
    assertThat(ready.get("format").asText()).isEqualTo("petrel-zip-1");
    assertThat(ready.get("patch_size").asLong()).isLessThan(V2.length / 8);
    assertThat(ready.get("saving").asDouble()).isGreaterThan(0.85);

    JsonNode offer = check(1).get("release");
    JsonNode delta = offer.get("delta");
    assertThat(delta.get("format").asText()).isEqualTo("petrel-zip-1");
    assertThat(delta.get("from_version_code").asLong()).isEqualTo(1);
    assertThat(delta.get("from_sha256").asText()).isEqualTo(sha(V1));
    assertThat(delta.get("size").asLong()).isEqualTo(ready.get("patch_size").asLong());

    byte[] patch = download(delta.get("url").asText());
    assertThat(patch).hasSize(delta.get("size").asInt());
    assertThat(sha(patch)).isEqualTo(delta.get("sha256").asText());
    Path old = Files.write(dir.resolve("old.jar"), V1);
    Path patchFile = Files.write(dir.resolve("p.patch"), patch);
    Path out = dir.resolve("new.jar");
    PatchApplier.apply(old, patchFile, out, 1L << 30, PatchApplier.Progress.none());
    assertThat(Files.readAllBytes(out)).isEqualTo(V2);

    // The seed check keeps its nine fields.
    TestResponse seed =
        server.post(
            "/api/updates/check",
            "{\"platform\":\"linux\",\"current_version\":\"1.0.0\",\"version_code\":1}");
    assertThat(seed.json().has("delta")).isFalse();
    assertThat(seed.json().size()).isEqualTo(9);
  }

  @Test
  void aPatchThatSavesTooLittleIsDiscardedAndNeverOffered() throws Exception {
    publish("1.0.0", 1, DeltaJars.noise(1, 200_000));
    long second = publish("1.0.1", 2, DeltaJars.noise(2, 200_000));
    JsonNode row = made(second);
    assertThat(row.get("state").asText()).isEqualTo("discarded");
    assertThat(row.get("reason").asText()).contains("saves less than 20 %");
    assertThat(check(1).get("release").get("delta").isNull()).isTrue();
  }

  @Test
  void aWorkerThatRunsOutOfMemoryOrTimeLeavesNothingOffered() throws Exception {
    server.close();
    server =
        TestServer.start(
            database,
            dir.resolve("small"),
            config ->
                config.deltas(DeltaSettings.DEFAULTS.withWorker(16L << 20, Duration.ofMinutes(5))));
    publish("1.0.0", 1, DeltaJars.release(1, 4000, 3000));
    long second = publish("1.0.1", 2, DeltaJars.release(2, 4000, 3000));
    JsonNode row = made(second);
    assertThat(row.get("state").asText()).isEqualTo("failed");
    assertThat(row.get("reason").asText()).contains("out of memory");
    assertThat(check(1).get("release").get("delta").isNull()).isTrue();

    server.close();
    server =
        TestServer.start(
            database,
            dir.resolve("slow"),
            config ->
                config.deltas(DeltaSettings.DEFAULTS.withWorker(256L << 20, Duration.ofMillis(1))));
    publish("1.0.0", 1, V1);
    long slow = publish("1.0.1", 2, V2);
    assertThat(made(slow).get("reason").asText()).contains("timed out");
    assertThat(check(1).get("release").get("delta").isNull()).isTrue();
  }

  @Test
  void pendingWorkSurvivesARestartAndAClaimOfADeadNodeIsTakenOver() throws Exception {
    publish("1.0.0", 1, V1);
    long second = publish("1.0.1", 2, V2);
    server.restart();
    // A node died while making it: its claim has expired.
    server.queryLong("SELECT COUNT(*) FROM deltas"); // the table is there after the restart
    server.server();
    updateDeltas("UPDATE deltas SET state = 'running', claimed_until = 1");
    assertThat(server.server().deltaWorker().runOnce()).isTrue();
    JsonNode row = deltas(second).get(0);
    assertThat(row.get("state").asText()).isEqualTo("ready");
    assertThat(row.get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void operatorsRequestRemoveAndPublishersUploadVerifiedPatches() throws Exception {
    long first = publish("1.0.0", 1, V1);
    long second = publish("1.0.1", 2, V2);
    long id = made(second).get("id").asLong();
    String base = "/api/v1/apps/default/releases/" + second + "/deltas";

    assertThat(
            server
                .send(
                    server
                        .request(base + "/" + id)
                        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                        .DELETE())
                .status())
        .isEqualTo(200);
    assertThat(deltas(second)).isEmpty();
    assertThat(check(1).get("release").get("delta").isNull()).isTrue();

    TestResponse queued = server.postAsAdmin(base, "{\"from_release_id\":" + first + "}");
    assertThat(queued.status()).isEqualTo(202);
    assertThat(queued.json().get("delta").get("state").asText()).isEqualTo("pending");
    assertThat(
            server
                .postAsAdmin(base, "{\"from_release_id\":" + second + "}")
                .json()
                .get("code")
                .asText())
        .isEqualTo("delta.invalid_pair");

    // A publisher's own patch (made in CI) is proven like a generated one.
    Path old = Files.write(dir.resolve("a.jar"), V1);
    Path young = Files.write(dir.resolve("b.jar"), V2);
    Path patch = dir.resolve("ci.patch");
    dev.petrel.delta.generate.PatchGenerator.generate(old, young, patch);
    byte[] good = Files.readAllBytes(patch);
    byte[] bad = good.clone();
    bad[bad.length - 3] ^= 0x20;
    TestResponse refused = put(base + "/from/" + first, bad);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("delta.invalid");
    TestResponse uploaded = put(base + "/from/" + first, good);
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    assertThat(uploaded.json().get("delta").get("source").asText()).isEqualTo("uploaded");
    assertThat(check(1).get("release").get("delta").get("sha256").asText()).isEqualTo(sha(good));
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'delta.%'"))
        .isEqualTo(3);
  }

  @Test
  void anOldReleaseMostDevicesRunGetsAPatchAndARareOneDoesNot() throws Exception {
    server.close();
    server =
        TestServer.start(
            database,
            dir.resolve("share"),
            config ->
                config.deltas(new DeltaSettings(true, 1, 5, 256L << 20, Duration.ofMinutes(5))));
    long popular = publish("1.0.0+1", 1, DeltaJars.release(1, 40, 1000));
    long rare = publish("1.0.1+2", 2, DeltaJars.release(2, 40, 1000));
    long newest = publish("1.0.2", 3, DeltaJars.release(3, 40, 1000));
    // 40 devices run 1.0.0 and one runs 1.0.1 (2.4 % of the 41 device-days, under 5 %); versions
    // match without their build metadata, whichever side spells it
    for (int device = 0; device < 40; device++) {
      checkAs("device-" + device, "1.0.0", 1);
    }
    checkAs("device-rare", "1.0.1+2", 2);
    server.restart(); // writes the queued check telemetry
    // the rule reads the daily aggregates, never the raw checks (millions of rows at scale)
    updateDeltas("DELETE FROM update_checks");

    long next = publish("1.1.0", 4, DeltaJars.release(4, 40, 1000));

    JsonNode queued = deltas(next);
    java.util.Set<Long> from = new java.util.HashSet<>();
    queued.forEach(row -> from.add(row.get("from_release_id").asLong()));
    assertThat(from).as(queued.toString()).containsExactlyInAnyOrder(newest, popular);
    assertThat(from).doesNotContain(rare);
  }

  private void checkAs(String device, String version, long code) {
    TestResponse answer =
        server.post(
            "/api/v1/apps/default/check",
            """
            {"platform":"linux","current_version":"%s","version_code":%d,"device_id":"%s"}"""
                .formatted(version, code, device));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  /** The release's first patch once a worker (this test's or the server's own) has ended it. */
  private JsonNode made(long release) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      server.server().deltaWorker().runOnce();
      JsonNode row = deltas(release).get(0);
      String state = row.get("state").asText();
      if (!state.equals("pending") && !state.equals("running")) {
        return row;
      }
      assertThat(System.nanoTime()).as("patch made: %s", row).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private void updateDeltas(String sql) {
    try (var connection = java.sql.DriverManager.getConnection(server.jdbcUrl());
        var statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode deltas(long release) {
    TestResponse answer =
        server.get("/api/v1/apps/default/releases/" + release + "/deltas", TestServer.ADMIN_TOKEN);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json().get("deltas");
  }

  private TestResponse put(String path, byte[] body) {
    return server.send(
        server
            .request(path)
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Content-Type", "application/octet-stream")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private static byte[] download(String url) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static String sha(byte[] bytes) {
    return dev.petrel.protocol.Sha256.of(bytes).hex();
  }

  private long publish(String version, long code, byte[] artifact) {
    return HostedReleases.publishLinux(server, version, code, artifact);
  }

  private JsonNode check(long versionCode) {
    return HostedReleases.checkLinux(server, versionCode);
  }
}
