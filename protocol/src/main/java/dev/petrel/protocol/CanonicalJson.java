package dev.petrel.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The canonical JSON of Petrel's signed documents: one flat object whose values are strings,
 * integers, booleans or null, written without whitespace and with keys in ascending order. The
 * rules are those of RFC 8785 (JCS) for this subset and are specified in {@code docs/protocol.md}.
 *
 * <p>{@link #readObject} accepts only that form and names the first byte that breaks it.
 */
final class CanonicalJson {
  /** Largest integer a signed document may hold: 2^53 - 1, exact in every JSON implementation. */
  static final long MAX_INTEGER = 9_007_199_254_740_991L;

  /** Marks a JSON {@code null} in the map {@link #readObject} returns. */
  static final Object NULL = new Object();

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  /** Writes one object; call the value methods in ascending key order, then {@link #toBytes}. */
  static final class Writer {
    private final StringBuilder text = new StringBuilder("{");
    private String lastKey;

    Writer string(String key, String value) {
      key(key);
      appendString(text, value);
      return this;
    }

    Writer integer(String key, long value) {
      if (value < 0 || value > MAX_INTEGER) {
        throw new IllegalArgumentException(key + ": integer out of range 0.." + MAX_INTEGER);
      }
      key(key);
      text.append(value);
      return this;
    }

    Writer bool(String key, boolean value) {
      key(key);
      text.append(value);
      return this;
    }

    Writer nullValue(String key) {
      key(key);
      text.append("null");
      return this;
    }

    private void key(String key) {
      if (lastKey != null && lastKey.compareTo(key) >= 0) {
        throw new IllegalStateException("key '" + key + "' written after '" + lastKey + "'");
      }
      text.append(lastKey == null ? "" : ",");
      lastKey = key;
      appendString(text, key);
      text.append(':');
    }

    byte[] toBytes() {
      return (text + "}").getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Appends {@code value} as a JSON string: the short escapes, <code>&#92;u00xx</code> for other
   * controls.
   */
  static void appendString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        out.append(c).append(value.charAt(++i));
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("lone surrogate at index " + i + " cannot be encoded");
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Reads one canonical flat object into a map in document order. Values are {@link String}, {@link
   * Long}, {@link Boolean} or {@link #NULL}.
   *
   * @throws InvalidValueException naming {@code field} and the offending byte
   */
  static Map<String, Object> readObject(String field, byte[] bytes, int maxBytes) {
    if (bytes.length > maxBytes) {
      throw new InvalidValueException(
          field,
          field + ": expected at most " + maxBytes + " bytes, found " + bytes.length + " bytes");
    }
    return new CanonicalJsonReader(field, bytes).object();
  }
}
