package dev.petrel.delta;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

/** Reads a {@link PatchHeader} and refuses every inconsistency before a byte is applied. */
final class HeaderReader {
  private HeaderReader() {}

  static PatchHeader read(DataInputStream in, long patchLength, long maxExpanded)
      throws IOException {
    byte[] magic = new byte[PatchHeader.MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, PatchHeader.MAGIC)) {
      throw corrupt("this is not a Petrel patch (bad magic)");
    }
    int version = in.readUnsignedByte();
    if (version != PatchHeader.VERSION) {
      throw corrupt("patch version " + version + " is not supported (this reads version 1)");
    }
    PatchFormat format = PatchFormat.ofCode(in.readUnsignedByte());
    if (format == null) {
      throw corrupt("unknown patch format");
    }
    long oldSize = nonNegative(in.readLong(), "old size");
    byte[] oldSha = new byte[32];
    in.readFully(oldSha);
    long newSize = nonNegative(in.readLong(), "new size");
    byte[] newSha = new byte[32];
    in.readFully(newSha);
    int oldEntries = 0;
    byte[] plan = new byte[0];
    long friendlyOld = oldSize;
    long friendlyNew = newSize;
    if (format == PatchFormat.ZIP) {
      oldEntries = in.readInt();
      if (oldEntries < 0 || oldEntries > PatchHeader.MAX_PLAN_ENTRIES) {
        throw corrupt("the patch names " + oldEntries + " old entries");
      }
      friendlyOld = nonNegative(in.readLong(), "old expanded size");
      int planLength = in.readInt();
      if (planLength < 0 || planLength > PatchHeader.MAX_PLAN_BYTES) {
        throw corrupt("the patch's plan is " + planLength + " bytes");
      }
      plan = new byte[planLength];
      in.readFully(plan);
      friendlyNew = nonNegative(in.readLong(), "new expanded size");
    }
    limit(friendlyOld, maxExpanded, "the old file's expanded form");
    limit(friendlyNew, maxExpanded, "the new file's expanded form");
    limit(newSize, maxExpanded, "the new file");
    PatchHeader header =
        new PatchHeader(
            format,
            oldSize,
            oldSha,
            newSize,
            newSha,
            oldEntries,
            plan,
            friendlyOld,
            friendlyNew,
            nonNegative(in.readLong(), "control stream length"),
            nonNegative(in.readLong(), "runs stream length"),
            nonNegative(in.readLong(), "values stream length"),
            nonNegative(in.readLong(), "extra stream length"));
    long total =
        header.length()
            + header.controlLength()
            + header.runsLength()
            + header.valuesLength()
            + header.extraLength();
    if (total != patchLength) {
      throw corrupt("the patch is " + patchLength + " bytes but its header describes " + total);
    }
    return header;
  }

  private static void limit(long size, long max, String what) throws PatchException {
    if (size > max) {
      throw new PatchException(
          PatchException.Reason.TOO_LARGE,
          what + " would be " + size + " bytes, above the limit of " + max);
    }
  }

  private static long nonNegative(long value, String what) throws PatchException {
    if (value < 0) {
      throw corrupt("the patch's " + what + " is negative");
    }
    return value;
  }

  private static PatchException corrupt(String message) {
    return new PatchException(PatchException.Reason.CORRUPT, message);
  }
}
