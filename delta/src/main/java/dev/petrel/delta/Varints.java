package dev.petrel.delta;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The patch format's varints: 7 bits a byte, least significant group first, the high bit set on
 * every byte but the last (docs/protocol.md, "Delta patches").
 */
public final class Varints {
  private Varints() {}

  /** Writes a non-negative {@code value}. */
  public static void write(OutputStream out, long value) throws IOException {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  /**
   * Reads one varint.
   *
   * @return the value, or -1 when the stream ends before its first byte and {@code mayEnd}
   * @throws EOFException when the stream ends inside it (or before it, unless {@code mayEnd})
   * @throws PatchException {@code CORRUPT} when it is longer than 63 bits
   */
  static long read(InputStream in, boolean mayEnd) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      int b = in.read();
      if (b < 0) {
        if (shift == 0 && mayEnd) {
          return -1;
        }
        throw new EOFException("a varint ends early");
      }
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new PatchException(PatchException.Reason.CORRUPT, "a varint in the patch is too long");
  }
}
