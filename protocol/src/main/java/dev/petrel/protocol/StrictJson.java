package dev.petrel.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON documents from untrusted sources (RFC 8259): feeds, server answers, config files:
 * objects, arrays, strings, non-negative integers, booleans and null, with whitespace allowed
 * between tokens. Strict where leniency could hide tampering: valid UTF-8 only, no duplicate keys,
 * no fractions or exponents, bounded nesting, and nothing after the document. Objects become {@link
 * LinkedHashMap}s, arrays {@link List}s, integers {@link Long}s and null {@link #NULL}. Thread-safe
 * (no shared state).
 */
public final class StrictJson {
  /** The value JSON {@code null} is read as (a JSON value is never Java null). */
  public static final Object NULL = CanonicalJson.NULL;

  private static final int MAX_DEPTH = 8;

  private final String what;
  private final byte[] in;
  private final String text;
  private int pos;

  private StrictJson(String what, byte[] in, String text) {
    this.what = what;
    this.in = in;
    this.text = text;
  }

  /**
   * Parses {@code bytes} as one JSON value.
   *
   * @param what names the document in error messages and as the error's field, e.g. {@code feed}
   * @throws InvalidValueException naming {@code what} and the offending byte offset
   */
  public static Object read(String what, byte[] bytes) {
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidValueException(what, what + ": not valid UTF-8");
    }
    StrictJson reader = new StrictJson(what, bytes, decoded);
    reader.whitespace();
    Object value = reader.value(0);
    reader.whitespace();
    if (reader.pos < decoded.length()) {
      throw reader.fail("unexpected data after the document");
    }
    return value;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw fail("nested deeper than " + MAX_DEPTH + " levels");
    }
    int c = peek();
    if (c == '{') {
      return object(depth);
    }
    if (c == '[') {
      return array(depth);
    }
    if (c == '"') {
      return string();
    }
    if (c == '-' || c >= '0' && c <= '9') {
      return integer();
    }
    for (String literal : new String[] {"true", "false", "null"}) {
      if (text.startsWith(literal, pos)) {
        pos += literal.length();
        return literal.equals("null") ? CanonicalJson.NULL : Boolean.valueOf(literal);
      }
    }
    throw fail("expected a JSON value, found " + describe());
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> members = new LinkedHashMap<>();
    whitespace();
    if (peek() == '}') {
      pos++;
      return members;
    }
    while (true) {
      whitespace();
      if (peek() != '"') {
        throw fail("expected a key, found " + describe());
      }
      int keyAt = pos;
      String key = string();
      if (members.containsKey(key)) {
        pos = keyAt;
        throw fail("duplicate key '" + key + "'");
      }
      whitespace();
      expect(':');
      whitespace();
      members.put(key, value(depth + 1));
      whitespace();
      if (next('}')) {
        return members;
      }
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> items = new ArrayList<>();
    whitespace();
    if (peek() == ']') {
      pos++;
      return items;
    }
    while (true) {
      whitespace();
      items.add(value(depth + 1));
      whitespace();
      if (next(']')) {
        return items;
      }
    }
  }

  /** Consumes ',' (false) or {@code close} (true). */
  private boolean next(char close) {
    int c = peek();
    if (c == ',' || c == close) {
      pos++;
      return c == close;
    }
    throw fail("expected ',' or '" + close + "', found " + describe());
  }

  private Long integer() {
    int start = pos;
    while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String digits = text.substring(start, pos);
    if (!digits.matches("0|[1-9][0-9]{0,15}")
        || Long.parseLong(digits) > CanonicalJson.MAX_INTEGER) {
      pos = start;
      throw fail(
          "expected an integer 0.."
              + CanonicalJson.MAX_INTEGER
              + " without sign, fraction or exponent, found '"
              + digits
              + "'");
    }
    return Long.valueOf(digits);
  }

  private String string() {
    int start = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        pos = start;
        throw fail("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        requireNoLoneSurrogate(start, out);
        return out.toString();
      }
      if (c < 0x20) {
        throw fail("control character 0x" + Integer.toHexString(c) + " must be escaped");
      }
      if (c != '\\') {
        out.append(c);
        pos++;
        continue;
      }
      char escape = pos + 1 < text.length() ? text.charAt(pos + 1) : ' ';
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          String hex = text.substring(pos + 2, Math.min(text.length(), pos + 6));
          if (!hex.matches("[0-9a-fA-F]{4}")) {
            throw fail("invalid \\u escape");
          }
          out.append((char) Integer.parseInt(hex, 16));
          pos += 4;
        }
        default -> throw fail("invalid escape");
      }
      pos += 2;
    }
  }

  /** A backslash-u escape can name half a surrogate pair; such a string is not Unicode text. */
  private void requireNoLoneSurrogate(int start, CharSequence value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        pos = start;
        throw fail("string holds a lone surrogate \\u" + String.format("%04x", (int) c));
      }
    }
  }

  private void whitespace() {
    while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private void expect(char expected) {
    if (peek() != expected) {
      throw fail("expected '" + expected + "', found " + describe());
    }
    pos++;
  }

  private int peek() {
    return pos < text.length() ? text.charAt(pos) : -1;
  }

  private String describe() {
    if (pos >= text.length()) {
      return "end of input";
    }
    char c = text.charAt(pos);
    return c > 0x20 && c < 0x7f ? "'" + c + "'" : "character U+" + String.format("%04X", (int) c);
  }

  private InvalidValueException fail(String problem) {
    int byteOffset =
        text.substring(0, Math.min(pos, text.length())).getBytes(StandardCharsets.UTF_8).length;
    return new InvalidValueException(
        what,
        what + ": not valid JSON at byte " + Math.min(byteOffset, in.length) + ": " + problem);
  }
}
