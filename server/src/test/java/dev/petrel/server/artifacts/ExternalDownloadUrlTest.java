package dev.petrel.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A release may point at an external download URL, which the server hands out but never fetches.
 */
class ExternalDownloadUrlTest extends ServerTest {
  static String publish(String url) {
    return """
        {"platform":"android","version":"1.1.0","version_code":2,"download_url":"%s",
         "file_size":1234,"checksum":"%s"}
        """
        .formatted(url, Releases.sha("external"));
  }

  @Test
  void theExternalUrlIsHandedOutButNeverFetched() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + listener.getLocalPort() + "/x";

      TestResponse published = server.postAsAdmin("/api/v1/apps/default/releases", publish(url));
      long id = published.json().get("release").get("id").asLong();
      JsonNode check =
          server
              .post(
                  "/api/updates/check",
                  "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"device_id\":\"d\"}")
              .json();
      JsonNode latest = server.get("/api/updates/latest?platform=android").json();
      JsonNode view =
          server.get("/api/v1/apps/default/releases/" + id, TestServer.ADMIN_TOKEN).json();

      assertThat(published.status()).isEqualTo(201);
      assertThat(check.get("download_url").asText()).isEqualTo(url);
      assertThat(check.get("file_size").asLong()).isEqualTo(1234);
      assertThat(latest.get("download_url").asText()).isEqualTo(url);
      assertThat(view.get("release").get("download_url").asText()).isEqualTo(url);
      assertThat(view.get("release").get("hosted").asBoolean()).isFalse();
      // A connection would wait in the listener's backlog even though nobody accepts it.
      listener.setSoTimeout(300);
      assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
    }
    assertThat(Uploads.filesOnDisk(server)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/app.apk",
        "file:///etc/passwd",
        "file:app.apk",
        "javascript:alert(1)",
        "http:///no-host",
        "app.apk"
      })
  void onlyHttpAndHttpsUrlsAreAccepted(String url) {
    TestResponse v1 = server.postAsAdmin("/api/v1/apps/default/releases", publish(url));
    TestResponse seed = server.postAsAdmin("/api/updates/publish", publish(url));

    assertThat(v1.status()).isEqualTo(400);
    assertThat(v1.json().get("code").asText()).isEqualTo("request.invalid_field");
    assertThat(v1.json().get("message").asText()).startsWith("download_url:");
    assertThat(seed.status()).isEqualTo(400);
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void httpsUrlsAreAccepted() {
    TestResponse published =
        server.postAsAdmin(
            "/api/v1/apps/default/releases", publish("https://cdn.example.com/app-1.1.0.apk"));

    assertThat(published.status()).isEqualTo(201);
    assertThat(published.json().get("release").get("download_url").asText())
        .isEqualTo("https://cdn.example.com/app-1.1.0.apk");
  }
}
