package dev.petrel.server.archives;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The central directory of a ZIP archive (APK, IPA), read from its end, and the entries it names,
 * read one at a time. Only what publish-time checks need: stored and deflated entries, no ZIP64, no
 * encryption. Not thread-safe.
 */
public final class ZipDirectory {
  /** Bigger entries are never needed here (a manifest, a plist, a signature file). */
  public static final int MAX_ENTRY = 16 * 1024 * 1024;

  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int CENTRAL_SIGNATURE = 0x02014b50;
  private static final int LOCAL_SIGNATURE = 0x04034b50;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
  private static final long MAX_DIRECTORY = 64L * 1024 * 1024;
  private static final int EOCD_SIZE = 22;
  private static final int MAX_COMMENT = 0xffff;

  /**
   * One entry of the central directory.
   *
   * @param name the entry's path inside the archive
   * @param method 0 stored, 8 deflated
   * @param compressedSize its length in the archive
   * @param size its length once inflated
   * @param localHeader the offset of its local header
   */
  public record Entry(String name, int method, long compressedSize, long size, long localHeader) {}

  private final ByteSource source;
  private final long centralDirectoryOffset;
  private final List<Entry> entries;

  private ZipDirectory(ByteSource source, long centralDirectoryOffset, List<Entry> entries) {
    this.source = source;
    this.centralDirectoryOffset = centralDirectoryOffset;
    this.entries = entries;
  }

  /**
   * Reads the central directory of {@code source}.
   *
   * @throws MalformedArchiveException when it is not a ZIP archive this reader understands
   */
  public static ZipDirectory read(ByteSource source) throws IOException {
    long size = source.size();
    if (size < EOCD_SIZE) {
      throw new MalformedArchiveException("not a ZIP archive: only " + size + " bytes");
    }
    int tail = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
    ByteBuffer end = little(source.read(size - tail, tail));
    int at = -1;
    for (int i = tail - EOCD_SIZE; i >= 0; i--) {
      if (end.getInt(i) == EOCD_SIGNATURE && i + EOCD_SIZE + end.getShort(i + 20) == tail) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      throw new MalformedArchiveException("not a ZIP archive: no end of central directory record");
    }
    long eocd = size - tail + at;
    long count = Short.toUnsignedInt(end.getShort(at + 10));
    long length = Integer.toUnsignedLong(end.getInt(at + 12));
    long offset = Integer.toUnsignedLong(end.getInt(at + 16));
    long directoryEnd = eocd;
    if (count == 0xffff || length == 0xffffffffL || offset == 0xffffffffL) {
      long record = zip64Record(source, eocd);
      ByteBuffer zip64 = little(source.read(record, 56));
      count = zip64.getLong(32);
      length = zip64.getLong(40);
      offset = zip64.getLong(48);
      directoryEnd = record;
    }
    if (length < 0 || length > MAX_DIRECTORY || count < 0 || count > length / 46) {
      throw new MalformedArchiveException(
          "a central directory of " + length + " bytes for " + count + " entries");
    }
    if (offset < 0 || offset + length > directoryEnd) {
      throw new MalformedArchiveException("the central directory lies outside the file");
    }
    return new ZipDirectory(
        source, offset, entries(source.read(offset, (int) length), (int) count));
  }

