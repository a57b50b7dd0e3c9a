package dev.petrel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.StrictJson;
import dev.petrel.protocol.Version;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox and its sender against an in-test events endpoint that checks the wire shape of the
 * contract (the server's own endpoint comes with the telemetry branch).
 */
class EventSenderTest {
  private static final Set<String> KEYS =
      Set.of(
          "event_id",
          "type",
          "platform",
          "channel",
          "version",
          "version_code",
          "from_version",
          "from_version_code",
          "device_id",
          "reason",
          "occurred_at");
  private static final Set<String> TYPES =
      Set.of(
          "download_started",
          "download_completed",
          "download_failed",
          "install_started",
          "install_succeeded",
          "install_failed",
          "reverted",
          "crashed_on_start",
          "recall_applied");
  private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

  @TempDir Path dir;
  private HttpServer http;
  private final ConcurrentLinkedDeque<Integer> statuses = new ConcurrentLinkedDeque<>();
  private final List<List<Map<String, Object>>> batches = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private Outbox outbox;
  private Config config;

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/api/v1/apps/notes/events", this::receive);
    http.start();
    outbox = new Outbox(dir.resolve("outbox"));
    config =
        new Config(
            List.of(),
            List.of(),
            List.of(),
            new AppId("notes"),
            new Platform("linux"),
            Channel.BETA,
            Version.parse("1.0.0"),
            10,
            List.of(),
            dir,
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            1,
            true);
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  private EventSender sender(URI... servers) {
    return new EventSender(
        outbox,
        List.of(servers),
        "notes",
        new Http(Duration.ofSeconds(1), Duration.ofSeconds(2)),
        Duration.ofSeconds(5),
        Duration.ofMillis(50));
  }

  @SuppressWarnings("unchecked")
  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Integer status = statuses.poll();
      if (status != null && status != 202) {
        exchange.getResponseHeaders().add("Retry-After", "1");
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      synchronized (this) {
        if (!"POST".equals(exchange.getRequestMethod())
            || !exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")
            || body.length > 64 * 1024) {
          problems.add("method, content type or size");
        }
        Map<String, Object> document = (Map<String, Object>) StrictJson.read("body", body);
        if (!document.keySet().equals(Set.of("events"))) {
          problems.add("top-level keys " + document.keySet());
        }
        List<Map<String, Object>> events = (List<Map<String, Object>>) document.get("events");
        if (events.isEmpty() || events.size() > 100) {
          problems.add(events.size() + " events");
        }
        events.forEach(this::checkShape);
        batches.add(events);
      }
      byte[] answer =
          ("{\"ok\":true,\"accepted\":" + batches.get(batches.size() - 1).size() + "}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(202, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private void checkShape(Map<String, Object> event) {
    if (!KEYS.containsAll(event.keySet())) {
      problems.add("unknown keys in " + event.keySet());
    }
    for (String required : List.of("event_id", "type", "platform", "version", "occurred_at")) {
      if (!(event.get(required) instanceof String)) {
        problems.add("missing " + required);
      }
    }
    if (!(event.get("version_code") instanceof Long)
        || !EVENT_ID.matcher(String.valueOf(event.get("event_id"))).matches()
        || !TYPES.contains(event.get("type"))
        || !TIME.matcher(String.valueOf(event.get("occurred_at"))).matches()) {
      problems.add("bad values in " + event);
    }
  }

  private Reporter reporter(EventSender sender) {
    return new Reporter(outbox, sender, "device-1");
  }

  @Test
  void sendsQueuedEventsInTheContractsWireShapeAndEmptiesTheOutbox() throws Exception {
    try (EventSender sender = sender(base())) {
      Reporter reporter = reporter(sender);
      reporter.report("download_started", config, "1.2.0", 12, null);
      reporter.report(
          "install_failed", config, "1.2.0", 12, "disk full: \"quoted\"\n" + "x".repeat(600));

      assertThat(sender.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(problems).isEmpty();
    List<Map<String, Object>> sent = new ArrayList<>();
    batches.forEach(sent::addAll);
    assertThat(sent)
        .extracting(event -> event.get("type"))
        .containsExactly("download_started", "install_failed");
    Map<String, Object> failed = sent.get(1);
    assertThat(failed)
        .containsEntry("platform", "linux")
        .containsEntry("channel", "beta")
        .containsEntry("version", "1.2.0")
        .containsEntry("version_code", 12L)
        .containsEntry("from_version", "1.0.0")
        .containsEntry("from_version_code", 10L)
        .containsEntry("device_id", "device-1");
    assertThat((String) failed.get("reason")).startsWith("disk full: \"quoted\"\nx").hasSize(500);
    assertThat(outbox.isEmpty()).isTrue();
  }

  @Test
  void retriesAfter503AndDeliversOnce() throws Exception {
    statuses.add(503);
    try (EventSender sender = sender(base())) {
      reporter(sender).report("install_succeeded", config, "1.2.0", 12, null);

      assertThat(sender.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(batches).hasSize(1);
    assertThat(outbox.isEmpty()).isTrue();
  }

  @Test
  void aDeadServerNeitherBlocksTheReporterNorLosesTheEvents() throws Exception {
    URI dead;
    try (ServerSocket socket = new ServerSocket(0)) {
      dead = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    try (EventSender sender = sender(dead)) {
      Reporter reporter = reporter(sender);
      long started = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        reporter.report("download_started", config, "1.2.0", 12, null);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isLessThan(Duration.ofSeconds(2));
      assertThat(sender.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(outbox.oldest(100, 1 << 20)).hasSize(20);
  }

  @Test
  void sendsAFullOutboxInBatchesOfAtMostAHundred() throws Exception {
    Reporter offline = new Reporter(outbox, null, "device-1");
    for (int i = 0; i < 230; i++) {
      offline.report("download_completed", config, "1.2.0", 12, null);
    }
    try (EventSender sender = sender(base())) {
      sender.trigger();

      assertThat(sender.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(problems).isEmpty();
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(230);
    assertThat(batches).allMatch(batch -> batch.size() <= 100);
    assertThat(outbox.isEmpty()).isTrue();
  }

  @Test
  void dropsABatchTheServerRefusesAsBadSoLaterEventsFlow() throws Exception {
    statuses.add(400);
    Files.createDirectories(dir.resolve("outbox"));
    try (EventSender sender = sender(base())) {
      Reporter reporter = reporter(sender);
      reporter.report("download_started", config, "1.2.0", 12, null);
      assertThat(sender.awaitIdle(Duration.ofSeconds(10))).isTrue();
      reporter.report("download_completed", config, "1.2.0", 12, null);
      assertThat(sender.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(batches)
        .singleElement()
        .satisfies(batch -> assertThat(batch.get(0)).containsEntry("type", "download_completed"));
    assertThat(outbox.isEmpty()).isTrue();
  }
}
