package dev.petrel.server.telemetry;

import static dev.petrel.server.telemetry.Events.PATH;
import static dev.petrel.server.telemetry.Events.batch;
import static dev.petrel.server.telemetry.Events.event;
import static dev.petrel.server.telemetry.Events.eventWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.RawHttp;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad batch is refused whole, with a message naming the event and field; nothing is stored. */
class EventRejectionTest extends ServerTest {
  static Stream<Arguments> badBatches() {
    return Stream.of(
        bad("{\"events\":[", "request.malformed_json", "not valid JSON"),
        bad("", "request.malformed_json", "empty body"),
        bad("[]", "request.not_an_object", "expected a JSON object"),
        bad("{}", "request.missing_field", "events: required"),
        bad(
            "{\"colour\":1," + batch(event("evt-00001")).substring(1),
            "request.unknown_field",
            "colour"),
        bad("{\"events\":{}}", "request.invalid_field", "events: expected an array"),
        bad("{\"events\":[]}", "request.invalid_field", "events: expected 1 to 100"),
        bad(Events.batchOf("many", 101), "request.invalid_field", "at most 100 events"),
        bad("{\"events\":[1]}", "request.invalid_field", "events[0]: expected an event object"),
        bad(batch(event("evt-00001"), "\"x\""), "request.invalid_field", "events[1]: expected"),
        bad(
            batch(event("evt-00001").replace("}", ",\"colour\":\"red\"}")),
            "request.unknown_field",
            "events[0].colour: unknown field"),
        bad(
            batch(event("evt-00001").replace("}", ",\"type\":\"reverted\"}")),
            "request.invalid_field",
            "events[0].type: given more than once"),
        bad(
            batch(event("evt-00001").replace("}", ",\"reason\":{\"a\":1}}")),
            "request.invalid_field",
            "events[0].reason: expected a string or a number, found an object"),
        bad(batch(eventWith("event_id", null)), "request.missing_field", "events[0].event_id"),
        bad(batch(eventWith("event_id", "\"short\"")), "request.invalid_field", "event_id"),
        bad(batch(eventWith("event_id", "\"event id !!\"")), "request.invalid_field", "event_id"),
        bad(batch(eventWith("event_id", "12345678")), "request.invalid_field", "expected a string"),
        bad(batch(eventWith("type", "\"exploded\"")), "request.invalid_field", "events[0].type"),
        bad(batch(eventWith("type", null)), "request.missing_field", "events[0].type"),
        bad(batch(eventWith("platform", "\"Android\"")), "request.invalid_field", "platform"),
        bad(batch(eventWith("channel", "\"Night Ly\"")), "request.invalid_field", "channel"),
        bad(batch(eventWith("version", "\"one\"")), "request.invalid_field", "events[0].version"),
        bad(batch(eventWith("version_code", "0")), "request.invalid_field", "version_code"),
        bad(batch(eventWith("version_code", "\"2\"")), "request.invalid_field", "version_code"),
        bad(batch(eventWith("version_code", "2.5")), "request.invalid_field", "version_code"),
        bad(
            batch(eventWith("version_code", "99999999999999999999")),
            "request.invalid_field",
            "64 bits"),
        bad(batch(eventWith("version_code", null)), "request.missing_field", "version_code"),
        bad(batch(eventWith("version", "\"1.1.0+3\"")), "request.invalid_field", "build number"),
        bad(batch(eventWith("from_version", "\"1.x\"")), "request.invalid_field", "from_version"),
        bad(
            batch(eventWith("from_version_code", "-1")),
            "request.invalid_field",
            "from_version_code"),
        bad(batch(eventWith("device_id", "\"dev ice\"")), "request.invalid_field", "device_id"),
        bad(
            batch(eventWith("device_id", "\"" + "d".repeat(129) + "\"")),
            "request.invalid_field",
            "device_id"),
        bad(
            batch(event("evt-00001").replace("}", ",\"reason\":\"" + "r".repeat(501) + "\"}")),
            "request.invalid_field",
            "events[0].reason: expected at most 500 characters"),
        bad(
            batch(event("evt-00001").replace("}", ",\"reason\":\"bad\\u0000byte\"}")),
            "request.invalid_field",
            "control characters"),
        bad(
            batch(event("evt-00001").replace("}", ",\"reason\":\"lone \\ud800\"}")),
            "request.invalid_field",
            "lone surrogates"),
        bad(
            batch(eventWith("occurred_at", "\"yesterday\"")),
            "request.invalid_field",
            "occurred_at"),
        bad(
            batch(eventWith("occurred_at", "\"2026-11-23 18:00:00\"")),
            "request.invalid_field",
            "occurred_at"),
        bad(batch(eventWith("occurred_at", null)), "request.missing_field", "occurred_at"),
        bad(
            batch(event("evt-00001"), event("evt-00002"), eventWith("type", "\"boom\"")),
            "request.invalid_field",
            "events[2].type"));
  }

  private static Arguments bad(String body, String code, String message) {
    return Arguments.of(body, code, message);
  }

  @ParameterizedTest
  @MethodSource("badBatches")
  void refusesTheWholeBatch(String body, String code, String message) {
    TestResponse answer = server.post(PATH, body);
    server.stop();

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.json().get("ok").asBoolean()).isFalse();
    assertThat(answer.json().get("code").asText()).as(answer.toString()).isEqualTo(code);
    assertThat(answer.json().get("message").asText()).contains(message);
    assertThat(server.count("client_events")).isZero();
  }

  @Test
  void acceptsABatchOfExactlyTheLimit() {
    TestResponse answer = server.post(PATH, Events.batchOf("edge", EventBatchReader.MAX_EVENTS));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    assertThat(answer.json().get("accepted").asInt()).isEqualTo(100);
  }

  @Test
  void refusesADeclaredLengthOverTheLimitBeforeReadingIt() throws Exception {
    String answer =
        rawExchange(
            "POST "
                + PATH
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + (EventRoutes.MAX_BODY_BYTES + 1)
                + "\r\nConnection: close\r\n\r\n",
            new byte[0]);
    server.stop();

    assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"request.too_large\"");
    assertThat(server.count("client_events")).isZero();
  }

  @Test
  void refusesAChunkedBodyThatRunsPastTheLimit() throws Exception {
    String padding = " ".repeat(EventRoutes.MAX_BODY_BYTES);
    byte[] json = (batch(event("evt-chunked-1")) + padding).getBytes(StandardCharsets.US_ASCII);
    byte[] chunked =
        (Integer.toHexString(json.length)
                + "\r\n"
                + new String(json, StandardCharsets.US_ASCII)
                + "\r\n0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    String answer =
        rawExchange(
            "POST "
                + PATH
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
            chunked);
    server.stop();

    assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"request.too_large\"");
    assertThat(server.count("client_events")).isZero();
  }

  private String rawExchange(String head, byte[] body) throws Exception {
    return RawHttp.exchange(server.server().port(), head, body);
  }
}
