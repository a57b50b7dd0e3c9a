package dev.petrel.server.deltas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Two consecutive "releases" of a jar for the delta tests (here and in cli/): many classes, a few
 * of them changed.
 */
public final class DeltaJars {
  private DeltaJars() {}

  /** Release {@code n} (1, 2, …): entry {@code i} changes in release {@code n} when i % 10 == n. */
  public static byte[] release(int n, int entries, int entrySize) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < entries; i++) {
        zip.putNextEntry(new ZipEntry("app/C" + i + ".class"));
        zip.write(content(i, i % 10 < n ? n : 0, entrySize));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  /** Random bytes that do not compress: a release no patch can help. */
  public static byte[] noise(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static byte[] content(int entry, int edition, int size) {
    Random random = new Random(entry);
    StringBuilder text = new StringBuilder();
    while (text.length() < size) {
      text.append("method")
          .append(random.nextInt(1000))
          .append(" field")
          .append(random.nextInt(50));
      text.append(edition > 0 && random.nextInt(40) == 0 ? " edition" + edition : "").append('\n');
    }
    return text.substring(0, size).getBytes(StandardCharsets.UTF_8);
  }
}
