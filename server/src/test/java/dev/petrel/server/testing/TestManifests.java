package dev.petrel.server.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes a minimal compiled {@code AndroidManifest.xml} in Android's binary XML, the way aapt2
 * lays it out: a UTF-16 string pool, a resource map for the {@code android:} attributes, a
 * namespace and a {@code <manifest>} element with {@code android:versionCode} and {@code package}.
 */
public final class TestManifests {
  private static final String ANDROID = "http://schemas.android.com/apk/res/android";
  private static final int VERSION_CODE_ID = 0x0101021b;

  private TestManifests() {}

  public static byte[] manifest(String packageName, long versionCode) {
    // Attribute names with a resource id come first, as the resource map is indexed by string.
    List<String> strings =
        List.of("versionCode", "package", "manifest", "android", ANDROID, packageName);
    byte[] pool = stringPool(strings);
    byte[] resourceMap = chunk(0x0180, 8, ints(VERSION_CODE_ID));
    byte[] namespace = chunk(0x0100, 16, ints(1, -1, 3, 4));
    byte[] element =
        chunk(
            0x0102,
            16,
            ints(1, -1, -1, 2),
            shorts(20, 20, 2, 0, 0, 0),
            attribute(4, 0, -1, 0x10, (int) versionCode),
            attribute(-1, 1, 5, 0x03, 5));
    byte[] end = chunk(0x0103, 16, ints(1, -1, -1, 2));
    byte[] endNamespace = chunk(0x0101, 16, ints(1, -1, 3, 4));
    byte[] body = concat(pool, resourceMap, namespace, element, end, endNamespace);
    return chunk(0x0003, 8, body);
  }

  private static byte[] attribute(int namespace, int name, int raw, int type, int data) {
    ByteBuffer buffer = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(namespace).putInt(name).putInt(raw);
    buffer.putShort((short) 8).put((byte) 0).put((byte) type).putInt(data);
    return buffer.array();
  }

  private static byte[] stringPool(List<String> strings) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int[] offsets = new int[strings.size()];
    for (int i = 0; i < strings.size(); i++) {
      offsets[i] = data.size();
      byte[] chars = strings.get(i).getBytes(StandardCharsets.UTF_16LE);
      data.writeBytes(shorts(chars.length / 2));
      data.writeBytes(chars);
      data.writeBytes(shorts(0));
    }
    while (data.size() % 4 != 0) {
      data.write(0);
    }
    int headerSize = 28;
    int stringsStart = headerSize + 4 * strings.size();
    return chunk(
        0x0001,
        headerSize,
        ints(strings.size(), 0, 0, stringsStart, 0),
        ints(offsets),
        data.toByteArray());
  }

  /** A chunk: type, header size, total size, then the rest of its header and its body. */
  private static byte[] chunk(int type, int headerSize, byte[]... parts) {
    byte[] rest = concat(parts);
    ByteBuffer buffer = ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putShort((short) type).putShort((short) headerSize).putInt(8 + rest.length).put(rest);
    return buffer.array();
  }

  private static byte[] ints(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int value : values) {
      buffer.putInt(value);
    }
    return buffer.array();
  }

  private static byte[] shorts(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int value : values) {
      buffer.putShort((short) value);
    }
    return buffer.array();
  }

  private static byte[] concat(byte[]... parts) {
    return Der.concat(parts);
  }
}
