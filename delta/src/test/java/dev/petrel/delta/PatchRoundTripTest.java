package dev.petrel.delta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.delta.generate.PatchGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every patch rebuilds the new file byte for byte, and archive patches beat binary ones. */
class PatchRoundTripTest {
  @TempDir Path dir;
  private final Random random = new Random(7);

  @Test
  void binaryFilesRoundTripThroughEditsInsertionsAndDeletions() throws IOException {
    for (int round = 0; round < 20; round++) {
      byte[] old = new byte[random.nextInt(200_000)];
      random.nextBytes(old);
      byte[] young = Archives.edit(random, old);
      PatchGenerator.Result result = roundTrip(old, young);
      assertThat(result.format()).isEqualTo(PatchFormat.BINARY);
      if (old.length > 10_000) {
        assertThat(result.patchSize()).isLessThan(young.length / 10);
      }
    }
  }

  @Test
  void emptyFilesOnEitherSideRoundTrip() throws IOException {
    roundTrip(new byte[0], Archives.text(random, 1000));
    roundTrip(Archives.text(random, 1000), new byte[0]);
    roundTrip(new byte[0], new byte[0]);
  }

  @Test
  void zipArchivesAtEveryLevelRoundTripAsArchivePatchesFarSmallerThanBinaryOnes()
      throws IOException {
    for (int level : new int[] {1, 6, 9, Deflater.DEFAULT_COMPRESSION}) {
      Map<String, byte[]> entries = release(40);
      byte[] old = Archives.zip(entries, level);
      entries.put("com/example/Changed.class", Archives.edit(random, entries.get("a/5.class")));
      entries.put("a/7.class", Archives.edit(random, entries.get("a/7.class")));
      entries.remove("a/9.class");
      entries.put("empty.txt", new byte[0]);
      byte[] young = Archives.zip(entries, level);

      PatchGenerator.Result zip = roundTrip(old, young);
      assertThat(zip.format()).isEqualTo(PatchFormat.ZIP);
      assertThat(zip.reproducedEntries()).isEqualTo(entries.size() - 1);

      Path plainOld = write("plain-old", scramble(old));
      Path plainNew = write("plain-new", scramble(young));
      long binary = PatchGenerator.generate(plainOld, plainNew, dir.resolve("p")).patchSize();
      assertThat(zip.patchSize()).as("level %d", level).isLessThan(binary / 4);
    }
  }

  @Test
  void anEntryTheJdkCannotReproduceStaysCompressedAndStillRoundTrips() throws IOException {
    Map<String, byte[]> entries = release(10);
    byte[] old = Archives.zip(entries, 6);
    entries.put("a/3.class", Archives.text(random, 200_000));
    byte[] young = Archives.zip(entries, 6, "a/3.class");
    PatchGenerator.Result result = roundTrip(old, young);
    assertThat(result.format()).isEqualTo(PatchFormat.ZIP);
    assertThat(result.reproducedEntries()).isEqualTo(entries.size() - 2);
  }

  @Test
  void aZip64OrMultiDiskArchiveFallsBackToABinaryPatch() throws IOException {
    byte[] old = Archives.zip(release(5), 6);
    byte[] young = Archives.zip(release(6), 6);
    byte[] multiDisk = young.clone();
    int end = young.length - 22 - "made by the tests".length();
    multiDisk[end + 4] = 1;
    assertThat(roundTrip(old, multiDisk).format()).isEqualTo(PatchFormat.BINARY);
    byte[] zip64 = young.clone();
    zip64[end + 10] = (byte) 0xff;
    zip64[end + 11] = (byte) 0xff;
    assertThat(roundTrip(old, zip64).format()).isEqualTo(PatchFormat.BINARY);
  }

  private Map<String, byte[]> release(int files) {
    Random contents = new Random(11);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes());
    for (int i = 0; i < files; i++) {
      entries.put("a/" + i + ".class", Archives.text(contents, 2000 + contents.nextInt(8000)));
    }
    entries.put("res/icon.png.stored", Archives.text(contents, 3000));
    return entries;
  }

  private static byte[] scramble(byte[] bytes) {
    byte[] copy = bytes.clone();
    copy[0] ^= 0x55; // no longer a zip signature at the start; the end record still is
    int last = copy.length - 22 - "made by the tests".length();
    copy[last] ^= 0x55;
    return copy;
  }

  private PatchGenerator.Result roundTrip(byte[] old, byte[] young) throws IOException {
    Path oldFile = write("old", old);
    Path newFile = write("new", young);
    Path patch = dir.resolve("patch");
    Path out = dir.resolve("out");
    PatchGenerator.Result result = PatchGenerator.generate(oldFile, newFile, patch);
    PatchHeader header =
        PatchApplier.apply(
            oldFile, patch, out, PatchApplier.DEFAULT_MAX_EXPANDED, PatchApplier.Progress.none());
    assertThat(Files.readAllBytes(out)).isEqualTo(young);
    assertThat(header.format()).isEqualTo(result.format());
    assertThat(result.patchSize()).isEqualTo(Files.size(patch));
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .noneMatch(name -> name.startsWith("old-") || name.startsWith("stream-"));
    }
    return result;
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }
}
