package dev.petrel.delta.zip;

import static dev.petrel.delta.zip.EndRecord.u16;
import static dev.petrel.delta.zip.EndRecord.u32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The central directory of a ZIP archive (zip, jar, APK, IPA), read from the archive's end, with
 * ZIP64 end records and extra fields. It reads only the directory and, when asked, an entry's local
 * header; the entries' data is read by the caller at {@link #dataOffset}. Every offset the archive
 * names is checked against its size before it is read. Uses only APIs Android 8 has: the patch
 * applier reads old archives with it on the device. Not thread-safe.
 */
public final class CentralDirectory {
  private static final int CENTRAL_SIGNATURE = 0x02014b50;
  private static final int LOCAL_SIGNATURE = 0x04034b50;
  private static final int CENTRAL_HEADER = 46;
  private static final int LOCAL_HEADER = 30;
  private static final long MAX_DIRECTORY = 64L << 20;
  private static final long ZIP64_SENTINEL = 0xffffffffL;

  /**
   * One entry of the central directory.
   *
   * @param name the entry's path inside the archive, decoded as UTF-8
   * @param flags its general purpose bit flags (bit 0: encrypted)
   * @param method 0 stored, 8 deflated, others as the ZIP specification numbers them
   * @param compressedSize its length in the archive
   * @param size its length once inflated
   * @param localHeader the offset of its local header
   * @param zip64 whether any of the three numbers came from a ZIP64 extra field (or was left at
   *     0xffffffff without one)
   */
  public record Entry(
      String name,
      int flags,
      int method,
      long compressedSize,
      long size,
      long localHeader,
      boolean zip64) {}

  private final BoundedSource source;
  private final EndRecord end;
  private final List<Entry> entries;

  private CentralDirectory(BoundedSource source, EndRecord end, List<Entry> entries) {
    this.source = source;
    this.end = end;
    this.entries = entries;
  }

  /**
   * Reads the central directory of {@code zip}.
   *
   * @throws ZipFormatException when it is not a ZIP archive this reader understands: no end record,
   *     a ZIP64 record missing where the end record defers to one, a directory larger than 64 MiB,
   *     too small for its entry count or outside the file, or a malformed or cut-short entry
   * @throws IOException when {@code zip} cannot be read
   */
  public static CentralDirectory read(ZipSource zip) throws IOException {
    BoundedSource source = new BoundedSource(zip);
    EndRecord end = EndRecord.read(source);
    long count = end.entryCount();
    long length = end.directoryLength();
    if (length < 0 || length > MAX_DIRECTORY || count < 0 || count > length / CENTRAL_HEADER) {
      throw new ZipFormatException(
          "a central directory of " + length + " bytes for " + count + " entries");
    }
    long offset = end.directoryOffset();
    if (offset < 0 || offset + length > end.directoryLimit()) {
      throw new ZipFormatException("the central directory lies outside the file");
    }
    List<Entry> entries = entries(source.bytes(offset, (int) length), (int) count);
    return new CentralDirectory(source, end, entries);
  }

  private static List<Entry> entries(byte[] directory, int count) {
    ByteBuffer buffer = ByteBuffer.wrap(directory).order(ByteOrder.LITTLE_ENDIAN);
    List<Entry> entries = new ArrayList<>(count);
    int at = 0;
    for (int i = 0; i < count; i++) {
      if (at + CENTRAL_HEADER > directory.length || buffer.getInt(at) != CENTRAL_SIGNATURE) {
        throw new ZipFormatException("central directory entry " + i + " is malformed");
      }
      int nameLength = u16(buffer, at + 28);
      int extra = u16(buffer, at + 30);
      int comment = u16(buffer, at + 32);
      if (at + CENTRAL_HEADER + (long) nameLength + extra > directory.length) {
        throw new ZipFormatException("central directory entry " + i + " is cut short");
      }
      long[] numbers = {u32(buffer, at + 24), u32(buffer, at + 20), u32(buffer, at + 42)};
      boolean zip64 = zip64Numbers(buffer, at + CENTRAL_HEADER + nameLength, extra, numbers);
      entries.add(
          new Entry(
              new String(directory, at + CENTRAL_HEADER, nameLength, StandardCharsets.UTF_8),
              u16(buffer, at + 8),
              u16(buffer, at + 10),
              numbers[1],
              numbers[0],
              numbers[2],
              zip64));
      at += CENTRAL_HEADER + nameLength + extra + comment;
    }
    return Collections.unmodifiableList(entries);
  }

  /**
   * Replaces the numbers stored as 0xffffffff ({@code numbers}: uncompressed size, compressed size,
   * local header offset) with the 8-byte values of the ZIP64 extra field (id 1), which holds just
   * those, in that order. True when any of them was 0xffffffff.
   */
  private static boolean zip64Numbers(ByteBuffer buffer, int start, int length, long[] numbers) {
    boolean zip64 = false;
    for (long number : numbers) {
      zip64 |= number == ZIP64_SENTINEL;
    }
    int at = start;
    while (zip64 && at + 4 <= start + length) {
      int id = u16(buffer, at);
      int size = u16(buffer, at + 2);
      if (id == 1) {
        int field = at + 4;
        for (int i = 0; i < numbers.length; i++) {
          if (numbers[i] == ZIP64_SENTINEL && field + 8 <= at + 4 + size) {
            numbers[i] = buffer.getLong(field);
            field += 8;
          }
        }
        break;
      }
      at += 4 + size;
    }
    return zip64;
  }

  /** Every entry, in central-directory order. */
  public List<Entry> entries() {
    return entries;
  }

  /** The first entry named exactly {@code name}, or empty. */
  public Optional<Entry> find(String name) {
    for (Entry entry : entries) {
      if (entry.name().equals(name)) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /** Where the central directory starts: the entries' data lies before it. */
  public long offset() {
    return end.directoryOffset();
  }

  /** Whether the end record defers to a ZIP64 end record. */
  public boolean zip64() {
    return end.zip64();
  }

  /** Whether the end record names a disk other than the first (a split or spanned archive). */
  public boolean spansDisks() {
    return end.spansDisks();
  }

  /**
   * Where the data of {@code entry} starts, after its local header and that header's name and extra
   * field.
   *
   * @throws ZipFormatException when there is no local header at the offset the directory names
   */
  public long dataOffset(Entry entry) throws IOException {
    ByteBuffer local = source.buffer(entry.localHeader(), LOCAL_HEADER);
    if (local.getInt(0) != LOCAL_SIGNATURE) {
      throw new ZipFormatException(entry.name() + ": no local header where one should be");
    }
    return entry.localHeader() + LOCAL_HEADER + u16(local, 26) + u16(local, 28);
  }

  /**
   * Exactly {@code length} bytes of the archive at {@code position}.
   *
   * @throws ZipFormatException when the range is not inside the archive
   */
  public byte[] bytes(long position, int length) throws IOException {
    return source.bytes(position, length);
  }
}
