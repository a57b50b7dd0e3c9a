package dev.petrel.delta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tukaani.xz.FinishableOutputStream;
import org.tukaani.xz.FinishableWrapperOutputStream;
import org.tukaani.xz.LZMA2InputStream;
import org.tukaani.xz.LZMA2Options;

/**
 * Encodes a zip patch's deflate plan compactly: each entry as two varints (the gap since the
 * previous entry's end, in the friendly form, and the inflated length), then one byte per entry
 * ({@code level * 4 + strategy}), all compressed with raw LZMA2 whose preset dictionary is the old
 * archive's plan encoded the same way. Entries that did not change between releases thus cost
 * almost nothing, and the device derives the dictionary itself from the old archive.
 */
public final class PlanCodec {
  /** The LZMA2 dictionary: holds the largest old plan (65 535 entries of at most 20 bytes). */
  static final int DICTIONARY = 2 << 20;

  private PlanCodec() {}

  /** The encoded deflate plan. */
  public static byte[] encode(List<PlanEntry> oldPlan, List<PlanEntry> newPlan) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    Varints.write(raw, newPlan.size());
    byte[] records = records(newPlan, false);
    raw.write(records, 0, records.length);
    for (PlanEntry entry : newPlan) {
      raw.write(entry.level() * 4 + entry.strategy());
    }
    LZMA2Options options = new LZMA2Options();
    options.setDictSize(DICTIONARY);
    options.setPresetDict(records(oldPlan, true));
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (FinishableOutputStream out =
        options.getOutputStream(new FinishableWrapperOutputStream(compressed))) {
      raw.writeTo(out);
    }
    return compressed.toByteArray();
  }

  /**
   * Decodes a deflate plan, checking only its form (the header checks its bounds).
   *
   * @throws PatchException {@code CORRUPT} when the blob is not a well-formed plan
   */
  static List<PlanEntry> decode(byte[] blob, List<PlanEntry> oldPlan) throws PatchException {
    try (InputStream in =
        new LZMA2InputStream(new ByteArrayInputStream(blob), DICTIONARY, records(oldPlan, true))) {
      long count = Varints.read(in, false);
      if (count > PatchHeader.MAX_PLAN_ENTRIES) {
        throw corrupt("the deflate plan has " + count + " entries", null);
      }
      long[] gaps = new long[(int) count];
      long[] lengths = new long[(int) count];
      for (int i = 0; i < count; i++) {
        gaps[i] = Varints.read(in, false);
        lengths[i] = Varints.read(in, false);
      }
      List<PlanEntry> plan = new ArrayList<>((int) count);
      long end = 0;
      for (int i = 0; i < count; i++) {
        int settings = in.read();
        if (settings < 0) {
          throw new EOFException();
        }
        long offset = end + gaps[i];
        plan.add(new PlanEntry(offset, 0, lengths[i], settings >> 2, settings & 3));
        end = offset + lengths[i];
      }
      if (in.read() >= 0) {
        throw corrupt("the deflate plan has bytes left over", null);
      }
      return Collections.unmodifiableList(plan);
    } catch (PatchException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw corrupt("the deflate plan is corrupt", e);
    }
  }

  /** Gaps and lengths of a plan; the old side's entries end after their stored bytes. */
  private static byte[] records(List<PlanEntry> plan, boolean oldSide) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long end = 0;
    for (PlanEntry entry : plan) {
      Varints.write(out, entry.offset() - end);
      Varints.write(out, entry.inflatedLength());
      end = entry.offset() + (oldSide ? entry.storedLength() : entry.inflatedLength());
    }
    return out.toByteArray();
  }

  private static PatchException corrupt(String message, Throwable cause) {
    return new PatchException(PatchException.Reason.CORRUPT, message, cause);
  }
}
