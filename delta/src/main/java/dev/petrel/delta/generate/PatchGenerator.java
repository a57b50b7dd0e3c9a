package dev.petrel.delta.generate;

import dev.petrel.delta.PatchApplier;
import dev.petrel.delta.PatchFormat;
import dev.petrel.delta.PatchHeader;
import dev.petrel.delta.PlanCodec;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Makes a patch from one file to another: an archive-aware patch when both are plain zip archives
 * (zip, jar, APK) and the new one's entries can be re-deflated byte for byte, a binary patch
 * otherwise.
 *
 * <p>Memory: both files and both delta-friendly forms are held in arrays, and the suffix array of
 * the old form takes about 5.2 bytes per byte: in all about {@code 7 × old expanded + 2 × new
 * expanded} bytes. Callers on a server run this in a child JVM with its own {@code -Xmx} (see
 * {@link GenerateMain}). Files or expanded forms above 2 GiB are refused.
 */
public final class PatchGenerator {
  /**
   * What was made.
   *
   * @param format the patch's format
   * @param patchSize the patch's length
   * @param oldSize the old file's length
   * @param newSize the new file's length
   * @param reproducedEntries how many of the new archive's entries are rebuilt by re-deflating
   */
  public record Result(
      PatchFormat format, long patchSize, long oldSize, long newSize, int reproducedEntries) {}

  private PatchGenerator() {}

  /**
   * Writes the patch from {@code oldFile} to {@code newFile} into {@code patchFile}, replacing it.
   *
   * @throws IOException when a file cannot be read or written, or is larger than 2 GiB
   */
  public static Result generate(Path oldFile, Path newFile, Path patchFile) throws IOException {
    byte[] old = readSmall(oldFile);
    byte[] young = readSmall(newFile);
    FriendlyForms.Side oldSide = FriendlyForms.old(old);
    FriendlyForms.Side newSide = oldSide == null ? null : FriendlyForms.young(young);
    boolean zip = newSide != null && !newSide.plan().isEmpty();
    byte[] from = zip ? oldSide.bytes() : old;
    byte[] to = zip ? newSide.bytes() : young;
    Path dir = patchFile.toAbsolutePath().getParent();
    Path[] streams = new Path[4];
    try {
      long[] lengths = new long[streams.length];
      for (int i = 0; i < streams.length; i++) {
        streams[i] = Files.createTempFile(dir, "stream-", ".xz");
      }
      writeStreams(from, to, streams);
      for (int i = 0; i < streams.length; i++) {
        lengths[i] = Files.size(streams[i]);
      }
      PatchHeader header =
          zip
              ? new PatchHeader(
                  PatchFormat.ZIP,
                  old.length,
                  sha256(old),
                  young.length,
                  sha256(young),
                  oldSide.plan().size(),
                  PlanCodec.encode(oldSide.plan(), newSide.plan()),
                  from.length,
                  to.length,
                  lengths[0],
                  lengths[1],
                  lengths[2],
                  lengths[3])
              : PatchHeader.binary(old.length, sha256(old), young.length, sha256(young), lengths);
      writePatch(header, streams, patchFile);
      int reproduced = zip ? newSide.plan().size() : 0;
      return new Result(
          header.format(), Files.size(patchFile), old.length, young.length, reproduced);
    } finally {
      for (Path stream : streams) {
        if (stream != null) {
          Files.deleteIfExists(stream);
        }
      }
    }
  }

  /**
   * Writes the four streams uncompressed first, then compresses each with a dictionary no larger
   * than the stream itself (and at most {@link PatchApplier#MAX_DICTIONARY_KIB}): the device's
   * decoders then need only as much memory as the streams are long.
   */
  private static void writeStreams(byte[] from, byte[] to, Path[] streams) throws IOException {
    Path[] raw = new Path[streams.length];
    try {
      for (int i = 0; i < raw.length; i++) {
        raw[i] = Files.createTempFile(streams[i].getParent(), "raw-", ".bin");
      }
      try (DataOutputStream control = new DataOutputStream(buffered(raw[0]));
          OutputStream diff = new SparseDiffWriter(buffered(raw[1]), buffered(raw[2]));
          OutputStream extra = buffered(raw[3])) {
        BsDiff.diff(from, to, control, diff, extra);
      }
      for (int i = 0; i < raw.length; i++) {
        compress(raw[i], streams[i]);
      }
    } finally {
      for (Path file : raw) {
        if (file != null) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static void compress(Path raw, Path xz) throws IOException {
    long length = Files.size(raw);
    int dictionary =
        (int) Math.max(4096, Math.min(PatchApplier.MAX_DICTIONARY_KIB * 1024L, length));
    LZMA2Options options = new LZMA2Options(LZMA2Options.PRESET_DEFAULT);
    options.setDictSize(dictionary);
    options.setNiceLen(LZMA2Options.NICE_LEN_MAX);
    try (OutputStream out = new XZOutputStream(buffered(xz), options)) {
      Files.copy(raw, out);
    }
  }

  private static OutputStream buffered(Path file) throws IOException {
    return new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
  }

  private static void writePatch(PatchHeader header, Path[] streams, Path patchFile)
      throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(Files.newOutputStream(patchFile), 64 * 1024))) {
      header.write(out);
      for (Path stream : streams) {
        Files.copy(stream, out);
      }
    }
  }

  private static byte[] readSmall(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException(file + " is larger than 2 GiB; patches are not made for it");
    }
    return Files.readAllBytes(file);
  }

  private static byte[] sha256(byte[] bytes) {
    MessageDigest digest = dev.petrel.delta.Hashing.newSha256();
    return digest.digest(bytes);
  }
}
