package dev.petrel.delta;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Writes an archive's delta-friendly form: the archive with the planned entries inflated, every
 * other byte as it is. Used on the old archive while applying a zip patch, and by the generator on
 * both archives.
 */
public final class ArchiveExpander {
  private ArchiveExpander() {}

  /**
   * Streams {@code archive} into {@code out}, inflating each planned entry.
   *
   * @throws PatchException {@code CORRUPT} when a planned entry does not inflate to exactly its
   *     planned length from exactly its stored bytes
   */
  public static void expand(Path archive, List<PlanEntry> plan, OutputStream out)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    byte[] inflated = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(archive)) {
      long position = 0;
      for (PlanEntry entry : plan) {
        copy(in, entry.offset() - position, out, buffer, false);
        inflate(in, entry, out, buffer, inflated);
        position = entry.offset() + entry.storedLength();
      }
      copy(in, Long.MAX_VALUE, out, buffer, true);
    }
  }

  /** Expands into the file {@code into}; the caller deletes it. */
  static void expandToFile(Path archive, List<PlanEntry> plan, Path into) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(into), 64 * 1024)) {
      expand(archive, plan, out);
    }
  }

  private static void copy(
      InputStream in, long length, OutputStream out, byte[] buffer, boolean toTheEnd)
      throws IOException {
    while (length > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, length));
      if (n < 0) {
        if (toTheEnd) {
          return;
        }
        throw new PatchException(PatchException.Reason.CORRUPT, "the archive ends too early");
      }
      out.write(buffer, 0, n);
      length -= n;
    }
  }

  private static void inflate(
      InputStream in, PlanEntry entry, OutputStream out, byte[] buffer, byte[] inflated)
      throws IOException {
    Inflater inflater = new Inflater(true);
    try {
      long stored = entry.storedLength();
      long produced = 0;
      boolean dummyGiven = false;
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          if (stored > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, stored));
            if (n < 0) {
              throw mismatch(entry, "the archive ends inside it");
            }
            stored -= n;
            inflater.setInput(buffer, 0, n);
          } else if (!dummyGiven) {
            // Raw inflate may want one byte past the stream's end to see that it is complete.
            dummyGiven = true;
            inflater.setInput(new byte[1], 0, 1);
          } else {
            throw mismatch(entry, "its deflate stream does not end within its bytes");
          }
        }
        int n = inflater.inflate(inflated);
        produced += n;
        if (produced > entry.inflatedLength()) {
          throw mismatch(entry, "it inflates to more bytes than planned");
        }
        out.write(inflated, 0, n);
        if (n == 0 && inflater.needsDictionary()) {
          throw mismatch(entry, "it needs a preset dictionary");
        }
      }
      int left = inflater.getRemaining() - (dummyGiven ? 1 : 0);
      if (stored != 0 || left != 0 || produced != entry.inflatedLength()) {
        throw mismatch(entry, "it does not inflate to its planned length from its stored bytes");
      }
    } catch (DataFormatException e) {
      throw mismatch(entry, "its deflate stream is malformed");
    } finally {
      inflater.end();
    }
  }

  private static PatchException mismatch(PlanEntry entry, String why) {
    return new PatchException(
        PatchException.Reason.CORRUPT,
        "the archive's entry at offset " + entry.offset() + " cannot be expanded: " + why);
  }
}
