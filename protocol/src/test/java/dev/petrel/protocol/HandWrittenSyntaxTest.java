package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The identifier and version syntaxes are checked by hand on the hot path; here they are held to
 * the regular expressions that define them, on fixed cases and on random strings built from the
 * characters that matter.
 */
class HandWrittenSyntaxTest {
  private static final Pattern VERSION =
      Pattern.compile(
          "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})"
              + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
              + "(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");
  private static final int SAMPLES = 200_000;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[A-Za-z0-9._:-]{1,128}|A-Za-z0-9._:-|A-Za-z0-9._:-|128",
        "[a-z][a-z0-9_-]{0,31}|a-z|a-z0-9_-|32",
        "[a-z0-9][a-z0-9-]{0,62}|a-z0-9|a-z0-9-|63",
      })
  void aNameSyntaxAcceptsWhatItsRegexAccepts(
      String regex, String first, String rest, int maxLength) {
    Pattern reference = Pattern.compile(regex);
    NameSyntax syntax = NameSyntax.of(first, rest, maxLength);
    Random random = new Random(regex.hashCode());
    int accepted = 0;
    for (int i = 0; i < SAMPLES; i++) {
      String text = randomText(random, "aZ09._:-_A/ é\u0100", 1 + maxLength + 2);
      boolean expected = reference.matcher(text).matches();
      assertThat(syntax.matches(text)).as("'%s' against %s", text, regex).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).as("the sample reaches both answers").isBetween(100, SAMPLES - 100);
    assertThat(syntax.matches(null)).isFalse();
    assertThat(syntax.matches("")).isFalse();
  }

  @Test
  void aFixedSyntaxWantsExactlyItsLength() {
    NameSyntax keyId = NameSyntax.fixed("0-9a-f", 16);

    assertThat(keyId.matches("0123456789abcdef")).isTrue();
    assertThat(keyId.matches("0123456789abcde")).isFalse();
    assertThat(keyId.matches("0123456789abcdef0")).isFalse();
    assertThat(keyId.matches("0123456789abcdeF")).isFalse();
  }

  @Test
  void aCharacterSetMustBeAscii() {
    assertThatThrownBy(() -> NameSyntax.of("a-é", "a", 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NameSyntax.of("z-a", "a", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void versionsParseAsTheirRegexSays() {
    Random random = new Random(7);
    int accepted = 0;
    for (int i = 0; i < SAMPLES; i++) {
      String text = randomVersionish(random);
      Matcher matcher = VERSION.matcher(text);
      boolean expected = matcher.matches() && noLeadingZeroInNumericPreRelease(matcher.group(4));
      Version parsed = parseOrNull(text);
      assertThat(parsed != null).as("'%s'", text).isEqualTo(expected);
      if (parsed != null) {
        assertThat(parsed.major()).isEqualTo(Integer.parseInt(matcher.group(1)));
        assertThat(parsed.minor()).isEqualTo(Integer.parseInt(matcher.group(2)));
        assertThat(parsed.patch()).isEqualTo(Integer.parseInt(matcher.group(3)));
        assertThat(parsed.preRelease()).isEqualTo(matcher.group(4));
        assertThat(parsed.build()).isEqualTo(matcher.group(5));
        assertThat(parsed.toString()).isEqualTo(text);
        accepted++;
      }
    }
    assertThat(accepted).as("the sample reaches both answers").isBetween(1000, SAMPLES - 1000);
  }

  private static Version parseOrNull(String text) {
    try {
      return Version.parse(text);
    } catch (InvalidValueException e) {
      return null;
    }
  }

  private static boolean noLeadingZeroInNumericPreRelease(String pre) {
    if (pre == null) {
      return true;
    }
    for (String part : pre.split("\\.")) {
      if (part.matches("0[0-9]+")) {
        return false;
      }
    }
    return true;
  }

  /** Mostly well-formed versions with one or two characters changed, added or dropped. */
  private static String randomVersionish(Random random) {
    StringBuilder text = new StringBuilder();
    text.append(number(random)).append('.').append(number(random)).append('.');
    text.append(number(random));
    if (random.nextBoolean()) {
      text.append('-').append(randomText(random, "a1-0.rcZ", 8));
    }
    if (random.nextBoolean()) {
      text.append('+').append(randomText(random, "7.0b-", 6));
    }
    for (int edits = random.nextInt(3); edits > 0 && text.length() > 0; edits--) {
      int at = random.nextInt(text.length());
      char c = "0.+-a9 ".charAt(random.nextInt(7));
      switch (random.nextInt(3)) {
        case 0 -> text.setCharAt(at, c);
        case 1 -> text.insert(at, c);
        default -> text.deleteCharAt(at);
      }
    }
    return text.toString();
  }

  private static String number(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "0";
      case 1 -> "0" + random.nextInt(10);
      case 2 -> "1234567890";
      case 3 -> "999999999";
      default -> Integer.toString(random.nextInt(100));
    };
  }

  private static String randomText(Random random, String alphabet, int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
