package dev.petrel.protocol;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A release version {@code MAJOR.MINOR.PATCH[-pre][+build]}, ordered by Semantic Versioning 2.0
 * precedence (build metadata does not take part in ordering or equality of {@link #core()}).
 *
 * <p>Flutter and Android apps send {@code "1.0.0+7"}, where the build part is the version code:
 * {@link #buildNumber()} returns it when the build part is a plain non-negative integer. Instances
 * are immutable and thread-safe.
 */
public final class Version implements Comparable<Version> {
  /** Longest accepted version string; longer input is rejected rather than stored. */
  public static final int MAX_LENGTH = 64;

  private final int major;
  private final int minor;
  private final int patch;
  private final String preRelease;
  private final String build;
  private final String text;

  private Version(int major, int minor, int patch, String preRelease, String build) {
    this.major = major;
    this.minor = minor;
    this.patch = patch;
    this.preRelease = preRelease;
    this.build = build;
    this.text = format(major, minor, patch, preRelease, build);
  }

  /**
   * Parses a version string.
   *
   * @param field the input's name, used in the error message
   * @param text the version, e.g. {@code 1.2.3}, {@code 2.0.0-beta.1}, {@code 1.0.0+7}
   * @throws InvalidValueException if {@code text} is null, longer than {@value #MAX_LENGTH}
   *     characters or not of the form {@code MAJOR.MINOR.PATCH[-pre][+build]}
   */
  public static Version parse(String field, String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidValueException(
          field, field + ": expected a version like 1.2.3 or 1.2.3+4, found nothing");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidValueException(
          field,
          field + ": expected at most " + MAX_LENGTH + " characters, found " + text.length());
    }
    Version version = Reader.read(text);
    if (version == null) {
      throw new InvalidValueException(
          field,
          field
              + ": expected a version like 1.2.3, 1.2.3-beta.1 or 1.2.3+4, found "
              + InvalidValueException.quote(text));
    }
    if (version.preRelease != null) {
      for (String part : version.preRelease.split("\\.")) {
        if (isNumeric(part) && part.length() > 1 && part.charAt(0) == '0') {
          throw new InvalidValueException(
              field,
              field
                  + ": numeric pre-release parts may not have leading zeros, found '"
                  + text
                  + "'");
        }
      }
    }
    return version;
  }

  /** Parses {@code text}, naming the input {@code version} in errors. */
  public static Version parse(String text) {
    return parse("version", text);
  }

  public int major() {
    return major;
  }

  public int minor() {
    return minor;
  }

  public int patch() {
    return patch;
  }

  /** The pre-release part without the leading {@code -}, or null. */
  public String preRelease() {
    return preRelease;
  }

  /** The build metadata without the leading {@code +}, or null. */
  public String build() {
    return build;
  }

  /** The build metadata as a version code when it is a positive integer, as Flutter sends it. */
  public OptionalLong buildNumber() {
    if (build == null || !isNumeric(build) || build.length() > 18) {
      return OptionalLong.empty();
    }
    long value = Long.parseLong(build);
    return value > 0 ? OptionalLong.of(value) : OptionalLong.empty();
  }

  /** This version without build metadata: what Petrel stores as a release's version. */
  public Version core() {
    return build == null ? this : new Version(major, minor, patch, preRelease, null);
  }

  /** Whether this is a pre-release ({@code 1.0.0-rc.1}). */
  public boolean isPreRelease() {
    return preRelease != null;
  }

  /** Returns the next patch, minor or major version (pre-release and build dropped). */
  public Version bump(Bump bump) {
    return switch (Objects.requireNonNull(bump, "bump")) {
      case PATCH -> new Version(major, minor, patch + 1, null, null);
      case MINOR -> new Version(major, minor + 1, 0, null, null);
      case MAJOR -> new Version(major + 1, 0, 0, null, null);
    };
  }

  /** Which part of a version {@link #bump(Bump)} increments. */
  public enum Bump {
    PATCH,
    MINOR,
    MAJOR
  }

  /** Semantic Versioning precedence; build metadata is ignored. */
  @Override
  public int compareTo(Version other) {
    int result = Integer.compare(major, other.major);
    if (result == 0) {
      result = Integer.compare(minor, other.minor);
    }
    if (result == 0) {
      result = Integer.compare(patch, other.patch);
    }
    if (result == 0) {
      result = comparePreRelease(preRelease, other.preRelease);
    }
    return result;
  }

  private static int comparePreRelease(String left, String right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : 1) : -1;
    }
    String[] a = left.split("\\.");
    String[] b = right.split("\\.");
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int result = compareIdentifier(a[i], b[i]);
      if (result != 0) {
        return result;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  private static int compareIdentifier(String a, String b) {
    boolean numericA = isNumeric(a);
    boolean numericB = isNumeric(b);
    if (numericA && numericB) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (numericA != numericB) {
      return numericA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isNumeric(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return !text.isEmpty();
  }

  /** Equal when every part, build metadata included, is equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Version v
        && major == v.major
        && minor == v.minor
        && patch == v.patch
        && Objects.equals(preRelease, v.preRelease)
        && Objects.equals(build, v.build);
  }

  @Override
  public int hashCode() {
    return Objects.hash(major, minor, patch, preRelease, build);
  }

  /** The canonical text, e.g. {@code 1.2.3-rc.1+7}; {@code parse(v.toString()).equals(v)}. */
  @Override
  public String toString() {
    return text;
  }

  private static String format(int major, int minor, int patch, String preRelease, String build) {
    StringBuilder text = new StringBuilder().append(major).append('.').append(minor);
    text.append('.').append(patch);
    if (preRelease != null) {
      text.append('-').append(preRelease);
    }
    if (build != null) {
      text.append('+').append(build);
    }
    return text.toString();
  }

  /**
   * Reads {@code MAJOR.MINOR.PATCH[-pre][+build]} by hand, where each number is {@code 0} or up to
   * nine digits without a leading zero and pre and build are dot-separated non-empty runs of {@code
   * [0-9A-Za-z-]}. Not a regex: versions are read on every update check.
   */
  private static final class Reader {
    private final String text;
    private int at;

    private Reader(String text) {
      this.text = text;
    }

    /** The version {@code text} spells, or null when it is not one. */
    static Version read(String text) {
      Reader reader = new Reader(text);
      int major = reader.number();
      int minor = reader.skip('.') ? reader.number() : -1;
      int patch = minor >= 0 && reader.skip('.') ? reader.number() : -1;
      if (major < 0 || minor < 0 || patch < 0) {
        return null;
      }
      String pre = reader.skip('-') ? reader.identifiers() : "";
      String build = pre != null && reader.skip('+') ? reader.identifiers() : "";
      if (pre == null || build == null || reader.at != text.length()) {
        return null;
      }
      return new Version(
          major, minor, patch, pre.isEmpty() ? null : pre, build.isEmpty() ? null : build);
    }

    private boolean skip(char expected) {
      if (at < text.length() && text.charAt(at) == expected) {
        at++;
        return true;
      }
      return false;
    }

    /** A number of 1–9 digits without a leading zero, or -1. */
    private int number() {
      int start = at;
      while (at < text.length() && isDigit(text.charAt(at))) {
        at++;
      }
      int digits = at - start;
      if (digits == 0 || digits > 9 || (digits > 1 && text.charAt(start) == '0')) {
        return -1;
      }
      return Integer.parseInt(text.substring(start, at));
    }

    /** Dot-separated non-empty identifiers, or null when there is none or one is empty. */
    private String identifiers() {
      int start = at;
      boolean empty = true;
      while (at < text.length()) {
        char c = text.charAt(at);
        if (c == '.') {
          if (empty) {
            return null;
          }
          empty = true;
        } else if (isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-') {
          empty = false;
        } else {
          break;
        }
        at++;
      }
      return empty ? null : text.substring(start, at);
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
