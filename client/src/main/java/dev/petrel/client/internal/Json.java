package dev.petrel.client.internal;

import dev.petrel.protocol.StrictJson;
import java.util.Map;

/** Small helpers to write JSON and to read typed members of what {@link StrictJson} parsed. */
public final class Json {
  private Json() {}

  /**
   * {@code value} as a JSON string literal, or {@code null}. Control characters and lone surrogates
   * (which UTF-8 cannot carry) are written as {@code \\uXXXX} escapes.
   */
  public static String string(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || Character.isSurrogate(c) && !validPair(value, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean validPair(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  /** The object {@code value}, or a failure naming {@code what}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String what, Object value) throws MalformedJson {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new MalformedJson(what + ": expected a JSON object");
  }

  /** A required string member. */
  public static String text(Map<String, Object> object, String what, String key)
      throws MalformedJson {
    return member(object, what, key, String.class, "a string");
  }

  /** An optional string member: null when absent or JSON null. */
  public static String optionalText(Map<String, Object> object, String what, String key)
      throws MalformedJson {
    return absent(object.get(key)) ? null : text(object, what, key);
  }

  /** A required integer member. */
  public static long number(Map<String, Object> object, String what, String key)
      throws MalformedJson {
    return member(object, what, key, Long.class, "an integer");
  }

  /** An optional integer member: null when absent or JSON null. */
  public static Long optionalNumber(Map<String, Object> object, String what, String key)
      throws MalformedJson {
    return absent(object.get(key)) ? null : number(object, what, key);
  }

  /** A boolean member; {@code fallback} when absent. */
  public static boolean flag(Map<String, Object> object, String what, String key, boolean fallback)
      throws MalformedJson {
    return absent(object.get(key))
        ? fallback
        : member(object, what, key, Boolean.class, "true or false");
  }

  /** The member {@code key} as a {@code type}, or a failure saying what was {@code expected}. */
  private static <T> T member(
      Map<String, Object> object, String what, String key, Class<T> type, String expected)
      throws MalformedJson {
    Object value = object.get(key);
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    throw new MalformedJson(
        what + "." + key + ": expected " + expected + ", found " + shown(value));
  }

  private static boolean absent(Object value) {
    return value == null || value == StrictJson.NULL;
  }

  private static String shown(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value == StrictJson.NULL) {
      return "null";
    }
    String text = String.valueOf(value);
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  /** A JSON document that parsed but does not have the expected shape. */
  public static class MalformedJson extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedJson(String message) {
      super(message);
    }
  }
}
