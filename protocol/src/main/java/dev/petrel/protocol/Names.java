package dev.petrel.protocol;

import java.util.regex.Pattern;

/** Shared validation for the short names Petrel uses as identifiers (apps, platforms, channels). */
final class Names {
  private Names() {}

  static String require(String field, String text, Pattern syntax, String expected) {
    if (text == null || !syntax.matcher(text).matches()) {
      throw new InvalidValueException(
          field, field + ": expected " + expected + ", found " + InvalidValueException.quote(text));
    }
    return text;
  }
}
