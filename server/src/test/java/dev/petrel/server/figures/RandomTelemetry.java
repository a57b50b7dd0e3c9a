package dev.petrel.server.figures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.telemetry.Events;
import dev.petrel.server.telemetry.TelemetryRollup;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A random stream of checks and client events sent to a real server over HTTP, spread over days of
 * the server's test clock: devices that switch versions and channels, checks with and without a
 * version code, every event type (patch deliveries with and without the version code they started
 * from), events about unpublished versions and without a device, failure reasons, device clocks
 * days behind, and resent events. The same seed gives the same stream.
 */
final class RandomTelemetry {
  static final List<String> CHANNELS = List.of("stable", "beta");

  /** The releases published: platform, version, code. */
  record Published(long id, String platform, String version, long code) {}

  private static final String[] ANDROID = {"1.0.0+1", "1.1.0+2", "1.1.0", "1.2.0+3", "1.2.0"};
  private static final String[] IOS = {"1.0.0+1", "1.1.0+2", "1.1.0"};
  private static final String[] REASONS = {"disk full", "timeout", "signature: ω", "disk full"};

  private final TestServer server;
  private final Random random;
  private final long seed;
  private final List<Published> releases = new ArrayList<>();
  private final List<String> sentEvents = new ArrayList<>();
  private final Set<String> storedEventIds = new HashSet<>();
  private long checks;
  private int nextEvent;

  RandomTelemetry(TestServer server, long seed) {
    this.server = server;
    this.seed = seed;
    this.random = new Random(seed);
  }

  List<Published> releases() {
    return releases;
  }

  /** Publishes the releases, then sends {@code steps} steps of checks and events. */
  void run(int steps) throws InterruptedException {
    publish("android", "1.1.0", 2);
    publish("android", "1.2.0", 3);
    publish("ios", "1.1.0", 2);
    for (int step = 0; step < steps; step++) {
      long dayBefore = TelemetryRollup.day(server.clock().instant());
      server.clock().advance(Duration.ofMinutes(random.nextInt(14 * 60)));
      if (TelemetryRollup.day(server.clock().instant()) != dayBefore) {
        // Hours pass here in microseconds; in real time the check writer (which starts a batch at
        // most every CheckRecorder.LINGER) has long written a day's checks when the next day's
        // events arrive. Without this wait, a device's install event on the new day could be
        // written before its check of the day before, which then counts on the later day only
        // (the one documented difference between the aggregates and the raw rows).
        awaitChecksWritten();
      }
      int actions = 1 + random.nextInt(4);
      for (int i = 0; i < actions; i++) {
        if (random.nextInt(10) < 6) {
          check();
        } else {
          report();
        }
      }
    }
    awaitChecksWritten();
  }

  private void publish(String platform, String version, long code) {
    TestResponse answer =
        server.postAsAdmin("/api/updates/publish", Releases.external(platform, version, code));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    releases.add(new Published(answer.json().get("id").asLong(), platform, version, code));
  }

  private String device() {
    return "dev-" + seed + "-" + random.nextInt(12);
  }

  private static String platformOf(String device) {
    return device.hashCode() % 4 == 0 ? "ios" : "android";
  }

  private void check() {
    String device = device();
    String platform = platformOf(device);
    String[] versions = platform.equals("ios") ? IOS : ANDROID;
    String version = versions[random.nextInt(versions.length)];
    String channel = CHANNELS.get(random.nextInt(CHANNELS.size()));
    String deviceField = random.nextInt(10) == 0 ? "" : ",\"device_id\":\"" + device + "\"";
    String body =
        "{\"platform\":\"%s\",\"current_version\":\"%s\",\"channel\":\"%s\"%s}"
            .formatted(platform, version, channel, deviceField);
    TestResponse answer = server.post("/api/v1/apps/default/check", body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    checks++;
  }

  private void report() {
    List<String> batch = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      if (!sentEvents.isEmpty() && random.nextInt(10) == 0) {
        batch.add(sentEvents.get(random.nextInt(sentEvents.size()))); // a resend
      } else {
        batch.add(newEvent());
      }
    }
    TestResponse answer = server.post(Events.PATH, Events.batch(batch));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
  }

  private String newEvent() {
    String device = device();
    String platform = platformOf(device);
    String id = "ev-%d-%06d".formatted(seed, nextEvent++);
    String[] types = {
      "download_started",
      "download_completed",
      "download_failed",
      "install_started",
      "install_succeeded",
      "install_failed",
      "reverted",
      "crashed_on_start",
      "recall_applied",
      "app_started",
      "app_crashed",
      "app_started",
      "app_crashed",
      "delta_applied",
      "delta_applied",
      "delta_failed"
    };
    String type = types[random.nextInt(types.length)];
    String version;
    long code;
    if (random.nextInt(10) == 0) {
      version = "0.9.0";
      code = 9; // never published
    } else {
      Published release = pick(platform);
      version = release.version();
      code = release.code();
    }
    String reason = random.nextBoolean() ? null : REASONS[random.nextInt(REASONS.length)];
    // a patch from code 1 or 2, or from an unknown code (no from_version_code)
    int from = random.nextInt(3);
    String patchedFrom =
        type.equals("delta_applied") && from > 0 ? ",\"from_version_code\":" + from : "";
    Instant occurred =
        server.clock().instant().minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
    String json =
        """
        {"event_id":"%s","type":"%s","platform":"%s","channel":"%s","version":"%s",\
        "version_code":%d%s%s,"occurred_at":"%s"%s}"""
            .formatted(
                id,
                type,
                platform,
                CHANNELS.get(random.nextInt(CHANNELS.size())),
                version,
                code,
                patchedFrom,
                random.nextInt(10) == 0 ? "" : ",\"device_id\":\"" + device + "\"",
                occurred,
                reason == null ? "" : ",\"reason\":\"" + reason + "\"");
    sentEvents.add(json);
    storedEventIds.add(id);
    return json;
  }

  private Published pick(String platform) {
    List<Published> ofPlatform =
        releases.stream().filter(release -> release.platform().equals(platform)).toList();
    return ofPlatform.get(random.nextInt(ofPlatform.size()));
  }

  /** Checks are written in the background; events were committed before their 202. */
  private void awaitChecksWritten() throws InterruptedException {
    assertThat(server.count("client_events")).isEqualTo(storedEventIds.size());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (server.count("update_checks") < checks) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("checks were not written within 30 s");
      }
      Thread.sleep(20);
    }
  }
}
