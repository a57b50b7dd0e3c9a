package dev.petrel.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks are answered on Jetty's selector threads; everything else must be dispatched off them.
 * Slow uploads on every selector (one more connection than there are selectors) would hold every
 * selector if a blocking request ran on one, and then no check could be answered at all.
 */
class CheckFastPathTest extends ServerTest {
  private static final int UPLOAD_BYTES = 1000;
  private static final int SENT_FIRST = 10;

  @Test
  void slowUploadsOnEverySelectorDoNotHoldUpChecks() throws Exception {
    int uploads = Runtime.getRuntime().availableProcessors() + 1;
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < uploads; i++) {
        sockets.add(startUpload());
      }

      TestResponse check =
          server.send(
              server
                  .request("/api/updates/check")
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(
                      java.net.http.HttpRequest.BodyPublishers.ofString(
                          "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\"}")));
      assertThat(check.status()).as(check.toString()).isEqualTo(200);
      assertThat(check.json().get("update_available").asBoolean()).isFalse();

      for (Socket socket : sockets) {
        assertThat(finishUpload(socket)).startsWith("HTTP/1.1 201");
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    server.stop(); // writes the queued check telemetry
    assertThat(server.count("update_checks")).isEqualTo(1);
  }

  @Test
  void requestsThatAreNotChecksStillReachTheApi() {
    TestResponse health = server.get("/api/system/health");
    TestResponse getOnCheck = server.get("/api/updates/check");
    TestResponse unknown = server.post("/api/nothing/here", "{}");

    assertThat(health.status()).isEqualTo(200);
    assertThat(getOnCheck.status()).isIn(404, 405);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("ok").asBoolean()).isFalse();
  }

  /** Sends an upload's head and the first bytes of its body, and leaves it waiting for the rest. */
  private Socket startUpload() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.server().port());
    socket.setSoTimeout(10_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST /api/updates/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + TestServer.ADMIN_TOKEN
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + UPLOAD_BYTES
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[SENT_FIRST]);
    out.flush();
    return socket;
  }

  /** Sends the rest of the body and reads the answer until the server closes. */
  private static String finishUpload(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(new byte[UPLOAD_BYTES - SENT_FIRST]);
    out.flush();
    InputStream in = socket.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
  }
}
