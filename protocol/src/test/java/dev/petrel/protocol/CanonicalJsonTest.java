package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static String written(String value) {
    return new String(
        new CanonicalJson.Writer().string("k", value).toBytes(), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> read(String json) {
    return CanonicalJson.readObject("doc", json.getBytes(StandardCharsets.UTF_8), 4096);
  }

  @Test
  void escapesQuotesBackslashesAndControlCharactersOnly() {
    assertThat(written("a\"b\\c")).isEqualTo("{\"k\":\"a\\\"b\\\\c\"}");
    assertThat(written("\b\f\n\r\t")).isEqualTo("{\"k\":\"\\b\\f\\n\\r\\t\"}");
    assertThat(written("\u0000\u0001\u001f")).isEqualTo("{\"k\":\"\\u0000\\u0001\\u001f\"}");
    assertThat(written("/\u007f")).isEqualTo("{\"k\":\"/\u007f\"}");
  }

  @Test
  void writesNonAsciiAsUtf8() {
    byte[] bytes = new CanonicalJson.Writer().string("k", "é€😀").toBytes();

    assertThat(bytes)
        .isEqualTo("{\"k\":\"é€😀\"}".getBytes(StandardCharsets.UTF_8))
        .hasSize(8 + 2 + 3 + 4);
    assertThat(read("{\"k\":\"é€😀\"}")).containsEntry("k", "é€😀");
  }

  @Test
  void refusesLoneSurrogates() {
    assertThatThrownBy(() -> written("a\ud800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lone surrogate at index 1 cannot be encoded");
  }

  @Test
  void readsBackEveryEscapeItWrites() {
    String all = "\"\\\b\f\n\r\t\u0000\u001f x";

    assertThat(read(written(all))).containsEntry("k", all);
  }

  @Test
  void refusesEscapesItWouldNotWrite() {
    assertThatThrownBy(() -> read("{\"k\":\"\\/\"}"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("doc: at byte 6: escape '\\/' is not canonical");
    assertThatThrownBy(() -> read("{\"k\":\"\\u0041\"}"))
        .hasMessageStartingWith("doc: at byte 6: escape '\\u0041' is not canonical");
    assertThatThrownBy(() -> read("{\"k\":\"\\u000a\"}"))
        .hasMessageStartingWith("doc: at byte 6: escape '\\u000a' is not canonical");
    assertThatThrownBy(() -> read("{\"k\":\"\\u001F\"}"))
        .hasMessageStartingWith("doc: at byte 6: escape '\\u001F' is not canonical");
  }

  @Test
  void refusesRawControlCharactersAndInvalidUtf8() {
    assertThatThrownBy(() -> read("{\"k\":\"a\nb\"}"))
        .hasMessage("doc: at byte 7: control character 0xa must be escaped");
    byte[] overlong = {'{', '"', 'k', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}'};
    assertThatThrownBy(() -> CanonicalJson.readObject("doc", overlong, 4096))
        .hasMessage("doc: at byte 5: string is not valid UTF-8");
  }

  @Test
  void readsIntegersBooleansAndNull() {
    assertThat(read("{\"a\":0,\"b\":9007199254740991,\"c\":true,\"d\":false,\"e\":null}"))
        .containsEntry("a", 0L)
        .containsEntry("b", CanonicalJson.MAX_INTEGER)
        .containsEntry("c", true)
        .containsEntry("d", false)
        .containsEntry("e", CanonicalJson.NULL);
  }

  @Test
  void refusesNonCanonicalNumbers() {
    for (String number : new String[] {"01", "-1", "+1", "1.0", "1e3", "1E3", "-0"}) {
      assertThatThrownBy(() -> read("{\"a\":" + number + "}"))
          .as(number)
          .hasMessageStartingWith("doc: at byte 5: expected an integer 0..9007199254740991")
          .hasMessageEndingWith("found '" + number + "'");
    }
    assertThatThrownBy(() -> read("{\"a\":9007199254740992}"))
        .hasMessage("doc: at byte 5: integer 9007199254740992 is above 9007199254740991");
  }

  @Test
  void refusesWhitespaceOrderDuplicatesAndTrailingData() {
    assertThatThrownBy(() -> read("{\"a\": 1}"))
        .hasMessage(
            "doc: at byte 5: expected a string, integer, true, false or null,"
                + " found whitespace (none is allowed)");
    assertThatThrownBy(() -> read(" {\"a\":1}"))
        .hasMessage("doc: at byte 0: expected '{', found whitespace (none is allowed)");
    assertThatThrownBy(() -> read("{\"b\":1,\"a\":2}"))
        .hasMessage("doc: at byte 7: key 'a' must come before 'b'");
    assertThatThrownBy(() -> read("{\"a\":1,\"a\":2}"))
        .hasMessage("doc: at byte 7: duplicate key 'a'");
    assertThatThrownBy(() -> read("{\"a\":1}\n"))
        .hasMessage("doc: at byte 7: unexpected data after the closing '}'");
    assertThatThrownBy(() -> read("{\"a\":1"))
        .hasMessage("doc: at byte 6: expected ',' or '}', found end of input");
    assertThatThrownBy(() -> read("{\"a\":[1]}"))
        .hasMessage("doc: at byte 5: expected a string, integer, true, false or null, found '['");
  }

  @Test
  void refusesOversizeInputBeforeReadingIt() {
    assertThatThrownBy(() -> CanonicalJson.readObject("doc", new byte[4097], 4096))
        .hasMessage("doc: expected at most 4096 bytes, found 4097 bytes");
  }

  @Test
  void writerInsistsOnAscendingKeys() {
    assertThatThrownBy(() -> new CanonicalJson.Writer().integer("b", 1).integer("a", 2))
        .isInstanceOf(IllegalStateException.class);
  }
}
