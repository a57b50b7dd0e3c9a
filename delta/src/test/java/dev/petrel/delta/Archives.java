package dev.petrel.delta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds zip archives and release-like contents for the tests. */
final class Archives {
  private Archives() {}

  /** A zip of {@code entries} deflated at {@code level}; entries named "*.stored" are stored. */
  static byte[] zip(Map<String, byte[]> entries, int level) throws IOException {
    return zip(entries, level, null);
  }

  /**
   * A zip as above whose entry {@code mixed} switches from level 9 to level 1 halfway through, as
   * no single {@code Deflater} setting can reproduce.
   */
  static byte[] zip(Map<String, byte[]> entries, int level, String mixed) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MixingZip zip = new MixingZip(bytes)) {
      zip.setLevel(level);
      zip.setComment("made by the tests");
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        ZipEntry zipEntry = new ZipEntry(entry.getKey());
        if (entry.getKey().endsWith(".stored")) {
          CRC32 crc = new CRC32();
          crc.update(entry.getValue());
          zipEntry.setMethod(ZipEntry.STORED);
          zipEntry.setSize(entry.getValue().length);
          zipEntry.setCrc(crc.getValue());
        }
        zip.putNextEntry(zipEntry);
        byte[] value = entry.getValue();
        if (entry.getKey().equals(mixed)) {
          zip.switchLevel(9);
          zip.write(value, 0, value.length / 2);
          zip.switchLevel(1);
          zip.write(value, value.length / 2, value.length - value.length / 2);
          zip.closeEntry();
          zip.switchLevel(level);
        } else {
          zip.write(value);
          zip.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }

  /** Text-like bytes that compress the way class files and resources do. */
  static byte[] text(Random random, int length) {
    String[] words = {"update", "release", "petrel", "rollout", "device", "patch", "class", "void"};
    StringBuilder out = new StringBuilder();
    while (out.length() < length) {
      out.append(words[random.nextInt(words.length)]).append(random.nextInt(100)).append(' ');
    }
    return out.substring(0, length).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A copy of {@code bytes} with a few small edits, an insertion and a deletion. */
  static byte[] edit(Random random, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int cut = bytes.length / 3;
    out.write(bytes, 0, cut);
    byte[] inserted = text(random, 40);
    out.write(inserted, 0, inserted.length);
    int skip = Math.min(bytes.length - cut, 25);
    out.write(bytes, cut + skip, bytes.length - cut - skip);
    byte[] result = out.toByteArray();
    for (int i = 0; i < 5 && result.length > 0; i++) {
      result[random.nextInt(result.length)] ^= 1;
    }
    return result;
  }

  /** A zip stream whose deflate level can change inside an entry. */
  private static final class MixingZip extends ZipOutputStream {
    MixingZip(ByteArrayOutputStream out) {
      super(out);
    }

    void switchLevel(int level) {
      def.setLevel(level);
    }
  }
}
