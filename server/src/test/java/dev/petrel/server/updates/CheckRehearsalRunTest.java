package dev.petrel.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Version;
import dev.petrel.server.releases.Release;
import dev.petrel.server.web.HttpListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rehearsal's loop, against a real Jetty server whose handler answers by app. */
class CheckRehearsalRunTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

  private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
  private Server server;
  private LocalConnector connector;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    connector = new LocalConnector(server, new HttpConnectionFactory(new HttpConfiguration()));
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            String path = request.getHttpURI().getPath();
            received.add(path + " " + body);
            response.setStatus(path.contains("/apps/gone/") ? 404 : 200);
            ByteBuffer answer = ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8));
            if (path.contains("/apps/chunked/")) {
              // two writes without a length: Jetty sends it chunked, which the reader refuses
              response.write(
                  false,
                  answer,
                  Callback.from(() -> response.write(true, null, callback), callback::failed));
            } else {
              response.write(true, answer, callback);
            }
            return true;
          }
        });
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  @Test
  void sendsEachReleaseAsTheInstalledVersionRoundRobinOverOneConnection() {
    Catalogue.Snapshot snapshot = snapshot(release("shop", "android", "1.2.0", 3, Channel.STABLE));

    CheckRehearsal.Outcome outcome =
        CheckRehearsal.run(connector, snapshot, 50, Duration.ofSeconds(30));

    assertThat(outcome.sent()).isEqualTo(50);
    assertThat(outcome.answered()).isEqualTo(50);
    assertThat(received).hasSize(50);
    assertThat(received.peek())
        .isEqualTo(
            "/api/v1/apps/shop/check {\"platform\":\"android\",\"current_version\":\"1.2.0\","
                + "\"version_code\":3,\"channel\":\"stable\",\"device_id\":\"petrel-rehearsal-0\"}");
    assertThat(connector.getConnectedEndPoints()).isEmpty();
  }

  @Test
  void runsAtTheLowestPriorityOnItsOwnThreadAndTheInProcessConnectorsNeverOnTheServersPool()
      throws Exception {
    try (TwoConnectors own = new TwoConnectors()) {
      CheckRehearsal.Outcome outcome =
          own.rehearse(shop(), 2_000, Duration.ofSeconds(30), Duration.ofSeconds(30));

      assertThat(outcome.answered()).isEqualTo(2_000);
      assertThat(outcome.cutShort()).isFalse();
      assertThat(own.priorityByThread).containsKey("petrel-check-rehearsal");
      own.priorityByThread.forEach(
          (thread, priority) -> {
            assertThat(thread).matches("petrel-check-rehearsal|petrel-in-process-low-\\d+");
            assertThat(priority).as(thread).isEqualTo(Thread.MIN_PRIORITY);
          });
    }
  }

  @Test
  void whatTheLowPriorityStageLeftForLackOfTimeIsSentAtTheCallersPriority() throws Exception {
    try (TwoConnectors own = new TwoConnectors()) {
      CheckRehearsal.Outcome outcome =
          own.rehearse(shop(), 2_000, Duration.ZERO, Duration.ofSeconds(30));

      assertThat(outcome.sent()).isEqualTo(2_000);
      assertThat(outcome.answered()).isEqualTo(2_000);
      assertThat(outcome.cutShort()).isFalse();
      // the connector answers on its own threads or, as it fills, on the thread that sent
      String caller = Thread.currentThread().getName();
      assertThat(own.priorityByThread).isNotEmpty();
      own.priorityByThread.forEach(
          (thread, priority) -> {
            assertThat(thread).matches("petrel-in-process-\\d+|" + Pattern.quote(caller));
            assertThat(priority).as(thread).isEqualTo(Thread.NORM_PRIORITY);
          });
    }
  }

  @Test
  void aSecondStageIsNotTriedWhenEveryCheckWasRefused() throws Exception {
    try (TwoConnectors own = new TwoConnectors()) {
      CheckRehearsal.Outcome outcome =
          own.rehearse(
              snapshot(release("gone", "android", "1.0.0", 1, Channel.STABLE)),
              1_000,
              Duration.ofSeconds(30),
              Duration.ofSeconds(30));

      assertThat(outcome.sent()).isEqualTo(CheckRehearsal.PIPELINE);
      assertThat(outcome.cutShort()).isFalse();
      assertThat(own.priorityByThread.keySet()).allMatch(t -> !t.matches("petrel-in-process-\\d+"));
    }
  }

  /** A server with both of {@link HttpListener}'s in-process connectors, noting who answered. */
  private static final class TwoConnectors implements AutoCloseable {
    final Map<String, Integer> priorityByThread = new java.util.concurrent.ConcurrentHashMap<>();
    final HttpListener listener = new HttpListener("127.0.0.1", 0);
    private final Server server = new Server();

    TwoConnectors() throws Exception {
      server.addConnector(listener.attach(server, new HttpConfiguration()));
      server.setHandler(
          new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
              Thread thread = Thread.currentThread();
              priorityByThread.put(thread.getName(), thread.getPriority());
              String path = request.getHttpURI().getPath();
              response.setStatus(path.contains("/apps/gone/") ? 404 : 200);
              response.getHeaders().put("Content-Length", 2);
              response.write(
                  true, ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8)), callback);
              return true;
            }
          });
      server.start();
    }

    /** {@link CheckRehearsal#runInTwoStages} through this server's two connectors. */
    CheckRehearsal.Outcome rehearse(
        Catalogue.Snapshot snapshot, int maxChecks, Duration lowPriorityTime, Duration ownTime) {
      return CheckRehearsal.runInTwoStages(
          listener.lowPriorityLocal(),
          listener.local(),
          snapshot,
          maxChecks,
          lowPriorityTime,
          ownTime);
    }

    @Override
    public void close() {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("the server did not stop", e);
      }
    }
  }

  private static Catalogue.Snapshot shop() {
    return snapshot(release("shop", "android", "1.2.0", 3, Channel.STABLE));
  }

  @Test
  void dropsAReleaseWhoseCheckIsRefusedAndGoesOnWithTheOthers() {
    Catalogue.Snapshot snapshot =
        snapshot(
            release("gone", "android", "1.0.0", 1, Channel.STABLE),
            release("shop", "linux", "2.0.0", 7, Channel.STABLE));

    CheckRehearsal.Outcome outcome =
        CheckRehearsal.run(connector, snapshot, 200, Duration.ofSeconds(30));

    // the first pipelined batch alternates between the two; after it, only the answered one goes
    int firstBatch = CheckRehearsal.PIPELINE;
    assertThat(outcome.sent()).isEqualTo(200);
    assertThat(outcome.answered()).isEqualTo(200 - firstBatch / 2);
    assertThat(received.stream().filter(r -> r.contains("/apps/gone/"))).hasSize(firstBatch / 2);
  }

  @Test
  void stopsWhenEveryCheckIsRefused() {
    Catalogue.Snapshot snapshot = snapshot(release("gone", "android", "1.0.0", 1, Channel.STABLE));

    CheckRehearsal.Outcome outcome =
        CheckRehearsal.run(connector, snapshot, 1000, Duration.ofSeconds(30));

    assertThat(outcome.sent()).isEqualTo(CheckRehearsal.PIPELINE);
    assertThat(outcome.answered()).isZero();
  }

  @Test
  void stopsWithoutFailingOnAnAnswerItCannotRead() {
    Catalogue.Snapshot snapshot =
        snapshot(release("chunked", "android", "1.0.0", 1, Channel.STABLE));

    CheckRehearsal.Outcome outcome =
        CheckRehearsal.run(connector, snapshot, 1000, Duration.ofSeconds(30));

    assertThat(outcome.sent()).isEqualTo(CheckRehearsal.PIPELINE);
    assertThat(outcome.answered()).isZero();
  }

  @Test
  void stopsAtItsTimeLimit() {
    Catalogue.Snapshot snapshot = snapshot(release("shop", "android", "1.2.0", 3, Channel.STABLE));

    CheckRehearsal.Outcome outcome =
        CheckRehearsal.run(connector, snapshot, 1_000_000, Duration.ofMillis(200));

    assertThat(outcome.sent()).isPositive().isLessThan(1_000_000);
    assertThat(outcome.took()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  @Test
  void sendsNothingWithoutReleases() {
    Catalogue.Snapshot snapshot = new Catalogue.Snapshot(1, Set.of(), Map.of(), Map.of());

    assertThat(CheckRehearsal.run(connector, snapshot, 1000, Duration.ofSeconds(30)).sent())
        .isZero();
    assertThat(received).isEmpty();
  }

  private static Catalogue.Snapshot snapshot(Release... releases) {
    Map<Catalogue.Key, List<Release>> byKey = new java.util.HashMap<>();
    for (Release release : releases) {
      byKey
          .computeIfAbsent(
              new Catalogue.Key(release.appId(), release.platform()),
              k -> new java.util.ArrayList<>())
          .add(release);
    }
    Set<AppId> apps = new java.util.HashSet<>();
    byKey.keySet().forEach(key -> apps.add(key.app()));
    return new Catalogue.Snapshot(1, apps, byKey, Map.of());
  }

  private static Release release(
      String app, String platform, String version, long code, Channel channel) {
    return new Release(
        code,
        AppId.parse("app", app),
        new Platform(platform),
        channel,
        Version.parse(version),
        code,
        null,
        null,
        1L,
        null,
        "https://cdn.example.com/" + version,
        "",
        false,
        true,
        10_000,
        NOW,
        NOW,
        null,
        null,
        null);
  }
}
