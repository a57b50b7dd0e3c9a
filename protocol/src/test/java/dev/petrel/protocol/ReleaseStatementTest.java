package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReleaseStatementTest {
  private static final String CANONICAL =
      "{\"app\":\"notes\",\"channel\":\"stable\",\"issued_at\":\"2025-10-27T12:00:00Z\","
          + "\"mandatory\":false,\"min_supported_version\":\"1.2.0\",\"platform\":\"android\","
          + "\"sha256\":\"01a3b38ee30583d16445e870ebf680c764fa4ea94714e7fc219cc40f33ff47c7\","
          + "\"size\":33,\"type\":\"petrel.release.v1\",\"version\":\"1.4.0\",\"version_code\":14}";

  private static ReleaseStatementBuilder builder() {
    return ReleaseStatement.builder()
        .app(new AppId("notes"))
        .platform(new Platform("android"))
        .channel(Channel.BETA)
        .version(Version.parse("2.0.0-rc.1"))
        .versionCode(20)
        .sha256(Sha256.of(new byte[0]))
        .size(0)
        .issuedAt(Instant.parse("2025-10-27T12:00:00.987654Z"));
  }

  private static ReleaseStatement parse(String json) {
    return ReleaseStatement.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesTheDocumentedBytes() {
    assertThat(
            new String(StatementVectorTest.statementOne().canonicalBytes(), StandardCharsets.UTF_8))
        .isEqualTo(CANONICAL);
  }

  @Test
  void writesNullForNoMinimumAndTruncatesIssuedAtToSeconds() {
    ReleaseStatement statement = builder().mandatory(true).build();

    assertThat(new String(statement.canonicalBytes(), StandardCharsets.UTF_8))
        .contains("\"issued_at\":\"2025-10-27T12:00:00Z\",\"mandatory\":true,")
        .contains("\"min_supported_version\":null,")
        .contains("\"version\":\"2.0.0-rc.1\"");
    assertThat(statement.issuedAt()).isEqualTo(Instant.parse("2025-10-27T12:00:00Z"));
    assertThat(ReleaseStatement.parse(statement.canonicalBytes())).isEqualTo(statement);
  }

  @Test
  void refusesBuildMetadataAndOutOfRangeNumbers() {
    assertThatThrownBy(() -> builder().version(Version.parse("1.0.0+7")).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "version: expected a version without build metadata (the version code carries it),"
                + " found '1.0.0+7'");
    assertThatThrownBy(() -> builder().versionCode(0).build())
        .hasMessage("version_code: expected 1 to 9007199254740991, found 0");
    assertThatThrownBy(() -> builder().size(-1).build())
        .hasMessage("size: expected 0 to 9007199254740991, found -1");
    assertThatThrownBy(() -> builder().issuedAt(Instant.parse("1969-12-31T23:59:59Z")).build())
        .hasMessageStartingWith("issued_at: expected a time from 1970-01-01T00:00:00Z");
  }

  @Test
  void builderNamesTheMissingComponent() {
    assertThatThrownBy(() -> builder().sha256(null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("release statement: sha256 is not set");
  }

  @Test
  void refusesExtraMissingAndMistypedFields() {
    assertThatThrownBy(() -> parse(CANONICAL.replace("}", ",\"zzz\":1}")))
        .hasMessage("statement: unknown key 'zzz'");
    assertThatThrownBy(() -> parse(CANONICAL.replace("\"mandatory\":false,", "")))
        .hasMessage("statement: missing key 'mandatory'");
    assertThatThrownBy(() -> parse(CANONICAL.replace("\"size\":33", "\"size\":\"33\"")))
        .hasMessage("statement.size: expected an integer, found '33'");
    assertThatThrownBy(() -> parse(CANONICAL.replace("false", "null")))
        .hasMessage("statement.mandatory: expected true or false, found null");
    assertThatThrownBy(() -> parse(CANONICAL.replace("petrel.release.v1", "petrel.recall.v1")))
        .hasMessage("statement.type: expected 'petrel.release.v1', found 'petrel.recall.v1'");
  }

  @Test
  void refusesInvalidValues() {
    assertThatThrownBy(() -> parse(CANONICAL.replace("\"notes\"", "\"Notes\"")))
        .hasMessageStartingWith("statement.app: expected an app id");
    assertThatThrownBy(() -> parse(CANONICAL.replace("\"1.4.0\"", "\"1.4\"")))
        .hasMessageStartingWith("statement.version: expected a version like 1.2.3");
    assertThatThrownBy(() -> parse(CANONICAL.replace("12:00:00Z", "12:00:00.000Z")))
        .hasMessage(
            "statement.issued_at: expected a UTC time like 2025-10-27T12:00:00Z,"
                + " found '2025-10-27T12:00:00.000Z'");
    assertThatThrownBy(() -> parse(CANONICAL.replace("2025-10-27", "2025-02-30")))
        .hasMessageStartingWith("statement.issued_at: expected a UTC time");
  }

  @Test
  void refusesValuesThatAreValidButNotCanonical() {
    assertThatThrownBy(() -> parse(CANONICAL.replace("01a3b38ee", "01A3B38EE")))
        .hasMessage(
            "statement: not in canonical form from byte 152: expected 'a3b38ee30583d16445e870eb…'");
  }

  @Test
  void refusesNonCanonicalSyntax() {
    assertThatThrownBy(() -> parse(CANONICAL.replace(",", ", ")))
        .hasMessage("statement: at byte 15: expected '\"', found whitespace (none is allowed)");
    assertThatThrownBy(() -> parse(CANONICAL + "\n"))
        .hasMessage("statement: at byte 289: unexpected data after the closing '}'");
    assertThatThrownBy(
            () ->
                parse(
                    CANONICAL.replace(
                        "{\"app\":\"notes\",\"channel\":\"stable\",",
                        "{\"channel\":\"stable\",\"app\":\"notes\",")))
        .hasMessage("statement: at byte 20: key 'app' must come before 'channel'");
    assertThatThrownBy(
            () ->
                parse(
                    CANONICAL.replace(
                        "{\"app\":\"notes\",", "{\"app\":\"notes\",\"app\":\"notes\",")))
        .hasMessage("statement: at byte 15: duplicate key 'app'");
    assertThatThrownBy(
            () -> parse(CANONICAL.replace("\"version_code\":14", "\"version_code\":014")))
        .hasMessageStartingWith("statement: at byte 286: expected an integer");
    assertThatThrownBy(() -> ReleaseStatement.parse(new byte[ReleaseStatement.MAX_BYTES + 1]))
        .hasMessage("statement: expected at most 4096 bytes, found 4097 bytes");
  }
}
