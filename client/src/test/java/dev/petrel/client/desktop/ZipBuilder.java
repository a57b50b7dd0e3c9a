package dev.petrel.client.desktop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives by hand, byte by byte, so tests can build what {@code ZipOutputStream}
 * refuses to: duplicate names, Unix symlink entries, sizes that lie, and bombs of repeated deflate
 * blocks that expand to gigabytes from a few megabytes.
 */
final class ZipBuilder {
  private record Entry(
      String name, int method, byte[] data, long crc, long declaredSize, int unixMode) {}

  private final List<Entry> entries = new ArrayList<>();

  /** A stored (uncompressed) file. */
  ZipBuilder file(String name, byte[] content) {
    CRC32 crc = new CRC32();
    crc.update(content);
    entries.add(new Entry(name, 0, content, crc.getValue(), content.length, 0100644));
    return this;
  }

  ZipBuilder file(String name, String content) {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  ZipBuilder directory(String name) {
    entries.add(new Entry(name, 0, new byte[0], 0, 0, 040755));
    return this;
  }

  /** A Unix symbolic link whose target is {@code target}. */
  ZipBuilder symlink(String name, String target) {
    byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entries.add(new Entry(name, 0, bytes, crc.getValue(), bytes.length, 0120777));
    return this;
  }

  /**
   * A deflated file of {@code chunks} × 16 MiB of zeros whose central directory declares {@code
   * declaredSize} bytes (honest or not). Built by repeating one fully flushed deflate block.
   */
  ZipBuilder zeros(String name, int chunks, long declaredSize) {
    byte[] zeros = new byte[16 << 20];
    Deflater deflater = new Deflater(9, true);
    deflater.setInput(zeros);
    byte[] chunk = drain(deflater, Deflater.FULL_FLUSH);
    deflater.finish();
    byte[] end = drain(deflater, Deflater.NO_FLUSH);
    deflater.end();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    CRC32 crc = new CRC32();
    for (int i = 0; i < chunks; i++) {
      data.writeBytes(chunk);
      crc.update(zeros);
    }
    data.writeBytes(end);
    entries.add(new Entry(name, 8, data.toByteArray(), crc.getValue(), declaredSize, 0100644));
    return this;
  }

  private static byte[] drain(Deflater deflater, int flush) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    while (true) {
      int n = deflater.deflate(buffer, 0, buffer.length, flush);
      out.write(buffer, 0, n);
      if (n < buffer.length && (flush != Deflater.NO_FLUSH || deflater.finished())) {
        return out.toByteArray();
      }
    }
  }

  Path write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(toBytes());
    }
    return file;
  }

  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> offsets = new ArrayList<>();
    for (Entry e : entries) {
      offsets.add((long) out.size());
      byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
      ByteBuffer h = le(30 + name.length);
      h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800);
      h.putShort((short) e.method).putShort((short) 0).putShort((short) 0x21);
      h.putInt((int) e.crc).putInt(e.data.length).putInt((int) e.declaredSize);
      h.putShort((short) name.length).putShort((short) 0).put(name);
      out.writeBytes(h.array());
      out.writeBytes(e.data);
    }
    int dirStart = out.size();
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
      ByteBuffer c = le(46 + name.length);
      c.putInt(0x02014b50).putShort((short) (3 << 8 | 20)).putShort((short) 20);
      c.putShort((short) 0x0800).putShort((short) e.method).putShort((short) 0);
      c.putShort((short) 0x21).putInt((int) e.crc).putInt(e.data.length);
      c.putInt((int) e.declaredSize).putShort((short) name.length).putShort((short) 0);
      c.putShort((short) 0).putShort((short) 0).putShort((short) 0);
      c.putInt(e.unixMode << 16).putInt((int) (long) offsets.get(i)).put(name);
      out.writeBytes(c.array());
    }
    int dirSize = out.size() - dirStart;
    ByteBuffer end = le(22);
    end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
    end.putShort((short) entries.size()).putShort((short) entries.size());
    end.putInt(dirSize).putInt(dirStart).putShort((short) 0);
    out.writeBytes(end.array());
    return out.toByteArray();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
