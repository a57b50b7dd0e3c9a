package dev.petrel.server.ios;

import dev.petrel.server.archives.MalformedArchiveException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary property list format {@code bplist00}: objects, an offset table and a 32-byte trailer
 * giving the offset and reference sizes, the object count, the top object and the table's offset.
 */
final class BinaryPropertyList {
  /** Deeper nesting is refused, so that a reference cycle cannot recurse without end. */
  private static final int MAX_DEPTH = 64;

  /**
   * Objects read in all, counting every reference again: shared references could otherwise make a
   * small file expand exponentially.
   */
  private static final int MAX_VISITS = 200_000;

  /** Seconds from 1970-01-01 to Apple's reference date 2001-01-01. */
  private static final long APPLE_EPOCH = 978_307_200L;

  private final ByteBuffer bytes;
  private final long[] offsets;
  private final int refSize;
  private int visits;

  private BinaryPropertyList(ByteBuffer bytes, long[] offsets, int refSize) {
    this.bytes = bytes;
    this.offsets = offsets;
    this.refSize = refSize;
  }

  static Object parse(byte[] data) {
    try {
      return read(data);
    } catch (IndexOutOfBoundsException | IllegalArgumentException | java.time.DateTimeException e) {
      throw malformed("it points outside itself (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Object read(byte[] data) {
    if (data.length < 8 + 32) {
      throw malformed("shorter than its header and trailer");
    }
    ByteBuffer bytes = ByteBuffer.wrap(data);
    int trailer = data.length - 32;
    int offsetSize = bytes.get(trailer + 6) & 0xff;
    int refSize = bytes.get(trailer + 7) & 0xff;
    long count = bytes.getLong(trailer + 8);
    long top = bytes.getLong(trailer + 16);
    long table = bytes.getLong(trailer + 24);
    if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) {
      throw malformed("offset size " + offsetSize + " or reference size " + refSize);
    }
    if (count < 1 || count > data.length || top < 0 || top >= count) {
      throw malformed("object count " + count + " or top object " + top);
    }
    if (table < 8 || table + count * offsetSize > trailer) {
      throw malformed("offset table outside the file");
    }
    long[] offsets = new long[(int) count];
    for (int i = 0; i < count; i++) {
      offsets[i] = unsigned(bytes, (int) table + i * offsetSize, offsetSize);
      if (offsets[i] < 8 || offsets[i] >= table) {
        throw malformed("object " + i + " outside the object area");
      }
    }
    return new BinaryPropertyList(bytes, offsets, refSize).object((int) top, 0);
  }

  private Object object(int index, int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed("nested deeper than " + MAX_DEPTH + " levels");
    }
    if (++visits > MAX_VISITS) {
      throw malformed("more than " + MAX_VISITS + " objects to read");
    }
    int at = (int) offsets[index];
    int marker = bytes.get(at) & 0xff;
    int kind = marker >> 4;
    int info = marker & 0x0f;
    return switch (kind) {
      case 0x0 -> simple(info);
      case 0x1 -> integer(at + 1, 1 << info);
      case 0x2 -> real(at + 1, 1 << info);
      case 0x3 -> date(at + 1);
      case 0x4 -> slice(at, info, 1);
      case 0x5 -> new String(slice(at, info, 1), StandardCharsets.US_ASCII);
      case 0x6 -> new String(slice(at, info, 2), StandardCharsets.UTF_16BE);
      case 0x7 -> new String(slice(at, info, 1), StandardCharsets.UTF_8);
      case 0x8 -> integer(at + 1, info + 1);
      case 0xA -> array(at, info, depth);
      case 0xD -> dict(at, info, depth);
      default -> throw malformed("unknown object marker 0x" + Integer.toHexString(marker));
    };
  }

  private static Object simple(int info) {
    return switch (info) {
      case 0x8 -> Boolean.FALSE;
      case 0x9 -> Boolean.TRUE;
      case 0x0 -> null;
      default -> throw malformed("unknown simple object 0x0" + Integer.toHexString(info));
    };
  }

  private Long integer(int at, int size) {
    if (size > 8 || at + size > bytes.limit()) {
      throw malformed("integer of " + size + " bytes");
    }
    return size == 8 ? bytes.getLong(at) : unsigned(bytes, at, size);
  }

  private Double real(int at, int size) {
    return switch (size) {
      case 4 -> (double) bytes.getFloat(at);
      case 8 -> bytes.getDouble(at);
      default -> throw malformed("real of " + size + " bytes");
    };
  }

  private Instant date(int at) {
    double seconds = bytes.getDouble(at);
    return Instant.ofEpochMilli(Math.round((seconds + APPLE_EPOCH) * 1000));
  }

  /** The {@code count × unit} bytes of a data or string object starting at {@code at}. */
  private byte[] slice(int at, int info, int unit) {
    long[] lengthAndStart = lengthAndStart(at, info);
    long length = lengthAndStart[0] * unit;
    int start = (int) lengthAndStart[1];
    if (start + length > bytes.limit()) {
      throw malformed("object at " + at + " runs past the end");
    }
    return Arrays.copyOfRange(bytes.array(), start, start + (int) length);
  }

  private List<Object> array(int at, int info, int depth) {
    long[] lengthAndStart = lengthAndStart(at, info);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < lengthAndStart[0]; i++) {
      values.add(object(ref((int) lengthAndStart[1] + i * refSize), depth + 1));
    }
    return values;
  }

  private Map<String, Object> dict(int at, int info, int depth) {
    long[] lengthAndStart = lengthAndStart(at, info);
    int count = (int) lengthAndStart[0];
    int keys = (int) lengthAndStart[1];
    int values = keys + count * refSize;
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      if (!(object(ref(keys + i * refSize), depth + 1) instanceof String key)) {
        throw malformed("a dict key that is not a string");
      }
      map.put(key, object(ref(values + i * refSize), depth + 1));
    }
    return map;
  }

  /** A count from the marker's low nibble, or from the integer object after it when that is 0xF. */
  private long[] lengthAndStart(int at, int info) {
    if (info != 0x0f) {
      return new long[] {info, at + 1};
    }
    int marker = bytes.get(at + 1) & 0xff;
    if (marker >> 4 != 0x1) {
      throw malformed("a length that is not an integer at " + (at + 1));
    }
    int size = 1 << (marker & 0x0f);
    long length = integer(at + 2, size);
    if (length < 0 || length > bytes.limit()) {
      throw malformed("length " + length + " at " + at);
    }
    return new long[] {length, at + 2 + size};
  }

  private int ref(int at) {
    if (at + refSize > bytes.limit()) {
      throw malformed("reference past the end");
    }
    long ref = unsigned(bytes, at, refSize);
    if (ref >= offsets.length) {
      throw malformed("reference to object " + ref + " of " + offsets.length);
    }
    return (int) ref;
  }

  private static long unsigned(ByteBuffer bytes, int at, int size) {
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (bytes.get(at + i) & 0xff);
    }
    return value;
  }

  private static MalformedArchiveException malformed(String what) {
    return new MalformedArchiveException("binary property list: " + what);
  }
}
