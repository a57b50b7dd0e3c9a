package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecallStatementTest {
  private static final String CANONICAL =
      "{\"app\":\"notes\",\"issued_at\":\"2025-10-28T09:30:00Z\",\"platform\":\"windows\","
          + "\"reason\":\"broken\",\"recalled_version\":\"2.0.0\",\"recalled_version_code\":20,"
          + "\"target_version\":\"1.9.0\",\"target_version_code\":19,\"type\":\"petrel.recall.v1\"}";

  private static RecallStatementBuilder builder() {
    return RecallStatement.builder()
        .app(new AppId("notes"))
        .platform(new Platform("windows"))
        .recalled(Version.parse("2.0.0"), 20)
        .target(Version.parse("1.9.0"), 19)
        .reason("broken")
        .issuedAt(Instant.parse("2025-10-28T09:30:00.750Z"));
  }

  private static RecallStatement parse(String json) {
    return RecallStatement.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesTheDocumentedBytesAndTruncatesIssuedAt() {
    RecallStatement statement = builder().build();

    assertThat(new String(statement.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(CANONICAL);
    assertThat(statement.issuedAt()).isEqualTo(Instant.parse("2025-10-28T09:30:00Z"));
    assertThat(parse(CANONICAL)).isEqualTo(statement);
  }

  @Test
  void writesNullsForNoTarget() {
    RecallStatement statement = builder().noTarget().build();

    assertThat(new String(statement.canonicalBytes(), StandardCharsets.UTF_8))
        .contains("\"target_version\":null,\"target_version_code\":null,");
    assertThat(statement.target()).isNull();
    assertThat(RecallStatement.parse(statement.canonicalBytes())).isEqualTo(statement);
  }

  @Test
  void refusesATargetThatIsNotBelowTheRecalledRelease() {
    assertThatThrownBy(() -> builder().target(Version.parse("2.0.1"), 20).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("target_version_code: expected a version code below the recalled 20, found 20");
    assertThatThrownBy(() -> parse(CANONICAL.replace(":19,", ":21,")))
        .hasMessage("target_version_code: expected a version code below the recalled 20, found 21");
  }

  @Test
  void refusesBuildMetadataAndOutOfRangeNumbers() {
    assertThatThrownBy(() -> builder().recalled(Version.parse("2.0.0+20"), 20).build())
        .hasMessage(
            "recalled_version: expected a version without build metadata (the version code"
                + " carries it), found '2.0.0+20'");
    assertThatThrownBy(() -> builder().target(Version.parse("1.9.0+1"), 19))
        .hasMessageStartingWith("target_version: expected a version without build metadata");
    assertThatThrownBy(() -> builder().recalled(Version.parse("2.0.0"), 0).build())
        .hasMessage("recalled_version_code: expected 1 to 9007199254740991, found 0");
    assertThatThrownBy(() -> builder().target(Version.parse("1.0.0"), 0))
        .hasMessage("target_version_code: expected 1 to 9007199254740991, found 0");
  }

  @Test
  void refusesBadReasons() {
    assertThatThrownBy(() -> builder().reason(" ").build())
        .hasMessage("reason: expected a text saying why, found ' '");
    assertThatThrownBy(() -> builder().reason("x".repeat(501)).build())
        .hasMessage("reason: expected at most 500 characters, found 501");
    assertThat(builder().reason("😀".repeat(500)).build().reason()).hasSize(1000);
    assertThatThrownBy(() -> builder().reason("line\nbreak").build())
        .hasMessage("reason: expected no control characters, found U+000A at index 4");
    assertThatThrownBy(() -> builder().reason("bad \uD800 half").build())
        .hasMessage("reason: expected valid Unicode, found a lone surrogate at index 4");
    assertThatThrownBy(() -> parse(CANONICAL.replace("broken", "bro\\tken")))
        .hasMessage("reason: expected no control characters, found U+0009 at index 3");
  }

  @Test
  void theLongestRecallFitsTheSizeBound() {
    String longest = "\"".repeat(RecallStatement.MAX_REASON_LENGTH);
    RecallStatement statement =
        new RecallStatement(
            new AppId("a".repeat(63)),
            new Platform("p".repeat(32)),
            Version.parse("1.0.0-" + "r".repeat(58)),
            RecallStatement.MAX_INTEGER,
            new RecallStatement.Target(
                Version.parse("1.0.0-" + "q".repeat(58)), RecallStatement.MAX_INTEGER - 1),
            "😀".repeat(RecallStatement.MAX_REASON_LENGTH),
            Instant.parse("2025-10-28T09:30:00Z"));

    assertThat(statement.canonicalBytes().length).isLessThan(2560);
    assertThat(builder().reason(longest).build().canonicalBytes().length).isLessThan(2560);
    assertThat(RecallStatement.parse(statement.canonicalBytes())).isEqualTo(statement);
  }

  @Test
  void builderNamesTheMissingComponent() {
    assertThatThrownBy(() -> builder().reason(null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("recall statement: reason is not set");
    assertThatThrownBy(() -> RecallStatement.builder().build())
        .hasMessage("recall statement: app is not set");
  }

  @Test
  void refusesOtherTypesExtraMissingAndMistypedFields() {
    assertThatThrownBy(() -> parse(CANONICAL.replace("petrel.recall.v1", "petrel.release.v1")))
        .hasMessage("recall.type: expected 'petrel.recall.v1', found 'petrel.release.v1'");
    assertThatThrownBy(() -> parse(CANONICAL.replace("}", ",\"zzz\":1}")))
        .hasMessage("recall: unknown key 'zzz'");
    assertThatThrownBy(() -> parse(CANONICAL.replace("\"reason\":\"broken\",", "")))
        .hasMessage("recall: missing key 'reason'");
    assertThatThrownBy(() -> parse(CANONICAL.replace(":20,", ":\"20\",")))
        .hasMessage("recall.recalled_version_code: expected an integer, found '20'");
    assertThatThrownBy(() -> parse(CANONICAL.replace("\"1.9.0\"", "null")))
        .hasMessage(
            "recall: target_version and target_version_code must both be null or both be set");
    assertThatThrownBy(() -> parse(CANONICAL.replace(":19,", ":null,")))
        .hasMessage(
            "recall: target_version and target_version_code must both be null or both be set");
  }

  @Test
  void refusesInvalidAndNonCanonicalValues() {
    assertThatThrownBy(() -> parse(CANONICAL.replace("\"windows\"", "\"Windows\"")))
        .hasMessageStartingWith("recall.platform: expected a lowercase platform name");
    assertThatThrownBy(() -> parse(CANONICAL.replace("09:30:00Z", "09:30:00.000Z")))
        .hasMessage(
            "recall.issued_at: expected a UTC time like 2025-10-27T12:00:00Z,"
                + " found '2025-10-28T09:30:00.000Z'");
    assertThatThrownBy(() -> parse(CANONICAL.replace(",", ", ")))
        .hasMessage("recall: at byte 15: expected '\"', found whitespace (none is allowed)");
    assertThatThrownBy(() -> parse(CANONICAL.replace("broken", "bro\\u006ben")))
        .hasMessageStartingWith("recall: at byte 84: escape '\\u006b' is not canonical");
    assertThatThrownBy(() -> parse(CANONICAL + "\n"))
        .hasMessageStartingWith("recall: at byte " + CANONICAL.length() + ": unexpected data");
    assertThatThrownBy(() -> RecallStatement.parse(new byte[RecallStatement.MAX_BYTES + 1]))
        .hasMessage("recall: expected at most 4096 bytes, found 4097 bytes");
  }
}
