package dev.petrel.protocol;

/**
 * The syntax of a short identifier: a first character from one ASCII set, then up to {@code
 * maxLength - 1} characters from another. It answers what {@code [first][rest]{0,max-1}} would as a
 * regular expression, without one: names are checked on every update check, and a table lookup per
 * character costs a fraction of a regex match. Immutable and thread-safe.
 */
final class NameSyntax {
  private final boolean[] first;
  private final boolean[] rest;
  private final int minLength;
  private final int maxLength;

  private NameSyntax(boolean[] first, boolean[] rest, int minLength, int maxLength) {
    this.first = first;
    this.rest = rest;
    this.minLength = minLength;
    this.maxLength = maxLength;
  }

  /**
   * A syntax from two character sets written as in a regex class without brackets, e.g. {@code
   * "a-z0-9_-"} (a {@code -} between two characters is a range, elsewhere it is itself).
   */
  static NameSyntax of(String firstChars, String restChars, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength: expected at least 1, found " + maxLength);
    }
    return new NameSyntax(table(firstChars), table(restChars), 1, maxLength);
  }

  /** Exactly {@code length} characters of {@code chars} ({@code [chars]{length}}). */
  static NameSyntax fixed(String chars, int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length: expected at least 1, found " + length);
    }
    return new NameSyntax(table(chars), table(chars), length, length);
  }

  /** Whether {@code text} is non-null, of an allowed length and of the two sets. */
  boolean matches(String text) {
    if (text == null
        || text.length() < minLength
        || text.length() > maxLength
        || !in(first, text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      if (!in(rest, text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean in(boolean[] table, char c) {
    return c < table.length && table[c];
  }

  private static boolean[] table(String chars) {
    boolean[] table = new boolean[128];
    for (int i = 0; i < chars.length(); i++) {
      char from = chars.charAt(i);
      char to = from;
      if (i + 2 < chars.length() && chars.charAt(i + 1) == '-') {
        to = chars.charAt(i + 2);
        i += 2;
      }
      if (to >= table.length || from > to) {
        throw new IllegalArgumentException("not an ASCII character set: " + chars);
      }
      for (char c = from; c <= to; c++) {
        table[c] = true;
      }
    }
    return table;
  }
}
