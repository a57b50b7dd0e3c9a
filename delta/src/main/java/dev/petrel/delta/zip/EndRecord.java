package dev.petrel.delta.zip;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What an archive's end of central directory record says about its central directory, with the
 * ZIP64 record's values when the classic record defers to it.
 *
 * @param entryCount how many entries the directory holds
 * @param directoryLength its length in bytes
 * @param directoryOffset where it starts
 * @param directoryLimit where it must end at the latest: the end record that follows it
 * @param zip64 whether the classic record deferred to a ZIP64 record
 * @param spansDisks whether the classic record names a disk other than the first
 */
record EndRecord(
    long entryCount,
    long directoryLength,
    long directoryOffset,
    long directoryLimit,
    boolean zip64,
    boolean spansDisks) {
  private static final int SIGNATURE = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_SIGNATURE = 0x06064b50;
  private static final int SIZE = 22;
  private static final int MAX_COMMENT = 0xffff;
  private static final int ZIP64_LOCATOR_SIZE = 20;
  private static final int ZIP64_SIZE = 56;

  /** The end record of {@code zip}, searched back from its end over any archive comment. */
  static EndRecord read(BoundedSource zip) throws IOException {
    long size = zip.size();
    if (size < SIZE) {
      throw new ZipFormatException("not a ZIP archive: only " + size + " bytes");
    }
    int tailLength = (int) Math.min(size, SIZE + MAX_COMMENT);
    ByteBuffer tail = zip.buffer(size - tailLength, tailLength);
    int at = find(tail);
    if (at < 0) {
      throw new ZipFormatException("not a ZIP archive: no end of central directory record");
    }
    long offset = size - tailLength + at;
    boolean spansDisks = u16(tail, at + 4) != 0 || u16(tail, at + 6) != 0;
    long count = u16(tail, at + 10);
    long length = u32(tail, at + 12);
    long start = u32(tail, at + 16);
    if (count == 0xffff || length == 0xffffffffL || start == 0xffffffffL) {
      long record = zip64Record(zip, offset);
      ByteBuffer zip64 = zip.buffer(record, ZIP64_SIZE);
      return new EndRecord(
          zip64.getLong(32), zip64.getLong(40), zip64.getLong(48), record, true, spansDisks);
    }
    return new EndRecord(count, length, start, offset, false, spansDisks);
  }

  /** The record's offset in {@code tail}, or -1: the last signature whose comment ends the file. */
  private static int find(ByteBuffer tail) {
    for (int at = tail.capacity() - SIZE; at >= 0; at--) {
      if (tail.getInt(at) == SIGNATURE && at + SIZE + u16(tail, at + 20) == tail.capacity()) {
        return at;
      }
    }
    return -1;
  }

  /** Where the ZIP64 end record is, from its locator right before the classic record. */
  private static long zip64Record(BoundedSource zip, long end) throws IOException {
    if (end < ZIP64_LOCATOR_SIZE) {
      throw new ZipFormatException("a ZIP64 archive without its ZIP64 locator");
    }
    ByteBuffer locator = zip.buffer(end - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
    if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
      throw new ZipFormatException("a ZIP64 archive without its ZIP64 locator");
    }
    long record = locator.getLong(8);
    if (record < 0 || record > end - ZIP64_LOCATOR_SIZE - ZIP64_SIZE) {
      throw new ZipFormatException("the ZIP64 end record lies outside the file");
    }
    if (zip.buffer(record, 4).getInt(0) != ZIP64_SIGNATURE) {
      throw new ZipFormatException("no ZIP64 end record where its locator points");
    }
    return record;
  }

  static int u16(ByteBuffer buffer, int at) {
    return buffer.getShort(at) & 0xffff;
  }

  static long u32(ByteBuffer buffer, int at) {
    return buffer.getInt(at) & 0xffffffffL;
  }
}
