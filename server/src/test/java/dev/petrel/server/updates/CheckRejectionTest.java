package dev.petrel.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.RawHttp;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad checks get a clear 400 and are not recorded as answered checks. */
class CheckRejectionTest extends ServerTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"current_version\":\"1.0.0+1\"}|request.missing_field|platform",
        "{\"platform\":\"android\"}|request.missing_field|current_version",
        "{\"platform\":\"android\",\"current_version\":\"one\"}|request.invalid_field|current_version",
        "{\"platform\":\"android\",\"current_version\":1}|request.invalid_field|current_version",
        "{\"platform\":\"ANDROID\",\"current_version\":\"1.0.0\"}|request.invalid_field|platform",
        "{\"platform\":\"android\",\"current_version\":\"1.0.0\",\"device_id\":\"a b\"}|request.invalid_field|device_id",
        "{\"platform\":\"android\",\"current_version\":\"1.0.0\",\"channel\":\"gamma\"}|request.invalid_field|channel",
        "{\"platform\":\"android\",\"current_version\":\"1.0.0+2\",\"version_code\":3}|check.version_code_mismatch|version_code",
        "not json|request.malformed_json|JSON",
      })
  void refusesABadCheck(String body, String code, String named) {
    TestResponse answer = server.post("/api/updates/check", body);
    server.stop();

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().get("code").asText()).isEqualTo(code);
    assertThat(answer.json().get("message").asText()).contains(named);
    assertThat(server.count("update_checks")).isZero();
  }

  @ParameterizedTest
  @CsvSource({"/api/v1/apps/nope/check", "/api/v1/apps/Bad_App/check"})
  void refusesACheckForAnUnknownOrMalformedApp(String path) {
    TestResponse answer =
        server.post(path, "{\"platform\":\"android\",\"current_version\":\"1.0.0\"}");

    assertThat(answer.status()).isIn(400, 404);
    assertThat(answer.json().get("ok").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"/api/updates/check", "/api/v1/apps/default/check"})
  void refusesAnOversizedCheckWith413BeforeReadingIt(String path) throws Exception {
    // The body is never sent: the server must answer from Content-Length alone.
    String answer =
        rawExchange(
            "POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2097152\r\nExpect: 100-continue\r\n\r\n",
            new byte[0]);
    server.stop();

    assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"request.too_large\"");
    assertThat(server.count("update_checks")).isZero();
  }

  @ParameterizedTest
  @CsvSource({"/api/updates/check", "/api/v1/apps/default/check"})
  void refusesAnOversizedChunkedCheckWith413(String path) throws Exception {
    // No Content-Length: the limit is met while reading, just past 1 MiB.
    byte[] json =
        ("{\"platform\":\"" + "a".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
    byte[] chunked =
        (Integer.toHexString(json.length)
                + "\r\n"
                + new String(json, StandardCharsets.US_ASCII)
                + "\r\n0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    String answer =
        rawExchange(
            "POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
            chunked);

    assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"request.too_large\"");
  }

  /** Sends raw HTTP over a bare socket ({@link RawHttp}) and reads the answer. */
  private String rawExchange(String head, byte[] body) throws Exception {
    return RawHttp.exchange(server.server().port(), head, body);
  }
}
