package dev.petrel.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.web.HttpListener;
import dev.petrel.server.web.InProcessRequest;
import dev.petrel.server.web.RequestMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that is not a check is handed on on a thread of the connector it came through, and
 * marked as in-process when that connector is one: a start's rehearsal at the lowest priority never
 * runs the routes behind on, or grows, the server's pool, and the routes can tell it from a device.
 */
class CheckFastPathDispatchTest {
  /** What the handler behind saw: thread name, its priority, and the in-process mark. */
  private record Seen(String thread, int priority, Object mark) {}

  private final AtomicReference<Seen> seen = new AtomicReference<>();
  private final HttpListener listener = new HttpListener("127.0.0.1", 0);
  private final Server server = new Server();

  @BeforeEach
  void start() throws Exception {
    server.addConnector(listener.attach(server, new HttpConfiguration()));
    // No check is sent here, so the check endpoints are never reached.
    CheckFastPath fastPath =
        new CheckFastPath(null, null, 1024, new RequestMetrics(new SimpleMeterRegistry()));
    fastPath.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            Thread thread = Thread.currentThread();
            seen.set(
                new Seen(
                    thread.getName(),
                    thread.getPriority(),
                    request.getAttribute(InProcessRequest.ATTRIBUTE)));
            response.setStatus(200);
            response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), callback);
            return true;
          }
        });
    server.setHandler(fastPath);
    server.start();
    listener.open();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  @Test
  void anInProcessRequestRunsOnItsConnectorsOwnThreadsAndIsMarked() throws Exception {
    String answer =
        listener
            .lowPriorityLocal()
            .getResponse("POST /api/v1/apps/shop/events HTTP/1.1\r\nHost: a\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 200");
    assertThat(seen.get().thread()).startsWith("petrel-in-process-low-");
    assertThat(seen.get().priority()).isEqualTo(Thread.MIN_PRIORITY);
    assertThat(seen.get().mark()).isEqualTo(Boolean.TRUE);
  }

  @Test
  void aRequestFromTheNetworkRunsOnTheServersPoolAndIsNotMarked() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + listener.port() + "/api/v1/apps/shop/events"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(seen.get().thread()).doesNotStartWith("petrel-in-process");
    assertThat(seen.get().priority()).isEqualTo(Thread.NORM_PRIORITY);
    assertThat(seen.get().mark()).isNull();
  }
}
