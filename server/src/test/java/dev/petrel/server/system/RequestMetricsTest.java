package dev.petrel.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /metrics carries a latency histogram per route template, method and status class. */
class RequestMetricsTest extends ServerTest {
  private static final String CHECK = "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\"}";

  @Test
  void countsChecksServedInFrontOfJavalinPerRouteTemplate() {
    server.post("/api/updates/check", CHECK);
    server.post("/api/updates/check", CHECK);
    server.post("/api/v1/apps/default/check", CHECK);
    server.post("/api/v1/apps/default/check", "{not json");

    String metrics = scrape();

    assertThat(count(metrics, "POST", "/api/updates/check", "2xx")).isEqualTo(2);
    assertThat(count(metrics, "POST", "/api/v1/apps/{app}/check", "2xx")).isEqualTo(1);
    assertThat(count(metrics, "POST", "/api/v1/apps/{app}/check", "4xx")).isEqualTo(1);
    assertThat(bucket(metrics, "POST", "/api/updates/check", "2xx", "+Inf")).isEqualTo(2);
  }

  @Test
  void countsJavalinRoutesByTemplateNotByUrl() {
    server.get("/api/v1/apps/default", TestServer.ADMIN_TOKEN);
    server.get("/api/v1/apps/default", TestServer.ADMIN_TOKEN);
    server.get("/api/v1/apps/default");
    server.get("/api/v1/apps/no-such-app", TestServer.ADMIN_TOKEN);
    server.get("/no/such/path/" + System.nanoTime());

    String metrics = scrape();

    assertThat(count(metrics, "GET", "/api/v1/apps/{app}", "2xx")).isEqualTo(2);
    // Without a token (401) and an unknown app (404): both client errors on the same template.
    assertThat(count(metrics, "GET", "/api/v1/apps/{app}", "4xx")).isEqualTo(2);
    assertThat(count(metrics, "GET", "unmatched", "4xx")).isEqualTo(1);
    assertThat(metrics).doesNotContain("route=\"/api/v1/apps/default\"", "/no/such/path");
  }

  @Test
  void publishesFixedBucketsFromMicrosecondsToSeconds() {
    server.get("/api/system/live");

    String metrics = scrape();

    assertThat(bucket(metrics, "GET", "/api/system/live", "2xx", "1.0E-4")).isBetween(0L, 1L);
    assertThat(bucket(metrics, "GET", "/api/system/live", "2xx", "10.0")).isEqualTo(1);
    assertThat(bucket(metrics, "GET", "/api/system/live", "2xx", "+Inf")).isEqualTo(1);
    assertThat(series(metrics, "GET", "/api/system/live", "2xx", "_bucket")).isEqualTo(17);
  }

  /** Scrapes twice: the first scrape's own request is recorded only once it has been answered. */
  private String scrape() {
    server.get("/metrics");
    var response = server.get("/metrics");
    assertThat(response.status()).isEqualTo(200);
    return response.text();
  }

  private static long count(String metrics, String method, String route, String status) {
    return value(metrics, "http_server_requests_seconds_count" + labels(method, route, status));
  }

  private static long bucket(
      String metrics, String method, String route, String status, String le) {
    String labels = labels(method, route, status);
    return value(
        metrics,
        "http_server_requests_seconds_bucket"
            + labels.substring(0, labels.length() - 1)
            + ",le=\""
            + le
            + "\"}");
  }

  private static long series(
      String metrics, String method, String route, String status, String suffix) {
    String labels = labels(method, route, status);
    String prefix =
        "http_server_requests_seconds" + suffix + labels.substring(0, labels.length() - 1);
    return metrics.lines().filter(line -> line.startsWith(prefix)).count();
  }

  private static String labels(String method, String route, String status) {
    return "{method=\"%s\",route=\"%s\",status=\"%s\"}".formatted(method, route, status);
  }

  private static long value(String metrics, String series) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
    assertThat(m.find()).as("series %s in%n%s", series, metrics).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }
}
