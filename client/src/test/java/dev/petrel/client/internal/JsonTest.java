package dev.petrel.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.client.internal.Json.MalformedJson;
import dev.petrel.protocol.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed members of a parsed object: the value when it has the type, a precise failure if not. */
class JsonTest {
  final Map<String, Object> object =
      parse("{\"name\":\"beta\",\"code\":42,\"mandatory\":true,\"notes\":null}");

  @Test
  void writesStringsThatParseBack() {
    String text = "quote \" slash \\ tab \t bell \u0007 pair \uD83D\uDE00 end";

    String json = Json.string(text);

    assertThat(json).contains("\\u0007", "\uD83D\uDE00");
    assertThat(StrictJson.read("test", json.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    assertThat(Json.string(null)).isEqualTo("null");
  }

  @Test
  void escapesLoneSurrogatesWhichUtf8CannotCarry() {
    assertThat(Json.string("a\uD800b\uDC00")).isEqualTo("\"a\\ud800b\\udc00\"");
  }

  @Test
  void readsMembersOfTheExpectedType() throws MalformedJson {
    assertThat(Json.text(object, "offer", "name")).isEqualTo("beta");
    assertThat(Json.number(object, "offer", "code")).isEqualTo(42L);
    assertThat(Json.flag(object, "offer", "mandatory", false)).isTrue();
  }

  @Test
  void readsAbsentOrNullOptionalMembersAsNullOrTheFallback() throws MalformedJson {
    assertThat(Json.optionalText(object, "offer", "notes")).isNull();
    assertThat(Json.optionalText(object, "offer", "missing")).isNull();
    assertThat(Json.optionalNumber(object, "offer", "notes")).isNull();
    assertThat(Json.optionalNumber(object, "offer", "code")).isEqualTo(42L);
    assertThat(Json.flag(object, "offer", "notes", true)).isTrue();
    assertThat(Json.flag(object, "offer", "missing", false)).isFalse();
  }

  @Test
  void namesTheMemberTheExpectedTypeAndWhatWasFound() {
    assertThatThrownBy(() -> Json.text(object, "offer", "code"))
        .isInstanceOf(MalformedJson.class)
        .hasMessage("offer.code: expected a string, found 42");
    assertThatThrownBy(() -> Json.number(object, "offer", "mandatory"))
        .hasMessage("offer.mandatory: expected an integer, found true");
    assertThatThrownBy(() -> Json.optionalNumber(object, "offer", "name"))
        .hasMessage("offer.name: expected an integer, found beta");
    assertThatThrownBy(() -> Json.flag(object, "offer", "name", false))
        .hasMessage("offer.name: expected true or false, found beta");
    assertThatThrownBy(() -> Json.text(object, "offer", "missing"))
        .hasMessage("offer.missing: expected a string, found nothing");
    assertThatThrownBy(() -> Json.number(object, "offer", "notes"))
        .hasMessage("offer.notes: expected an integer, found null");
  }

  private static Map<String, Object> parse(String json) {
    try {
      return Json.object("test", StrictJson.read("test", json.getBytes(StandardCharsets.UTF_8)));
    } catch (MalformedJson e) {
      throw new AssertionError(e);
    }
  }
}
