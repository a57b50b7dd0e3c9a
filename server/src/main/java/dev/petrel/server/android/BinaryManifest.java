package dev.petrel.server.android;

import dev.petrel.server.archives.MalformedArchiveException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the package name and version code from an APK's compiled {@code AndroidManifest.xml}
 * (Android's binary XML: a string pool, a resource-id map, then element chunks). Only the root
 * {@code <manifest>} element is read. Stateless and thread-safe.
 */
final class BinaryManifest {
  /** What the manifest says. */
  record Facts(String packageName, long versionCode) {}

  private static final int XML = 0x0003;
  private static final int STRING_POOL = 0x0001;
  private static final int RESOURCE_MAP = 0x0180;
  private static final int START_ELEMENT = 0x0102;
  private static final int UTF8_FLAG = 1 << 8;

  /** {@code android:versionCode}, as aapt resolves the attribute. */
  static final int VERSION_CODE_ID = 0x0101021b;

  private static final int TYPE_STRING = 0x03;
  private static final int TYPE_INT_DEC = 0x10;
  private static final int TYPE_INT_HEX = 0x11;

  private BinaryManifest() {}

  static Facts read(byte[] manifest) {
    try {
      return chunks(manifest);
    } catch (IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw malformed("it is cut short or points outside itself");
    }
  }

  private static Facts chunks(byte[] manifest) {
    ByteBuffer bytes = ByteBuffer.wrap(manifest).order(ByteOrder.LITTLE_ENDIAN);
    if (manifest.length < 8 || bytes.getShort(0) != XML) {
      throw malformed("it does not start with a binary XML header");
    }
    String[] strings = null;
    int[] resourceIds = new int[0];
    int at = bytes.getShort(2) & 0xffff;
    while (at + 8 <= manifest.length) {
      int type = bytes.getShort(at) & 0xffff;
      int size = bytes.getInt(at + 4);
      if (size < 8 || at + (long) size > manifest.length) {
        throw malformed("a chunk at " + at + " runs past the end");
      }
      if (type == STRING_POOL) {
        strings = strings(bytes, at);
      } else if (type == RESOURCE_MAP) {
        resourceIds = resourceIds(bytes, at, size);
      } else if (type == START_ELEMENT) {
        if (strings == null) {
          throw malformed("an element comes before the string pool");
        }
        return manifestElement(bytes, at, strings, resourceIds);
      }
      at += size;
    }
    throw malformed("it has no <manifest> element");
  }

  private static Facts manifestElement(ByteBuffer bytes, int at, String[] strings, int[] ids) {
    int headerSize = bytes.getShort(at + 2) & 0xffff;
    int ext = at + headerSize;
    if (!"manifest".equals(string(strings, bytes.getInt(ext + 4)))) {
      throw malformed("its root element is not <manifest>");
    }
    int attributeStart = bytes.getShort(ext + 8) & 0xffff;
    int attributeSize = bytes.getShort(ext + 10) & 0xffff;
    int count = bytes.getShort(ext + 12) & 0xffff;
    String packageName = null;
    Long versionCode = null;
    for (int i = 0; i < count; i++) {
      int attribute = ext + attributeStart + i * attributeSize;
      int nameIndex = bytes.getInt(attribute + 4);
      String name = string(strings, nameIndex);
      int id = nameIndex >= 0 && nameIndex < ids.length ? ids[nameIndex] : 0;
      if (id == VERSION_CODE_ID || (id == 0 && "versionCode".equals(name))) {
        versionCode = number(bytes, attribute, strings);
      } else if ("package".equals(name) && bytes.getInt(attribute) == -1) {
        packageName = text(bytes, attribute, strings);
      }
    }
    if (packageName == null || versionCode == null) {
      throw malformed("<manifest> lacks " + (packageName == null ? "package" : "versionCode"));
    }
    if (packageName.isEmpty() || packageName.length() > 255) {
      throw malformed("package is " + packageName.length() + " characters long");
    }
    return new Facts(packageName, versionCode);
  }

  private static String text(ByteBuffer bytes, int attribute, String[] strings) {
    int raw = bytes.getInt(attribute + 8);
    int type = bytes.get(attribute + 15) & 0xff;
    String value = raw >= 0 ? string(strings, raw) : null;
    if (value == null && type == TYPE_STRING) {
      value = string(strings, bytes.getInt(attribute + 16));
    }
    if (value == null) {
      throw malformed("package is not a string");
    }
    return value;
  }

  private static long number(ByteBuffer bytes, int attribute, String[] strings) {
    int type = bytes.get(attribute + 15) & 0xff;
    int data = bytes.getInt(attribute + 16);
    if (type == TYPE_INT_DEC || type == TYPE_INT_HEX) {
      return Integer.toUnsignedLong(data);
    }
    if (type == TYPE_STRING) {
      try {
        return Long.parseLong(string(strings, data));
      } catch (NumberFormatException e) {
        throw malformed("versionCode is not a number");
      }
    }
    throw malformed("versionCode has value type 0x" + Integer.toHexString(type));
  }

  private static String[] strings(ByteBuffer bytes, int chunk) {
    int count = bytes.getInt(chunk + 8);
    int flags = bytes.getInt(chunk + 16);
    int stringsStart = chunk + bytes.getInt(chunk + 20);
    int headerSize = bytes.getShort(chunk + 2) & 0xffff;
    if (count < 0 || count > bytes.limit() / 4 || headerSize + 4L * count > bytes.limit()) {
      throw malformed("its string pool claims " + count + " strings");
    }
    String[] strings = new String[count];
    boolean utf8 = (flags & UTF8_FLAG) != 0;
    for (int i = 0; i < count; i++) {
      int offset = stringsStart + bytes.getInt(chunk + headerSize + i * 4);
      strings[i] = utf8 ? utf8(bytes, offset) : utf16(bytes, offset);
    }
    return strings;
  }

  private static String utf16(ByteBuffer bytes, int at) {
    int length = bytes.getShort(at) & 0xffff;
    if ((length & 0x8000) != 0) {
      length = ((length & 0x7fff) << 16) | (bytes.getShort(at + 2) & 0xffff);
      at += 2;
    }
    if (at + 2 + 2L * length > bytes.limit()) {
      throw malformed("a string runs past the end");
    }
    byte[] chars = new byte[length * 2];
    bytes.get(at + 2, chars);
    return new String(chars, StandardCharsets.UTF_16LE);
  }

  private static String utf8(ByteBuffer bytes, int at) {
    at += (bytes.get(at) & 0x80) != 0 ? 2 : 1; // the length in UTF-16 units, not needed
    int length = bytes.get(at) & 0xff;
    if ((length & 0x80) != 0) {
      length = ((length & 0x7f) << 8) | (bytes.get(at + 1) & 0xff);
      at += 1;
    }
    if (at + 1 + (long) length > bytes.limit()) {
      throw malformed("a string runs past the end");
    }
    byte[] encoded = new byte[length];
    bytes.get(at + 1, encoded);
    return new String(encoded, StandardCharsets.UTF_8);
  }

  private static int[] resourceIds(ByteBuffer bytes, int chunk, int size) {
    int headerSize = bytes.getShort(chunk + 2) & 0xffff;
    int[] ids = new int[(size - headerSize) / 4];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = bytes.getInt(chunk + headerSize + i * 4);
    }
    return ids;
  }

  private static String string(String[] strings, int index) {
    return index >= 0 && index < strings.length ? strings[index] : null;
  }

  private static MalformedArchiveException malformed(String why) {
    return new MalformedArchiveException("AndroidManifest.xml cannot be read: " + why);
  }
}