  /** Where the ZIP64 end of central directory record is, from its locator before {@code eocd}. */
  private static long zip64Record(ByteSource source, long eocd) throws IOException {
    if (eocd < 20) {
      throw new MalformedArchiveException("a ZIP64 archive without its ZIP64 locator");
    }
    ByteBuffer locator = little(source.read(eocd - 20, 20));
    if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
      throw new MalformedArchiveException("a ZIP64 archive without its ZIP64 locator");
    }
    long record = locator.getLong(8);
    if (record < 0 || record > eocd - 20 - 56) {
      throw new MalformedArchiveException("the ZIP64 end record lies outside the file");
    }
    if (little(source.read(record, 4)).getInt(0) != ZIP64_EOCD_SIGNATURE) {
      throw new MalformedArchiveException("no ZIP64 end record where its locator points");
    }
    return record;
  }

  private static List<Entry> entries(byte[] directory, int count) {
    ByteBuffer buffer = little(directory);
    List<Entry> entries = new ArrayList<>(count);
    int at = 0;
    for (int i = 0; i < count; i++) {
      if (at + 46 > directory.length || buffer.getInt(at) != CENTRAL_SIGNATURE) {
        throw new MalformedArchiveException("central directory entry " + i + " is malformed");
      }
      int nameLength = Short.toUnsignedInt(buffer.getShort(at + 28));
      int extra = Short.toUnsignedInt(buffer.getShort(at + 30));
      int comment = Short.toUnsignedInt(buffer.getShort(at + 32));
      if (at + 46 + nameLength > directory.length) {
        throw new MalformedArchiveException("central directory entry " + i + " is cut short");
      }
      if (at + 46L + nameLength + extra > directory.length) {
        throw new MalformedArchiveException("central directory entry " + i + " is cut short");
      }
      long[] sizes = {
        Integer.toUnsignedLong(buffer.getInt(at + 24)),
        Integer.toUnsignedLong(buffer.getInt(at + 20)),
        Integer.toUnsignedLong(buffer.getInt(at + 42))
      };
      zip64Sizes(buffer, at + 46 + nameLength, extra, sizes);
      entries.add(
          new Entry(
              new String(directory, at + 46, nameLength, StandardCharsets.UTF_8),
              Short.toUnsignedInt(buffer.getShort(at + 10)),
              sizes[1],
              sizes[0],
              sizes[2]));
      at += 46 + nameLength + extra + comment;
    }
    return List.copyOf(entries);
  }

  /**
   * Replaces the sizes and offset stored as 0xffffffff ({@code sizes}: uncompressed, compressed,
   * local header offset) with the 8-byte values of the ZIP64 extra field (id 1), which holds just
   * those, in that order.
   */
  private static void zip64Sizes(ByteBuffer buffer, int start, int length, long[] sizes) {
    int at = start;
    while (at + 4 <= start + length) {
      int id = Short.toUnsignedInt(buffer.getShort(at));
      int size = Short.toUnsignedInt(buffer.getShort(at + 2));
      if (id == 1) {
        int field = at + 4;
        for (int i = 0; i < sizes.length; i++) {
          if (sizes[i] == 0xffffffffL && field + 8 <= at + 4 + size) {
            sizes[i] = buffer.getLong(field);
            field += 8;
          }
        }
        return;
      }
      at += 4 + size;
    }
  }

  /** Every entry, in central-directory order. */
  public List<Entry> entries() {
    return entries;
  }

  /** The entry named exactly {@code name}, or empty. */
  public Optional<Entry> find(String name) {
    return entries.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }

  /** Where the central directory starts: an APK's signing block ends right before it. */
  public long centralDirectoryOffset() {
    return centralDirectoryOffset;
  }

  /** The source the directory was read from. */
  public ByteSource source() {
    return source;
  }

  /**
   * The inflated bytes of {@code entry}.
   *
   * @throws MalformedArchiveException when it is larger than {@link #MAX_ENTRY}, uses another
   *     compression method, or does not inflate to its declared size
   */
  public byte[] contents(Entry entry) throws IOException {
    if (entry.size() < 0
        || entry.compressedSize() < 0
        || entry.size() > MAX_ENTRY
        || entry.compressedSize() > MAX_ENTRY) {
      throw new MalformedArchiveException(entry.name() + " is larger than " + MAX_ENTRY + " bytes");
    }
    ByteBuffer local = little(source.read(entry.localHeader(), 30));
    if (local.getInt(0) != LOCAL_SIGNATURE) {
      throw new MalformedArchiveException(entry.name() + ": no local header where one should be");
    }
    long data =
        entry.localHeader()
            + 30
            + Short.toUnsignedInt(local.getShort(26))
            + Short.toUnsignedInt(local.getShort(28));
    byte[] stored = source.read(data, (int) entry.compressedSize());
    return switch (entry.method()) {
      case 0 -> stored;
      case 8 -> inflate(entry, stored);
      default ->
          throw new MalformedArchiveException(
              entry.name() + ": unsupported compression method " + entry.method());
    };
  }

  private static byte[] inflate(Entry entry, byte[] deflated) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(deflated);
      byte[] out = new byte[(int) entry.size()];
      int filled = 0;
      while (filled < out.length && !inflater.finished()) {
        int n = inflater.inflate(out, filled, out.length - filled);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        filled += n;
      }
      if (filled != out.length) {
        throw new MalformedArchiveException(
            entry.name() + ": inflates to " + filled + " bytes, not the declared " + out.length);
      }
      return out;
    } catch (DataFormatException e) {
      throw new MalformedArchiveException(entry.name() + ": not valid deflate data", e);
    } finally {
      inflater.end();
    }
  }

  private static ByteBuffer little(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}
