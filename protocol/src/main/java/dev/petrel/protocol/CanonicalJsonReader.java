package dev.petrel.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one flat object in {@link CanonicalJson} form, naming the first byte that breaks it. */
final class CanonicalJsonReader {
  private final String field;
  private final byte[] in;
  private int pos;

  CanonicalJsonReader(String field, byte[] in) {
    this.field = field;
    this.in = in;
  }

  Map<String, Object> object() {
    expect('{');
    Map<String, Object> members = new LinkedHashMap<>();
    String previous = null;
    if (peek() == '}') {
      pos++;
    } else {
      do {
        int keyAt = pos;
        String key = string();
        if (members.containsKey(key)) {
          throw fail(keyAt, "duplicate key '" + key + "'");
        }
        if (previous != null && previous.compareTo(key) > 0) {
          throw fail(keyAt, "key '" + key + "' must come before '" + previous + "'");
        }
        expect(':');
        members.put(key, value());
        previous = key;
      } while (next(',', '}') == ',');
    }
    if (pos < in.length) {
      throw fail(pos, "unexpected data after the closing '}'");
    }
    return members;
  }

  private Object value() {
    int c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '-' || c == '+' || c >= '0' && c <= '9') {
      return integer();
    }
    for (String literal : new String[] {"true", "false", "null"}) {
      if (startsWith(literal)) {
        pos += literal.length();
        return literal.equals("null") ? CanonicalJson.NULL : Boolean.valueOf(literal);
      }
    }
    throw fail(pos, "expected a string, integer, true, false or null, found " + describe(pos));
  }

  private Long integer() {
    int start = pos;
    while (pos < in.length && "+-.eE0123456789".indexOf(in[pos]) >= 0) {
      pos++;
    }
    String digits = new String(in, start, pos - start, StandardCharsets.US_ASCII);
    if (!digits.matches("0|[1-9][0-9]{0,15}")) {
      throw fail(
          start,
          "expected an integer 0.."
              + CanonicalJson.MAX_INTEGER
              + " in plain decimal without sign, leading zeros, fraction or exponent, found '"
              + digits
              + "'");
    }
    long value = Long.parseLong(digits);
    if (value > CanonicalJson.MAX_INTEGER) {
      throw fail(start, "integer " + digits + " is above " + CanonicalJson.MAX_INTEGER);
    }
    return value;
  }

  private String string() {
    int start = pos;
    expect('"');
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    while (true) {
      if (pos >= in.length) {
        throw fail(start, "unterminated string");
      }
      int c = in[pos] & 0xff;
      if (c == '"') {
        pos++;
        return decode(start, raw.toByteArray());
      }
      if (c < 0x20) {
        throw fail(pos, "control character 0x" + Integer.toHexString(c) + " must be escaped");
      }
      if (c == '\\') {
        raw.write(escape());
      } else {
        raw.write(c);
        pos++;
      }
    }
  }

  /**
   * Reads one escape sequence; only the form {@link CanonicalJson#appendString} writes is accepted.
   */
  private int escape() {
    int at = pos;
    int length = pos + 1 < in.length && in[pos + 1] == 'u' ? 6 : 2;
    String sequence =
        new String(in, at, Math.min(length, in.length - at), StandardCharsets.ISO_8859_1);
    int decoded = -1;
    switch (sequence.length() < 2 ? ' ' : sequence.charAt(1)) {
      case '"' -> decoded = '"';
      case '\\' -> decoded = '\\';
      case 'b' -> decoded = '\b';
      case 'f' -> decoded = '\f';
      case 'n' -> decoded = '\n';
      case 'r' -> decoded = '\r';
      case 't' -> decoded = '\t';
      case 'u' -> {
        if (sequence.matches("\\\\u00[01][0-9a-f]")) {
          decoded = Integer.parseInt(sequence.substring(2), 16);
        }
      }
      default -> {}
    }
    StringBuilder canonical = new StringBuilder();
    if (decoded >= 0) {
      CanonicalJson.appendString(canonical, String.valueOf((char) decoded));
    }
    if (decoded < 0 || !canonical.substring(1, canonical.length() - 1).equals(sequence)) {
      throw fail(
          at,
          "escape '"
              + sequence
              + "' is not canonical: only \\\" \\\\ \\b \\f \\n \\r \\t and \\u00xx (lowercase)"
              + " for other control characters are allowed");
    }
    pos += length;
    return decoded;
  }

  private String decode(int start, byte[] raw) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw fail(start, "string is not valid UTF-8");
    }
  }

  private void expect(char expected) {
    if (peek() != expected) {
      throw fail(pos, "expected '" + expected + "', found " + describe(pos));
    }
    pos++;
  }

  private char next(char first, char second) {
    int c = peek();
    if (c != first && c != second) {
      throw fail(pos, "expected '" + first + "' or '" + second + "', found " + describe(pos));
    }
    pos++;
    return (char) c;
  }

  private int peek() {
    return pos < in.length ? in[pos] & 0xff : -1;
  }

  private boolean startsWith(String literal) {
    if (pos + literal.length() > in.length) {
      return false;
    }
    return new String(in, pos, literal.length(), StandardCharsets.ISO_8859_1).equals(literal);
  }

  private String describe(int at) {
    if (at >= in.length) {
      return "end of input";
    }
    int c = in[at] & 0xff;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      return "whitespace (none is allowed)";
    }
    return c >= 0x21 && c < 0x7f ? "'" + (char) c + "'" : "byte 0x" + Integer.toHexString(c);
  }

  private InvalidValueException fail(int at, String problem) {
    return new InvalidValueException(field, field + ": at byte " + at + ": " + problem);
  }
}
