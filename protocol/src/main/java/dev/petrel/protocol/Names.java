package dev.petrel.protocol;

/** Shared validation for the short names Petrel uses as identifiers (apps, platforms, channels). */
final class Names {
  private Names() {}

  static String require(String field, String text, NameSyntax syntax, String expected) {
    if (text == null || !syntax.matches(text)) {
      throw new InvalidValueException(
          field, field + ": expected " + expected + ", found " + InvalidValueException.quote(text));
    }
    return text;
  }
}
