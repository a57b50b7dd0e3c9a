package dev.petrel.delta;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.tukaani.xz.XZInputStream;

/**
 * Applies a patch: reads the old file by random access, writes the new file as a stream, and proves
 * the old file before and the new file after against the SHA-256 the patch names. Memory stays in
 * megabytes whatever the files' sizes: a few 64 KiB buffers and three LZMA2 decoders whose
 * dictionaries are capped at {@link #MAX_DICTIONARY_KIB}. A zip patch first writes the old
 * archive's expanded form to a temporary file beside the output, and deletes it afterwards.
 *
 * <p>On any failure the output file and the temporary file are deleted and the old file is left as
 * it was. The caller still checks the result against its own signed statement.
 */
public final class PatchApplier {
  /** The default cap on either expanded form: 4 GiB. */
  public static final long DEFAULT_MAX_EXPANDED = 4L << 30;

  /** The largest LZMA2 dictionary a patch stream may ask for, in KiB (the generator uses 8 MiB). */
  public static final int MAX_DICTIONARY_KIB = 8 * 1024;

  /** Told how far the patch has got. */
  public interface Progress {
    /**
     * Called after each control block.
     *
     * @param done bytes of the new (expanded) file made so far
     * @param total bytes it will have
     */
    void applied(long done, long total);

    /** A progress that ignores every call. */
    static Progress none() {
      return (done, total) -> {};
    }
  }

  private PatchApplier() {}

  /**
   * Applies {@code patch} to {@code oldFile}, writing {@code newFile}.
   *
   * @param maxExpanded the most bytes the new file or either expanded form may have
   * @return the patch's header (format and sizes)
   * @throws PatchException when the patch is malformed ({@code CORRUPT}), made for another file
   *     ({@code BASE_MISMATCH}), makes other bytes than it promises ({@code RESULT_MISMATCH}) or
   *     would expand beyond {@code maxExpanded} ({@code TOO_LARGE})
   * @throws IOException when reading or writing files fails (a full disk, for example)
   */
  public static PatchHeader apply(
      Path oldFile, Path patch, Path newFile, long maxExpanded, Progress progress)
      throws IOException {
    PatchHeader header = readHeader(patch, maxExpanded);
    verifyOld(oldFile, header);
    Path expandedOld = null;
    boolean done = false;
    try {
      Path base = oldFile;
      List<PlanEntry> deflate = List.of();
      if (header.format() == PatchFormat.ZIP) {
        ZipPlans plans;
        try (RandomReader old = new RandomReader(oldFile)) {
          plans = ZipPlans.of(header, old);
        }
        expandedOld = Files.createTempFile(newFile.toAbsolutePath().getParent(), "old-", ".tmp");
        ArchiveExpander.expandToFile(oldFile, plans.inflate(), expandedOld);
        base = expandedOld;
        deflate = plans.deflate();
      }
      byte[] sha = writeNew(base, patch, header, deflate, newFile, progress);
      if (Files.size(newFile) != header.newSize() || !Arrays.equals(sha, header.newSha256())) {
        throw new PatchException(
            PatchException.Reason.RESULT_MISMATCH,
            "the patched file does not have the size and SHA-256 the patch promises");
      }
      done = true;
      return header;
    } finally {
      if (expandedOld != null) {
        Files.deleteIfExists(expandedOld);
      }
      if (!done) {
        Files.deleteIfExists(newFile);
      }
    }
  }

  /** Reads and checks a patch's header without applying it. */
  public static PatchHeader readHeader(Path patch, long maxExpanded) throws IOException {
    try (DataInputStream in = new DataInputStream(RegionStream.open(patch, 0, Files.size(patch)))) {
      return PatchHeader.read(in, Files.size(patch), maxExpanded);
    }
  }

  private static void verifyOld(Path oldFile, PatchHeader header) throws IOException {
    if (Files.size(oldFile) != header.oldSize()
        || !Arrays.equals(Hashing.sha256(oldFile), header.oldSha256())) {
      throw new PatchException(
          PatchException.Reason.BASE_MISMATCH, "the file to patch is not the one the patch is for");
    }
  }

  private static byte[] writeNew(
      Path base,
      Path patch,
      PatchHeader header,
      List<PlanEntry> deflate,
      Path newFile,
      Progress progress)
      throws IOException {
    long start = header.length();
    MessageDigest digest = Hashing.newSha256();
    try (RandomReader old = new RandomReader(base);
        DataInputStream control =
            new DataInputStream(stream(patch, start, header.controlLength()));
        InputStream diff =
            new SparseDiffReader(
                stream(patch, start + header.controlLength(), header.runsLength()),
                stream(
                    patch,
                    start + header.controlLength() + header.runsLength(),
                    header.valuesLength()));
        InputStream extra =
            stream(
                patch,
                start + header.controlLength() + header.runsLength() + header.valuesLength(),
                header.extraLength());
        OutputStream out = newOutput(newFile, header, deflate, digest)) {
      if (old.size() != header.friendlyOldSize()) {
        throw new PatchException(
            PatchException.Reason.CORRUPT, "the old file's expanded form has an unexpected size");
      }
      new BsPatch(old, header.friendlyNewSize(), progress).apply(control, diff, extra, out);
    }
    return digest.digest();
  }

  private static OutputStream newOutput(
      Path newFile, PatchHeader header, List<PlanEntry> deflate, MessageDigest digest)
      throws IOException {
    OutputStream file =
        new DigestOutputStream(
            new BufferedOutputStream(Files.newOutputStream(newFile), 64 * 1024), digest);
    if (header.format() == PatchFormat.ZIP) {
      return new Recompressor(deflate, header.friendlyNewSize(), file);
    }
    return file;
  }

  private static InputStream stream(Path patch, long offset, long length) throws IOException {
    InputStream region = RegionStream.open(patch, offset, length);
    try {
      return new XZInputStream(region, MAX_DICTIONARY_KIB + 512);
    } catch (IOException e) {
      region.close();
      throw new PatchException(
          PatchException.Reason.CORRUPT, "a patch stream is corrupt: " + e.getMessage(), e);
    }
  }
}
