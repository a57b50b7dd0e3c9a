package dev.petrel.delta;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * The header of a patch file, as laid out in docs/protocol.md ("Delta patches"): magic, version,
 * format, the old and new files' sizes and SHA-256, for zip patches the inflate and deflate plans,
 * then the lengths of the four compressed diff streams that follow it.
 *
 * @param format binary or zip
 * @param oldSize the length of the file the patch applies to
 * @param oldSha256 its SHA-256 (32 bytes)
 * @param newSize the length of the file the patch makes
 * @param newSha256 its SHA-256 (32 bytes)
 * @param oldEntries how many deflated entries the old archive has, all of which are inflated (0 for
 *     binary patches)
 * @param plan the new friendly form's deflate plan, encoded (empty for binary patches)
 * @param friendlyOldSize the length of the old side of the diff (oldSize for binary patches)
 * @param friendlyNewSize the length of the new side of the diff (newSize for binary patches)
 * @param controlLength the compressed control stream's length
 * @param runsLength the compressed stream of the diff's zero-run lengths
 * @param valuesLength the compressed stream of the diff's non-zero bytes
 * @param extraLength the compressed extra stream's length
 */
public record PatchHeader(
    PatchFormat format,
    long oldSize,
    byte[] oldSha256,
    long newSize,
    byte[] newSha256,
    int oldEntries,
    byte[] plan,
    long friendlyOldSize,
    long friendlyNewSize,
    long controlLength,
    long runsLength,
    long valuesLength,
    long extraLength) {

  /** The first eight bytes of every patch. */
  static final byte[] MAGIC = {'P', 'E', 'T', 'R', 'E', 'L', 'D', 'P'};

  /** The only version this code reads and writes. */
  static final int VERSION = 1;

  /** A zip has at most 65 535 entries without zip64, which patches do not support. */
  static final int MAX_PLAN_ENTRIES = 65_535;

  /** The longest encoded plan accepted. */
  static final int MAX_PLAN_BYTES = 4 << 20;

  /** Writes the header. */
  public void write(DataOutputStream out) throws IOException {
    out.write(MAGIC);
    out.writeByte(VERSION);
    out.writeByte(format.code());
    out.writeLong(oldSize);
    out.write(oldSha256);
    out.writeLong(newSize);
    out.write(newSha256);
    if (format == PatchFormat.ZIP) {
      out.writeInt(oldEntries);
      out.writeLong(friendlyOldSize);
      out.writeInt(plan.length);
      out.write(plan);
      out.writeLong(friendlyNewSize);
    }
    out.writeLong(controlLength);
    out.writeLong(runsLength);
    out.writeLong(valuesLength);
    out.writeLong(extraLength);
  }

  /**
   * Reads and checks a header: every length non-negative and consistent, plans in order, inside
   * their files and within {@code maxExpanded} bytes, streams inside {@code patchLength}.
   *
   * @param maxExpanded the most bytes either friendly form may have
   * @throws PatchException {@code CORRUPT} for anything malformed, {@code TOO_LARGE} above the
   *     limit
   */
  public static PatchHeader read(DataInputStream in, long patchLength, long maxExpanded)
      throws IOException {
    try {
      return HeaderReader.read(in, patchLength, maxExpanded);
    } catch (EOFException e) {
      throw new PatchException(PatchException.Reason.CORRUPT, "the patch is truncated", e);
    }
  }

  /** The number of bytes {@link #write} writes for this header. */
  public long length() {
    long length = 8 + 1 + 1 + 8 + 32 + 8 + 32 + 32;
    if (format == PatchFormat.ZIP) {
      length += 4 + 8 + 4 + plan.length + 8;
    }
    return length;
  }

  /** A binary patch's header. */
  public static PatchHeader binary(
      long oldSize, byte[] oldSha, long newSize, byte[] newSha, long[] streamLengths) {
    return new PatchHeader(
        PatchFormat.BINARY,
        oldSize,
        oldSha,
        newSize,
        newSha,
        0,
        new byte[0],
        oldSize,
        newSize,
        streamLengths[0],
        streamLengths[1],
        streamLengths[2],
        streamLengths[3]);
  }
}
