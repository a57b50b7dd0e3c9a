package dev.petrel.client.desktop.internal;

import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.StrictJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, validating access to one JSON object read with {@link StrictJson}. Every error names the
 * document, the key, what was expected and what was found; {@link #requireNoOtherKeys} refuses keys
 * that were never asked for (a misspelt key is an error, not a silent default).
 */
public final class JsonObject {
  private final String what;
  private final Map<String, Object> members;
  private final Set<String> read = new HashSet<>();

  private JsonObject(String what, Map<String, Object> members) {
    this.what = what;
    this.members = members;
  }

  /** Parses {@code bytes} as a JSON object; {@code what} names it in errors. */
  public static JsonObject parse(String what, byte[] bytes) {
    return of(what, StrictJson.read(what, bytes));
  }

  /** Wraps a parsed value, which must be an object. */
  @SuppressWarnings("unchecked")
  public static JsonObject of(String what, Object value) {
    if (!(value instanceof Map)) {
      throw new InvalidValueException(what, what + ": expected a JSON object, got " + kind(value));
    }
    return new JsonObject(what, (Map<String, Object>) value);
  }

  /** Whether {@code key} is present (and not null). */
  public boolean has(String key) {
    Object value = members.get(key);
    return value != null && value != StrictJson.NULL;
  }

  /** A required string of 1..{@code maxLength} characters. */
  public String string(String key, int maxLength) {
    Object value = require(key);
    if (!(value instanceof String text) || text.isEmpty() || text.length() > maxLength) {
      throw mismatch(key, "a string of 1.." + maxLength + " characters", value);
    }
    return text;
  }

  /** An optional string; {@code fallback} when absent or null. */
  public String string(String key, int maxLength, String fallback) {
    return has(key) ? string(key, maxLength) : markRead(key, fallback);
  }

  /** A required integer in {@code min..max}. */
  public long integer(String key, long min, long max) {
    Object value = require(key);
    if (!(value instanceof Long number) || number < min || number > max) {
      throw mismatch(key, "an integer " + min + ".." + max, value);
    }
    return number;
  }

  /** An optional integer in {@code min..max}; {@code fallback} when absent. */
  public long integer(String key, long min, long max, long fallback) {
    return has(key) ? integer(key, min, max) : markRead(key, fallback);
  }

  /** An optional boolean; {@code fallback} when absent. */
  public boolean bool(String key, boolean fallback) {
    if (!has(key)) {
      return markRead(key, fallback);
    }
    Object value = require(key);
    if (!(value instanceof Boolean flag)) {
      throw mismatch(key, "true or false", value);
    }
    return flag;
  }

  /** An optional list of strings (each 1..{@code maxLength}); empty when absent. */
  public List<String> strings(String key, int maxItems, int maxLength) {
    if (!has(key)) {
      return markRead(key, List.of());
    }
    Object value = require(key);
    if (!(value instanceof List<?> items) || items.size() > maxItems) {
      throw mismatch(key, "a list of at most " + maxItems + " strings", value);
    }
    List<String> out = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String text) || text.isEmpty() || text.length() > maxLength) {
        throw mismatch(key, "strings of 1.." + maxLength + " characters", item);
      }
      out.add(text);
    }
    return List.copyOf(out);
  }

  /** The value of {@code key} as parsed, or null when absent. */
  public Object raw(String key) {
    read.add(key);
    return members.get(key);
  }

  /** A required nested object. */
  public JsonObject object(String key) {
    return of(what + ": " + key, require(key));
  }

  /** Fails naming the first key present that no accessor asked for. */
  public void requireNoOtherKeys() {
    for (String key : members.keySet()) {
      if (!read.contains(key)) {
        throw new InvalidValueException(key, what + ": unknown key '" + key + "'");
      }
    }
  }

  /** An error about {@code key} in this document's words. */
  public InvalidValueException mismatch(String key, String expected, Object got) {
    return new InvalidValueException(
        key, what + ": key '" + key + "': expected " + expected + ", got " + describe(got));
  }

  private Object require(String key) {
    read.add(key);
    Object value = members.get(key);
    if (value == null || value == StrictJson.NULL) {
      throw new InvalidValueException(key, what + ": key '" + key + "' is missing");
    }
    return value;
  }

  private <T> T markRead(String key, T fallback) {
    read.add(key);
    return fallback;
  }

  private static String describe(Object value) {
    if (value instanceof String text) {
      return "'" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "'";
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    return kind(value);
  }

  private static String kind(Object value) {
    if (value == null || value == StrictJson.NULL) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "a list";
    }
    return value instanceof String ? "a string" : value.toString();
  }
}
