package dev.petrel.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFieldsTest {
  static JsonFields parse(String json) {
    return JsonFields.parse(Json.newMapper(), json.getBytes(StandardCharsets.UTF_8));
  }

  static ApiException refusal(Runnable action) {
    try {
      action.run();
    } catch (ApiException e) {
      return e;
    }
    throw new AssertionError("expected an ApiException");
  }

  @Test
  void readsScalarsAndSkipsNestedValues() {
    JsonFields fields =
        parse(
            "{\"a\":\"x\",\"deep\":{\"b\":[1,{\"c\":2}]},\"n\":7,\"t\":true,\"list\":[1,2],\"z\":null}");

    assertThat(fields.optionalText("a")).isEqualTo("x");
    assertThat(fields.optionalPositiveLong("n")).isEqualTo(7);
    assertThat(fields.optionalBoolean("t", false)).isTrue();
    assertThat(fields.optionalText("z")).isNull();
    assertThat(fields.optionalText("absent")).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"f\":1}|f: expected a string, found a number",
        "{\"f\":{\"x\":1}}|f: expected a string, found an object",
        "{\"f\":[\"x\"]}|f: expected a string, found an array",
        "{\"f\":false}|f: expected a string, found a boolean",
      })
  void namesTheTypeItFoundForAString(String json, String message) {
    assertThat(refusal(() -> parse(json).optionalText("f")).getMessage()).isEqualTo(message);
  }

  @Test
  void refusesNumbersThatAreNotLongIntegers() {
    assertThat(refusal(() -> parse("{\"n\":2.5}").optionalPositiveLong("n")).getMessage())
        .isEqualTo("n: expected an integer, found a number");
    assertThat(
            refusal(() -> parse("{\"n\":99999999999999999999999}").optionalPositiveLong("n"))
                .getMessage())
        .isEqualTo("n: expected an integer, found a number");
    assertThat(refusal(() -> parse("{\"n\":\"2\"}").optionalPositiveLong("n")).getMessage())
        .isEqualTo("n: expected an integer, found a string");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1} {}|request.malformed_json",
        "{\"a\":1,}|request.malformed_json",
        "{\"a\":|request.malformed_json",
        "[1]|request.not_an_object",
        "\"text\"|request.not_an_object",
        "null|request.not_an_object",
      })
  void refusesBodiesThatAreNotOneObject(String json, String code) {
    assertThat(refusal(() -> parse(json)).code()).isEqualTo(code);
  }

  @Test
  void theLastOfDuplicateFieldsWins() {
    assertThat(parse("{\"a\":\"first\",\"a\":\"second\"}").optionalText("a")).isEqualTo("second");
  }

  @Test
  void anEmptyBodyIsMalformed() {
    assertThatThrownBy(() -> JsonFields.parse(Json.newMapper(), new byte[0]))
        .isInstanceOf(ApiException.class)
        .hasMessage("expected a JSON object, found an empty body");
  }
}
