package dev.petrel.delta;

import dev.petrel.delta.zip.CentralDirectory;
import dev.petrel.delta.zip.ZipFormatException;
import dev.petrel.delta.zip.ZipSource;
import java.io.IOException;
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
  private static final int DEFLATED = 8;
  private static final int ENCRYPTED = 1;
  private static final int LOCAL_HEADER = 30;

  private ZipLayout() {}

  /**
   * The deflated entries in file order, as plan entries (offset of the compressed bytes, their
   * length, the length the directory says they inflate to), or null when {@code zip} is not a plain
   * zip.
   */
  public static List<PlanEntry> deflatedEntries(ZipSource zip) throws IOException {
    try {
      return read(CentralDirectory.read(zip));
    } catch (ZipFormatException | IndexOutOfBoundsException | IllegalArgumentException e) {
      return null;
    }
  }

  private static List<PlanEntry> read(CentralDirectory directory) throws IOException {
    if (directory.zip64() || directory.spansDisks()) {
      return null;
    }
    List<PlanEntry> entries = new ArrayList<>();
    for (CentralDirectory.Entry entry : directory.entries()) {
      if (entry.zip64()) {
        return null;
      }
      if (entry.method() != DEFLATED || (entry.flags() & ENCRYPTED) != 0) {
        continue;
      }
      PlanEntry planned = planned(directory, entry);
      if (planned == null) {
        return null;
      }
      entries.add(planned);
    }
    Collections.sort(entries, Comparator.comparingLong(PlanEntry::offset));
    return nonOverlapping(entries) ? entries : null;
  }

  /**
   * The deflated {@code entry}'s compressed bytes, or null when they are not all before the
   * directory.
   */
  private static PlanEntry planned(CentralDirectory directory, CentralDirectory.Entry entry)
      throws IOException {
    if (entry.localHeader() + LOCAL_HEADER > directory.offset()) {
      return null;
    }
    long data = directory.dataOffset(entry);
    if (data + entry.compressedSize() > directory.offset()) {
      return null;
    }
    return new PlanEntry(data, entry.compressedSize(), entry.size(), 0, 0);
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
}
