package dev.petrel.client.desktop.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the names and file-type bits of a zip's central directory, which {@link
 * java.util.zip.ZipFile} does not expose: a symbolic link is marked only by the Unix mode in an
 * entry's external attributes. Handles Zip64 archives.
 */
final class CentralDirectory {
  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
  private static final int ENTRY_SIGNATURE = 0x02014b50;
  private static final int MADE_BY_UNIX = 3;
  private static final int TYPE_MASK = 0170000;
  private static final int TYPE_LINK = 0120000;

  /** Enough for 100 000 entries with names of 600 bytes; read into memory at once. */
  private static final long MAX_DIRECTORY_BYTES = 64L << 20;

  /** One central directory entry: its name and whether it is a Unix symbolic link. */
  record Entry(String name, boolean symlink) {}

  private CentralDirectory() {}

  /** The entries in directory order, at most {@code maxEntries}. */
  static List<Entry> read(Path zip, int maxEntries) throws IOException {
    try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
      long size = channel.size();
      int tail = (int) Math.min(size, 22 + 65535);
      ByteBuffer end = read(channel, size - tail, tail);
      int eocd = -1;
      for (int i = tail - 22; i >= 0; i--) {
        if (end.getInt(i) == EOCD_SIGNATURE) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) {
        throw new ArchiveException("not a zip archive (no end of central directory)");
      }
      long count = Short.toUnsignedInt(end.getShort(eocd + 10));
      long dirSize = Integer.toUnsignedLong(end.getInt(eocd + 12));
      long dirOffset = Integer.toUnsignedLong(end.getInt(eocd + 16));
      if (eocd >= 20 && end.getInt(eocd - 20) == ZIP64_LOCATOR_SIGNATURE) {
        long zip64At = end.getLong(eocd - 20 + 8);
        ByteBuffer zip64 = read(channel, zip64At, 56);
        if (zip64.getInt(0) != ZIP64_EOCD_SIGNATURE) {
          throw new ArchiveException("broken Zip64 end of central directory");
        }
        count = zip64.getLong(32);
        dirSize = zip64.getLong(40);
        dirOffset = zip64.getLong(48);
      }
      if (count > maxEntries) {
        throw new ArchiveException(
            "archive has " + count + " entries, more than the limit of " + maxEntries);
      }
      if (dirOffset < 0 || dirSize < 0 || dirOffset + dirSize > size) {
        throw new ArchiveException("central directory lies outside the archive");
      }
      if (dirSize > MAX_DIRECTORY_BYTES) {
        throw new ArchiveException(
            "central directory of " + dirSize + " bytes, more than " + MAX_DIRECTORY_BYTES);
      }
      return entries(read(channel, dirOffset, (int) dirSize), count);
    }
  }

  private static List<Entry> entries(ByteBuffer dir, long count) {
    List<Entry> entries = new ArrayList<>();
    int at = 0;
    for (long i = 0; i < count; i++) {
      if (at + 46 > dir.limit() || dir.getInt(at) != ENTRY_SIGNATURE) {
        throw new ArchiveException("broken central directory at entry " + i);
      }
      int madeBy = Short.toUnsignedInt(dir.getShort(at + 4)) >> 8;
      int nameLength = Short.toUnsignedInt(dir.getShort(at + 28));
      int extraLength = Short.toUnsignedInt(dir.getShort(at + 30));
      int commentLength = Short.toUnsignedInt(dir.getShort(at + 32));
      int mode = dir.getInt(at + 38) >>> 16;
      if (at + 46 + nameLength > dir.limit()) {
        throw new ArchiveException("broken central directory at entry " + i);
      }
      byte[] name = new byte[nameLength];
      dir.get(at + 46, name);
      boolean link = madeBy == MADE_BY_UNIX && (mode & TYPE_MASK) == TYPE_LINK;
      entries.add(new Entry(new String(name, StandardCharsets.UTF_8), link));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new ArchiveException("archive ends early");
      }
    }
    return buffer.flip();
  }
}
