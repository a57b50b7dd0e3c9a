package dev.petrel.server.artifacts;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code GET} of an artifact sends, decided from its {@code Range} and {@code If-Range}
 * headers (RFC 9110 §14): the whole artifact, one slice of it, or nothing (416).
 *
 * <ul>
 *   <li>No {@code Range}, a range unit other than {@code bytes}, or an {@code If-Range} that is not
 *       exactly the artifact's strong ETag (a weak or other ETag, or a date): the whole artifact.
 *   <li>One range {@code a-b}, {@code a-} or {@code -n}: that slice, its end clipped to the
 *       artifact.
 *   <li>Several ranges ({@code a-b,c-d}): the whole artifact. RFC 9110 lets a server ignore a Range
 *       header; multipart/byteranges answers would buy nothing for update downloads, which resume
 *       with one open-ended range.
 *   <li>A range starting at or after the end, {@code -0}, any range of an empty artifact, or a
 *       malformed bytes range ({@code b < a}, not numbers): unsatisfiable.
 * </ul>
 *
 * @param kind which of the three answers
 * @param start the first byte to send (0 unless partial)
 * @param length how many bytes to send (0 when unsatisfiable)
 */
record ByteRange(Kind kind, long start, long length) {
  /** The three possible answers. */
  enum Kind {
    FULL,
    PARTIAL,
    UNSATISFIABLE
  }

  private static final Pattern SPEC = Pattern.compile("(\\d*)-(\\d*)");

  /**
   * Decides what to send of an artifact of {@code size} bytes.
   *
   * @param range the {@code Range} header, or null
   * @param ifRange the {@code If-Range} header, or null
   * @param etag the artifact's strong ETag, quotes included
   */
  static ByteRange select(String range, String ifRange, String etag, long size) {
    if (range == null || range.isBlank()) {
      return full(size);
    }
    if (ifRange != null && !ifRange.strip().equals(etag)) {
      return full(size);
    }
    int equals = range.indexOf('=');
    if (equals < 0) {
      return unsatisfiable();
    }
    if (!range.substring(0, equals).strip().equalsIgnoreCase("bytes")) {
      return full(size); // RFC 9110 §14.2: a server MUST ignore a range unit it does not know
    }
    List<String> specs =
        Arrays.stream(range.substring(equals + 1).split(",", -1))
            .map(String::strip)
            .filter(spec -> !spec.isEmpty())
            .toList();
    if (specs.size() > 1) {
      return full(size);
    }
    return specs.isEmpty() ? unsatisfiable() : single(specs.get(0), size);
  }

  private static ByteRange single(String spec, long size) {
    Matcher matcher = SPEC.matcher(spec);
    if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
      return unsatisfiable();
    }
    if (matcher.group(1).isEmpty()) {
      long suffix = number(matcher.group(2));
      if (suffix == 0 || size == 0) {
        return unsatisfiable();
      }
      long length = Math.min(suffix, size);
      return new ByteRange(Kind.PARTIAL, size - length, length);
    }
    long first = number(matcher.group(1));
    long last = matcher.group(2).isEmpty() ? Long.MAX_VALUE : number(matcher.group(2));
    if (last < first || first >= size) {
      return unsatisfiable();
    }
    return new ByteRange(Kind.PARTIAL, first, Math.min(last, size - 1) - first + 1);
  }

  /** A decimal number; one too large for a long is as good as infinite here. */
  private static long number(String digits) {
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  private static ByteRange full(long size) {
    return new ByteRange(Kind.FULL, 0, size);
  }

  private static ByteRange unsatisfiable() {
    return new ByteRange(Kind.UNSATISFIABLE, 0, 0);
  }

  /** The last byte sent. */
  long end() {
    return start + length - 1;
  }
}
