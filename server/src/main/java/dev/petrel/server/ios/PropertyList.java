package dev.petrel.server.ios;

import dev.petrel.server.archives.MalformedArchiveException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an Apple property list, binary ({@code bplist00}) or XML, into plain Java values: {@code
 * Map<String, Object>} for dict, {@code List<Object>} for array, {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, {@code byte[]} for data, {@code java.time.Instant} for date.
 * Stateless and thread-safe.
 */
public final class PropertyList {
  private static final byte[] BINARY_MAGIC = "bplist00".getBytes(StandardCharsets.US_ASCII);

  private PropertyList() {}

  /**
   * The top-level value of {@code bytes}.
   *
   * @throws MalformedArchiveException when it is neither form, or malformed
   */
  public static Object parse(byte[] bytes) {
    if (bytes.length >= BINARY_MAGIC.length
        && Arrays.equals(Arrays.copyOf(bytes, BINARY_MAGIC.length), BINARY_MAGIC)) {
      return BinaryPropertyList.parse(bytes);
    }
    return XmlPropertyList.parse(bytes);
  }
}
