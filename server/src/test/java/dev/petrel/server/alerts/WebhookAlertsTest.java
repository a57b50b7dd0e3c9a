package dev.petrel.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook alerts end to end, on both databases, with a real receiver on loopback. */
class WebhookAlertsTest extends ServerTest {
  static final String HOOKS = "/api/v1/apps/default/webhooks";
  static final ObjectMapper JSON = new ObjectMapper();

  Receiver receiver;

  @AfterEach
  void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  private JsonNode create(String json) {
    TestResponse answer = server.postAsAdmin(HOOKS, json);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json();
  }

  private long publish(String version, long code, String extra) {
    String json = Releases.external("android", version, code);
    if (!extra.isEmpty()) {
      json = json.substring(0, json.lastIndexOf('}')) + "," + extra + "}";
    }
    TestResponse answer = server.postAsAdmin("/api/v1/apps/default/releases", json);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json().at("/release/id").asLong();
  }

  private int deliver() {
    return server.server().webhookWorker().runOnce();
  }

  private void reportFailures(int count) throws InterruptedException {
    StringBuilder batch = new StringBuilder("{\"events\":[");
    Instant at = server.clock().instant();
    for (int i = 0; i < count; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append(
              """
              {"event_id":"evt-%08d","type":"install_failed","platform":"android","channel":"stable",
               "version":"1.2.0","version_code":3,"device_id":"device-%d","occurred_at":"%s"}"""
                  .formatted(i, i, at));
    }
    assertThat(server.post("/api/v1/apps/default/events", batch.append("]}").toString()).status())
        .isEqualTo(202);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.count("client_events") < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Test
  void aHaltIsDeliveredOnceSignedWithTheWebhooksSecret() throws Exception {
    receiver = Receiver.up();
    String secret = create("{\"url\":\"" + receiver.url() + "\"}").get("secret").asText();
    publish("1.1.0", 2, "");
    publish("1.2.0", 3, "");
    reportFailures(25);
    assertThat(server.server().rolloutJobs().runOnce().halted()).isEqualTo(1);

    assertThat(deliver()).isEqualTo(1);
    assertThat(deliver()).isZero();

    assertThat(receiver.received).hasSize(1);
    Receiver.Received got = receiver.received.get(0);
    assertThat(got.headers().get("event")).isEqualTo("rollout.halted");
    String signature = got.headers().get("signature");
    long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
    assertThat(signature).isEqualTo(AlertBodies.signature(secret, t, got.body()));
    assertThat(AlertBodies.signature("another secret", t, got.body())).isNotEqualTo(signature);
    JsonNode body = JSON.readTree(got.body());
    assertThat(body.get("type").asText()).isEqualTo("rollout.halted");
    assertThat(body.at("/release/version").asText()).isEqualTo("1.2.0");
    assertThat(body.get("detail").asText()).startsWith("failure share 100.00 %");
    JsonNode log =
        server.get(HOOKS + "/1/deliveries", TestServer.ADMIN_TOKEN).json().get("deliveries");
    assertThat(log.get(0).get("state").asText()).isEqualTo("delivered");
    assertThat(log.get(0).get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void rampStepsRecallsAndScheduledReleasesGoingLiveReachASlackWebhook() throws Exception {
    receiver = Receiver.up();
    create(
        "{\"url\":\"%s\",\"kind\":\"slack\",\"events\":[\"rollout.ramp_step\",\"release.recalled\",\"release.live\"]}"
            .formatted(receiver.url()));
    long ramping =
        publish(
            "1.2.0",
            3,
            "\"ramp\":[{\"basis_points\":100,\"min_dwell_minutes\":60},{\"basis_points\":10000}]");
    server.clock().advance(Duration.ofMinutes(61));
    assertThat(server.server().rolloutJobs().runOnce().advanced()).isEqualTo(1);
    TestResponse recalled =
        server.postAsAdmin(
            "/api/v1/apps/default/releases/" + ramping + "/recall",
            "{\"reason\":\"crashes <on> Android 9 & 10\"}");
    assertThat(recalled.status()).as(recalled.toString()).isEqualTo(200);
    String later = server.clock().instant().plus(Duration.ofHours(2)).toString();
    publish("1.3.0", 4, "\"publish_at\":\"" + later.replaceAll("\\.\\d+Z$", "Z") + "\"");
    assertThat(deliver()).isEqualTo(2);
    server.clock().advance(Duration.ofHours(3));
    assertThat(deliver()).isEqualTo(1);
    assertThat(deliver()).isZero();

    assertThat(receiver.received)
        .extracting(r -> r.headers().get("event"))
        .containsExactlyInAnyOrder("rollout.ramp_step", "release.recalled", "release.live");
    String recall =
        receiver.received.stream()
            .filter(r -> r.headers().get("event").equals("release.recalled"))
            .findFirst()
            .orElseThrow()
            .body();
    assertThat(JSON.readTree(recall).get("text").asText())
        .isEqualTo(
            "[default] release.recalled — android 1.2.0 (stable): crashes &lt;on&gt; Android 9 &amp; 10");
  }

  @Test
  void aReceiverThatIsDownForAWhileGetsTheAlertAfterRetriesAndARestart() throws Exception {
    receiver = Receiver.down();
    create("{\"url\":\"" + receiver.url() + "\"}");
    assertThat(server.postAsAdmin(HOOKS + "/1/test", "").status()).isEqualTo(202);

    assertThat(deliver()).isZero(); // nothing listens
    JsonNode first = server.get(HOOKS + "/1/deliveries", TestServer.ADMIN_TOKEN).json();
    assertThat(first.at("/deliveries/0/state").asText()).isEqualTo("pending");
    assertThat(first.at("/deliveries/0/last_error").asText()).contains("ConnectException");

    server.restart();
    receiver.start();
    receiver.status.set(500);
    server.clock().advance(Duration.ofSeconds(13));
    assertThat(deliver()).isZero(); // up, but failing
    assertThat(deliver()).isZero(); // not due yet: the next try waits 20 s or more
    receiver.status.set(200);
    server.clock().advance(Duration.ofSeconds(25));

    assertThat(deliver()).isEqualTo(1);
    assertThat(receiver.received).hasSize(2);
    JsonNode log = server.get(HOOKS + "/1/deliveries", TestServer.ADMIN_TOKEN).json();
    assertThat(log.at("/deliveries/0/state").asText()).isEqualTo("delivered");
    assertThat(log.at("/deliveries/0/attempts").asInt()).isEqualTo(3);
  }

  @Test
  void badWebhooksAreRefusedAndOnlyAdminsManageThem() {
    TestResponse ftp = server.postAsAdmin(HOOKS, "{\"url\":\"ftp://example.com/x\"}");
    assertThat(ftp.status()).isEqualTo(400);
    assertThat(ftp.json().get("message").asText()).startsWith("url: expected an http or https URL");
    TestResponse unknown =
        server.postAsAdmin(HOOKS, "{\"url\":\"https://e.example\",\"events\":[\"rollout.nope\"]}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("message").asText()).contains("rollout.nope");
    TestResponse kind =
        server.postAsAdmin(HOOKS, "{\"url\":\"https://e.example\",\"kind\":\"xml\"}");
    assertThat(kind.status()).isEqualTo(400);
    String publisher = TestTokens.issue(server, "publisher");
    assertThat(server.post(HOOKS, "{\"url\":\"https://e.example\"}", publisher).status())
        .isEqualTo(403);
    assertThat(server.get(HOOKS + "/99/deliveries", TestServer.ADMIN_TOKEN).status())
        .isEqualTo(404);
    assertThat(server.count("webhooks")).isZero();
  }

  @Test
  void aRemovedWebhookGetsNothingMoreAndTheListHidesTheSecret() throws Exception {
    receiver = Receiver.up();
    create("{\"url\":\"" + receiver.url() + "\"}");
    assertThat(server.get(HOOKS, TestServer.ADMIN_TOKEN).text()).doesNotContain("whsec_");
    assertThat(server.postAsAdmin(HOOKS + "/1/test", "").status()).isEqualTo(202);
    TestResponse removed =
        server.send(
            server
                .request(HOOKS + "/1")
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .DELETE());
    assertThat(removed.status()).isEqualTo(200);

    assertThat(deliver()).isZero();
    assertThat(receiver.received).isEmpty();
    assertThat(server.queryLong("SELECT COUNT(*) FROM webhook_deliveries WHERE state = 'failed'"))
        .isEqualTo(1);
  }
}
