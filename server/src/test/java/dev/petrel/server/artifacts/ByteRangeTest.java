package dev.petrel.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.artifacts.ByteRange.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Range decision on its own, for the corners the HTTP tests do not reach. */
class ByteRangeTest {
  static final String ETAG = "\"abc\"";

  static ByteRange select(String range, long size) {
    return ByteRange.select(range, null, ETAG, size);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bytes=0-0            | 0   | 1",
        "bytes=0-             | 0   | 100",
        "Bytes = 5-9          | 5   | 5",
        "bytes=99-99          | 99  | 1",
        "bytes=-1             | 99  | 1",
        "bytes=0-99999999999999999999999 | 0 | 100",
        "'bytes=10-19,'       | 10  | 10",
        "'bytes= , 10-19'     | 10  | 10",
        "bytes=000010-000019  | 10  | 10"
      })
  void satisfiableSingleRanges(String range, long start, long length) {
    assertThat(select(range, 100)).isEqualTo(new ByteRange(Kind.PARTIAL, start, length));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bytes=100-",
        "bytes=99999999999999999999999-",
        "bytes=-0",
        "bytes=10-9",
        "bytes=-",
        "bytes=",
        "bytes=,",
        "bytes=1-2-3",
        "bytes=a-b",
        "bytes=0x10-",
        "bytes=-1-2",
        "bytes 0-1"
      })
  void unsatisfiableOrMalformedRanges(String range) {
    assertThat(select(range, 100).kind()).isEqualTo(Kind.UNSATISFIABLE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "items=0-1", "bytes=0-1,5-6", "bytes=0-1,junk"})
  void wholeArtifact(String range) {
    assertThat(select(range, 100)).isEqualTo(new ByteRange(Kind.FULL, 0, 100));
  }

  @Test
  void noRangeMeansTheWholeArtifact() {
    assertThat(select(null, 100)).isEqualTo(new ByteRange(Kind.FULL, 0, 100));
  }

  @Test
  void anEmptyArtifactHasNoSatisfiableRange() {
    assertThat(select("bytes=0-", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
    assertThat(select("bytes=-1", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
  }

  @Test
  void ifRangeMustBeTheStrongETagExactly() {
    assertThat(ByteRange.select("bytes=1-2", " \"abc\" ", ETAG, 100).kind())
        .isEqualTo(Kind.PARTIAL);
    assertThat(ByteRange.select("bytes=1-2", "W/\"abc\"", ETAG, 100).kind()).isEqualTo(Kind.FULL);
    assertThat(ByteRange.select("bytes=1-2", "\"ABC\"", ETAG, 100).kind()).isEqualTo(Kind.FULL);
  }

  @Test
  void ifRangeWithoutRangeChangesNothing() {
    assertThat(ByteRange.select(null, "\"other\"", ETAG, 100).kind()).isEqualTo(Kind.FULL);
  }

  @Test
  void theEndIsTheLastByteSent() {
    assertThat(select("bytes=10-19", 100).end()).isEqualTo(19);
  }
}
