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
    int count = Short.toUnsignedInt(end.getShort(at + 10));
    long length = Integer.toUnsignedLong(end.getInt(at + 12));
    long offset = Integer.toUnsignedLong(end.getInt(at + 16));
    if (offset == 0xffffffffL || count == 0xffff || offset + length > size - tail + at) {
      throw new MalformedArchiveException(
          "unsupported ZIP archive: ZIP64 or a central directory outside the file");
    }
    if (length > 64L * 1024 * 1024) {
      throw new MalformedArchiveException("central directory too large: " + length + " bytes");
    }
    return new ZipDirectory(source, offset, entries(source.read(offset, (int) length), count));
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
      entries.add(
          new Entry(
              new String(directory, at + 46, nameLength, StandardCharsets.UTF_8),
              Short.toUnsignedInt(buffer.getShort(at + 10)),
              Integer.toUnsignedLong(buffer.getInt(at + 20)),
              Integer.toUnsignedLong(buffer.getInt(at + 24)),
              Integer.toUnsignedLong(buffer.getInt(at + 42))));
      at += 46 + nameLength + extra + comment;
    }
    return List.copyOf(entries);
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
    if (entry.size() > MAX_ENTRY || entry.compressedSize() > MAX_ENTRY) {
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
