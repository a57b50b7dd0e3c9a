package dev.petrel.delta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Where a zip archive's deflated entries lie, read from its central directory. Anything this does
 * not handle — zip64, several disks, encrypted or overlapping entries, a missing or inconsistent
 * directory — makes it answer "not a plain zip" (null), and the generator then makes a binary patch
 * instead. Both the generator and the applier use it, so both derive the same old-archive plan from
 * the same bytes.
 */
public final class ZipLayout {
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int CENTRAL_SIGNATURE = 0x02014b50;
  private static final int LOCAL_SIGNATURE = 0x04034b50;
  private static final int DEFLATED = 8;
  private static final int MAX_END_SEARCH = 0xffff + 22;
  private static final long MAX_DIRECTORY = 64L << 20;

  /** Random access to an archive's bytes. */
  public interface Bytes {
    /** The archive's length. */
    long size();

    /** Copies {@code length} bytes at {@code position}. */
    void read(long position, byte[] into, int offset, int length) throws IOException;

    /** An archive held in an array. */
    static Bytes of(byte[] array) {
      return new Bytes() {
        @Override
        public long size() {
          return array.length;
        }

        @Override
        public void read(long position, byte[] into, int offset, int length) {
          System.arraycopy(array, (int) position, into, offset, length);
        }
      };
    }
  }

  private ZipLayout() {}

  /**
   * The deflated entries in file order, as plan entries (offset of the compressed bytes, their
   * length, the length the directory says they inflate to), or null when {@code zip} is not a plain
   * zip.
   */
  public static List<PlanEntry> deflatedEntries(Bytes zip) throws IOException {
    try {
      return read(zip);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      return null;
    }
  }

  private static List<PlanEntry> read(Bytes zip) throws IOException {
    long size = zip.size();
    int tailLength = (int) Math.min(size, MAX_END_SEARCH);
    ByteBuffer tail = slice(zip, size - tailLength, tailLength);
    int end = findEnd(tail);
    if (end < 0) {
      return null;
    }
    int disk = tail.getShort(end + 4) & 0xffff;
    int centralDisk = tail.getShort(end + 6) & 0xffff;
    int count = tail.getShort(end + 10) & 0xffff;
    long centralSize = tail.getInt(end + 12) & 0xffffffffL;
    long centralOffset = tail.getInt(end + 16) & 0xffffffffL;
    long endOffset = size - tailLength + end;
    if (disk != 0 || centralDisk != 0 || count == 0xffff || centralOffset == 0xffffffffL) {
      return null;
    }
    if (centralOffset + centralSize > endOffset || centralSize > MAX_DIRECTORY) {
      return null;
    }
    ByteBuffer directory = slice(zip, centralOffset, (int) centralSize);
    List<PlanEntry> entries = new ArrayList<>();
    int at = 0;
    for (int i = 0; i < count; i++) {
      if (directory.getInt(at) != CENTRAL_SIGNATURE) {
        return null;
      }
      PlanEntry entry = entryAt(zip, directory, at, centralOffset);
      if (entry == INVALID) {
        return null;
      }
      if (entry != null) {
        entries.add(entry);
      }
      at += 46 + u16(directory, at + 28) + u16(directory, at + 30) + u16(directory, at + 32);
    }
    Collections.sort(entries, Comparator.comparingLong(PlanEntry::offset));
    return nonOverlapping(entries) ? entries : null;
  }

  private static final PlanEntry INVALID = new PlanEntry(-1, -1, -1, 0, 0);

  /** The entry described at {@code at}: null when it is not deflated, INVALID when broken. */
  private static PlanEntry entryAt(Bytes zip, ByteBuffer directory, int at, long centralOffset)
      throws IOException {
    int flags = u16(directory, at + 8);
    int method = u16(directory, at + 10);
    long compressed = directory.getInt(at + 20) & 0xffffffffL;
    long size = directory.getInt(at + 24) & 0xffffffffL;
    long local = directory.getInt(at + 42) & 0xffffffffL;
    if (compressed == 0xffffffffL || size == 0xffffffffL || local == 0xffffffffL) {
      return INVALID;
    }
    if (method != DEFLATED || (flags & 1) != 0) {
      return null;
    }
    if (local + 30 > centralOffset) {
      return INVALID;
    }
    ByteBuffer header = slice(zip, local, 30);
    if (header.getInt(0) != LOCAL_SIGNATURE) {
      return INVALID;
    }
    long data = local + 30 + u16(header, 26) + u16(header, 28);
    if (data + compressed > centralOffset) {
      return INVALID;
    }
    return new PlanEntry(data, compressed, size, 0, 0);
  }

  private static boolean nonOverlapping(List<PlanEntry> entries) {
    long end = 0;
    for (PlanEntry entry : entries) {
      if (entry.offset() < end) {
        return false;
      }
      end = entry.offset() + entry.storedLength();
    }
    return true;
  }

  /** The end-of-central-directory record's offset in the tail, searched back over any comment. */
  private static int findEnd(ByteBuffer tail) {
    for (int at = tail.capacity() - 22; at >= 0; at--) {
      if (tail.getInt(at) == END_SIGNATURE && at + 22 + u16(tail, at + 20) == tail.capacity()) {
        return at;
      }
    }
    return -1;
  }

  private static ByteBuffer slice(Bytes zip, long position, int length) throws IOException {
    if (position < 0 || length < 0 || position + length > zip.size()) {
      throw new IndexOutOfBoundsException("outside the archive");
    }
    byte[] bytes = new byte[length];
    zip.read(position, bytes, 0, length);
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static int u16(ByteBuffer buffer, int at) {
    return buffer.getShort(at) & 0xffff;
  }
}
