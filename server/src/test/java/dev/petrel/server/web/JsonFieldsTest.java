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

  @Test
  void readsAnArrayOfStrings() {
    assertThat(parse("{\"k\":[\"a\",\"b\"],\"n\":1}").requiredTextList("k", 5))
        .containsExactly("a", "b");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|request.missing_field|k: required, found nothing",
        "{\"k\":\"a\"}|request.invalid_field|k: expected an array of strings, found a string",
        "{\"k\":[]}|request.invalid_field|k: expected 1 to 2 strings, found 0",
        "{\"k\":[\"a\",\"b\",\"c\"]}|request.invalid_field|k: expected 1 to 2 strings, found 3",
        "{\"k\":[\"a\",7]}|request.invalid_field|k[1]: expected a string, found a number",
        "{\"k\":[{\"a\":1}]}|request.invalid_field|k[0]: expected a string, found an object",
        "{\"k\":[[\"a\"]]}|request.invalid_field|k[0]: expected a string, found an array",
        "{\"k\":[null]}|request.invalid_field|k[0]: expected a string, found null",
      })
  void refusesAnArrayOfStringsPrecisely(String json, String code, String message) {
    ApiException refusal = refusal(() -> parse(json).requiredTextList("k", 2));

    assertThat(refusal.code()).isEqualTo(code);
    assertThat(refusal.getMessage()).isEqualTo(message);
  }

  @Test
  void requiresABoolean() {
    assertThat(parse("{\"b\":true}").requiredBoolean("b")).isTrue();
    assertThat(refusal(() -> parse("{}").requiredBoolean("b")).code())
        .isEqualTo("request.missing_field");
    assertThat(refusal(() -> parse("{\"b\":\"true\"}").requiredBoolean("b")).getMessage())
        .isEqualTo("b: expected true or false, found a string");
  }
}
