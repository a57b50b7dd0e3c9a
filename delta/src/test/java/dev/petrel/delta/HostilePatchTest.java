package dev.petrel.delta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.delta.generate.PatchGenerator;
import dev.petrel.delta.zip.ZipSource;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Patches made to hurt: each is refused with its reason, the output is never left behind, no
 * temporary file stays, and the old file is untouched.
 */
class HostilePatchTest {
  @TempDir Path dir;
  private final Random random = new Random(3);
  private Path oldFile;
  private byte[] old;
  private byte[] young;
  private byte[] goodPatch;

  @BeforeEach
  void makeAGoodZipPatch() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 12; i++) {
      entries.put("lib/" + i + ".class", Archives.text(random, 3000 + i * 100));
    }
    old = Archives.zip(entries, 6);
    entries.put("lib/4.class", Archives.edit(random, entries.get("lib/4.class")));
    young = Archives.zip(entries, 6);
    oldFile = Files.write(dir.resolve("old.zip"), old);
    Path newFile = Files.write(dir.resolve("new.zip"), young);
    Path patch = dir.resolve("good.patch");
    assertThat(PatchGenerator.generate(oldFile, newFile, patch).format())
        .isEqualTo(PatchFormat.ZIP);
    goodPatch = Files.readAllBytes(patch);
    Files.delete(newFile);
    Files.delete(patch);
  }

  @Test
  void truncatedPatchesAreRefusedAsCorrupt() throws IOException {
    for (int length : new int[] {0, 7, 60, goodPatch.length / 2, goodPatch.length - 1}) {
      refused(Arrays.copyOf(goodPatch, length), PatchException.Reason.CORRUPT);
    }
  }

  @Test
  void everyBitFlipIsRefusedAndNeverInstallsOtherBytes() throws IOException {
    for (int position = 0; position < goodPatch.length; position += 1 + position / 7) {
      byte[] flipped = goodPatch.clone();
      flipped[position] ^= (byte) (1 << (position % 8));
      refused(flipped, null);
    }
  }

  @Test
  void aControlBlockPointingOutsideTheOldFileIsRefused() throws IOException {
    byte[] patch = binaryPatch(old, young.length, new long[] {old.length + 1L, 0, 0});
    assertThat(refused(patch, PatchException.Reason.CORRUPT))
        .hasMessageContaining("outside the old file");
    byte[] backwards = binaryPatch(old, young.length, new long[] {10, 0, -50, 10, 0, 0});
    assertThat(refused(backwards, PatchException.Reason.CORRUPT))
        .hasMessageContaining("outside the old file");
  }

  @Test
  void aPatchThatWouldWriteMoreThanItDeclaresOrThanTheLimitIsRefused() throws IOException {
    byte[] runaway = binaryPatch(old, 100, new long[] {50, 60, 0});
    assertThat(refused(runaway, PatchException.Reason.CORRUPT))
        .hasMessageContaining("past the end");
    byte[] huge = binaryPatch(old, 1L << 40, new long[] {10, 0, 0});
    refused(huge, PatchException.Reason.TOO_LARGE);
  }

  @Test
  void aPlanNamingAMissingEntryOrAnotherArchiveIsRefused() throws IOException {
    List<PlanEntry> oldPlan = ZipLayout.deflatedEntries(ZipSource.of(old));
    PatchHeader good = PatchApplier.readHeader(write(goodPatch), Long.MAX_VALUE);
    byte[] outside =
        PlanCodec.encode(oldPlan, List.of(new PlanEntry(good.friendlyNewSize() + 5, 0, 10, 6, 0)));
    assertThat(refused(rewriteZipHeader(good, good.oldEntries(), outside), null))
        .hasMessageContaining("outside the new file");
    byte[] badLevel = PlanCodec.encode(oldPlan, List.of(new PlanEntry(0, 0, 10, 12, 3)));
    refused(rewriteZipHeader(good, good.oldEntries(), badLevel), PatchException.Reason.CORRUPT);
    assertThat(
            refused(
                rewriteZipHeader(good, good.oldEntries() + 1, good.plan()),
                PatchException.Reason.CORRUPT))
        .hasMessageContaining("entries the patch was made from");
  }

  @Test
  void aPatchForAnotherFileIsRefusedAsABaseMismatch() throws IOException {
    old[old.length / 2] ^= 1;
    Files.write(oldFile, old);
    refused(goodPatch, PatchException.Reason.BASE_MISMATCH);
  }

  @Test
  void theGoodPatchItselfApplies() throws IOException {
    Path out = dir.resolve("out");
    PatchApplier.apply(oldFile, write(goodPatch), out, 1 << 20, PatchApplier.Progress.none());
    assertThat(Files.readAllBytes(out)).isEqualTo(young);
  }

  /** Applies {@code patch} expecting a refusal, and checks that nothing was left behind. */
  private PatchException refused(byte[] patch, PatchException.Reason reason) throws IOException {
    Path patchFile = write(patch);
    Path out = dir.resolve("out");
    byte[] before = Files.readAllBytes(oldFile);
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                PatchApplier.apply(oldFile, patchFile, out, 1 << 24, PatchApplier.Progress.none()));
    assertThat(thrown).isInstanceOf(PatchException.class);
    PatchException refusal = (PatchException) thrown;
    if (reason != null) {
      assertThat(refusal.reason()).as(refusal.getMessage()).isEqualTo(reason);
    }
    assertThat(out).doesNotExist();
    assertThat(Files.readAllBytes(oldFile)).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("old.zip", "patch");
    }
    Files.delete(patchFile);
    return refusal;
  }

  private Path write(byte[] patch) throws IOException {
    return Files.write(dir.resolve("patch"), patch);
  }

  /** A binary patch with these control triples, zero diff bytes and random extra bytes. */
  private byte[] binaryPatch(byte[] base, long newSize, long[] triples) throws IOException {
    ByteArrayOutputStream control = new ByteArrayOutputStream();
    long diffLength = 0;
    long extraLength = 0;
    try (DataOutputStream out = new DataOutputStream(xz(control))) {
      for (int i = 0; i < triples.length; i += 3) {
        out.writeLong(triples[i]);
        out.writeLong(triples[i + 1]);
        out.writeLong(triples[i + 2]);
        diffLength += Math.max(0, triples[i]);
        extraLength += Math.max(0, triples[i + 1]);
      }
    }
    ByteArrayOutputStream runs = new ByteArrayOutputStream();
    long zeros = Math.min(diffLength, 1 << 20);
    while ((zeros & ~0x7fL) != 0) {
      runs.write((int) ((zeros & 0x7f) | 0x80));
      zeros >>>= 7;
    }
    runs.write((int) zeros);
    byte[] diffRuns = compressed(runs.toByteArray());
    byte[] diffValues = compressed(new byte[0]);
    byte[] extra = compressed(Archives.text(random, (int) Math.min(extraLength, 1 << 20)));
    PatchHeader header =
        PatchHeader.binary(
            base.length,
            Hashing.newSha256().digest(base),
            newSize,
            new byte[32],
            new long[] {control.size(), diffRuns.length, diffValues.length, extra.length});
    ByteArrayOutputStream patch = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(patch)) {
      header.write(out);
      out.write(control.toByteArray());
      out.write(diffRuns);
      out.write(diffValues);
      out.write(extra);
    }
    return patch.toByteArray();
  }

  /** The good patch with its zip header's old entry count and plan replaced. */
  private byte[] rewriteZipHeader(PatchHeader good, int oldEntries, byte[] plan)
      throws IOException {
    PatchHeader header =
        new PatchHeader(
            good.format(),
            good.oldSize(),
            good.oldSha256(),
            good.newSize(),
            good.newSha256(),
            oldEntries,
            plan,
            good.friendlyOldSize(),
            good.friendlyNewSize(),
            good.controlLength(),
            good.runsLength(),
            good.valuesLength(),
            good.extraLength());
    ByteArrayOutputStream patch = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(patch)) {
      header.write(out);
      out.write(goodPatch, (int) good.length(), goodPatch.length - (int) good.length());
    }
    return patch.toByteArray();
  }

  private static byte[] compressed(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream xz = xz(out)) {
      xz.write(bytes);
    }
    return out.toByteArray();
  }

  private static OutputStream xz(OutputStream out) throws IOException {
    return new XZOutputStream(out, new LZMA2Options(1));
  }
}
