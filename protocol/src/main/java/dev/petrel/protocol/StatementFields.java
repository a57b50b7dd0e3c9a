package dev.petrel.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the members of one signed document ({@link ReleaseStatement}, {@link
 * RecallStatement}). Errors name the member as {@code what.key}, e.g. {@code statement.size}.
 */
final class StatementFields {
  /** Latest {@code issued_at} any signed document may carry. */
  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private static final Pattern TIMESTAMP =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");

  private final String what;
  private final Map<String, Object> members;

  private StatementFields(String what, Map<String, Object> members) {
    this.what = what;
    this.members = members;
  }

  /**
   * Reads canonical JSON and checks its key set: the {@code type} first (so a document of another
   * kind is named as such), then unknown keys, then missing ones.
   *
   * @param what the document's name in error messages
   * @param type the required value of the {@code type} key
   * @param keys every key the document has, {@code type} included
   */
  static StatementFields read(
      String what, byte[] bytes, int maxBytes, String type, Set<String> keys) {
    Map<String, Object> members = CanonicalJson.readObject(what, bytes, maxBytes);
    Object found = members.get("type");
    if (found != null && !type.equals(found)) {
      throw invalid(what, what + ".type: expected '" + type + "', found " + shown(found));
    }
    for (String key : members.keySet()) {
      if (!keys.contains(key)) {
        throw invalid(what, what + ": unknown key " + InvalidValueException.quote(key));
      }
    }
    for (String key : new java.util.TreeSet<>(keys)) {
      if (!members.containsKey(key)) {
        throw invalid(what, what + ": missing key '" + key + "'");
      }
    }
    return new StatementFields(what, members);
  }

  String text(String key) {
    return (String) typed(key, String.class, "a string");
  }

  long number(String key) {
    return (Long) typed(key, Long.class, "an integer");
  }

  boolean flag(String key) {
    return (Boolean) typed(key, Boolean.class, "true or false");
  }

  boolean isNull(String key) {
    return members.get(key) == CanonicalJson.NULL;
  }

  /** A UTC time in whole seconds, written exactly as {@link Instant#toString()} writes it. */
  Instant timestamp(String key) {
    String text = text(key);
    if (TIMESTAMP.matcher(text).matches()) {
      try {
        Instant instant = Instant.parse(text);
        if (instant.toString().equals(text)) {
          return instant;
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new InvalidValueException(
        what + "." + key,
        what
            + "."
            + key
            + ": expected a UTC time like 2025-10-27T12:00:00Z, found "
            + InvalidValueException.quote(text));
  }

  private Object typed(String key, Class<?> type, String expected) {
    Object value = members.get(key);
    if (!type.isInstance(value)) {
      throw new InvalidValueException(
          what + "." + key,
          what + "." + key + ": expected " + expected + ", found " + shown(value));
    }
    return value;
  }

  /** Where two arrays first differ, or -1 (Arrays.mismatch is missing before Android API 33). */
  private static int firstDifference(byte[] a, byte[] b) {
    int common = Math.min(a.length, b.length);
    for (int i = 0; i < common; i++) {
      if (a[i] != b[i]) {
        return i;
      }
    }
    return a.length == b.length ? -1 : common;
  }

  /** Requires the input to be byte for byte the canonical encoding of the values read from it. */
  static void requireCanonical(String what, byte[] found, byte[] canonical) {
    int at = firstDifference(found, canonical);
    if (at >= 0) {
      int end = Math.min(canonical.length, at + 24);
      throw invalid(
          what,
          what
              + ": not in canonical form from byte "
              + at
              + ": expected '"
              + new String(canonical, at, Math.max(0, end - at), StandardCharsets.UTF_8)
              + "…'");
    }
  }

  /** Requires a version without build metadata: the version code carries the build. */
  static void requireCore(String field, Version version) {
    if (version.build() != null) {
      throw new InvalidValueException(
          field,
          field
              + ": expected a version without build metadata (the version code carries it), found '"
              + version
              + "'");
    }
  }

  static void requireRange(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidValueException(
          field, field + ": expected " + min + " to " + max + ", found " + value);
    }
  }

  static void requireIssuedAt(Instant issuedAt) {
    if (issuedAt.isBefore(Instant.EPOCH) || issuedAt.isAfter(LATEST)) {
      throw new InvalidValueException(
          "issued_at",
          "issued_at: expected a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, found "
              + issuedAt);
    }
  }

  private static String shown(Object value) {
    return value == CanonicalJson.NULL
        ? "null"
        : value instanceof String text ? InvalidValueException.quote(text) : String.valueOf(value);
  }

  private static InvalidValueException invalid(String what, String message) {
    return new InvalidValueException(what, message);
  }
}
