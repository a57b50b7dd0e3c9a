package dev.petrel.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * A patch to a 100 MB file is applied in a JVM limited to {@code -Xmx64m}: the applier holds
 * neither file in memory.
 */
class BigPatchTest {
  private static final int SIZE = 100 << 20;
  private static final long[] EDITS = {17, 33_554_432, SIZE - 5L};

  @TempDir Path dir;

  @Test
  void aPatchToAHundredMegabyteFileAppliesWithinSixtyFourMegabytesOfHeap() throws Exception {
    Path old = dir.resolve("old.bin");
    MessageDigest oldDigest = Hashing.newSha256();
    MessageDigest newDigest = Hashing.newSha256();
    writeFiles(old, oldDigest, newDigest);
    Path patch = dir.resolve("big.patch");
    byte[] newSha = newDigest.digest();
    Files.write(patch, patch(oldDigest.digest(), newSha));
    Path out = dir.resolve("new.bin");

    Process child =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m",
                    "-XX:+UseSerialGC",
                    "-cp",
                    System.getProperty("java.class.path"),
                    ApplyMain.class.getName(),
                    old.toString(),
                    patch.toString(),
                    out.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
    assertThat(Files.size(out)).isEqualTo(SIZE);
    assertThat(Hashing.sha256(out)).isEqualTo(newSha);
    assertThat(Files.size(patch)).isLessThan(100_000);
  }

  /** The old file (random bytes) and, into the digest only, the new one: three bytes changed. */
  private static void writeFiles(Path old, MessageDigest oldDigest, MessageDigest newDigest)
      throws IOException {
    Random random = new Random(5);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(old)) {
      for (long at = 0; at < SIZE; at += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk);
        oldDigest.update(chunk);
        for (long edit : EDITS) {
          if (edit >= at && edit < at + chunk.length) {
            chunk[(int) (edit - at)] += 1;
          }
        }
        newDigest.update(chunk);
      }
    }
  }

  /** One control triple over the whole file; the diff is zeros but for +1 at each edit. */
  private static byte[] patch(byte[] oldSha, byte[] newSha) throws IOException {
    ByteArrayOutputStream control = new ByteArrayOutputStream();
    try (DataOutputStream triples = new DataOutputStream(xz(control))) {
      triples.writeLong(SIZE);
      triples.writeLong(0);
      triples.writeLong(0);
    }
    ByteArrayOutputStream runs = new ByteArrayOutputStream();
    ByteArrayOutputStream values = new ByteArrayOutputStream();
    try (OutputStream runStream = xz(runs);
        OutputStream valueStream = xz(values)) {
      long previous = 0;
      for (long edit : EDITS) {
        varint(runStream, edit - previous);
        valueStream.write(1);
        previous = edit + 1;
      }
      varint(runStream, SIZE - previous);
    }
    ByteArrayOutputStream extra = new ByteArrayOutputStream();
    xz(extra).close();
    ByteArrayOutputStream patch = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(patch)) {
      PatchHeader.binary(
              SIZE,
              oldSha,
              SIZE,
              newSha,
              new long[] {control.size(), runs.size(), values.size(), extra.size()})
          .write(out);
      control.writeTo(out);
      runs.writeTo(out);
      values.writeTo(out);
      extra.writeTo(out);
    }
    return patch.toByteArray();
  }

  private static void varint(OutputStream out, long value) throws IOException {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }

  private static OutputStream xz(OutputStream out) throws IOException {
    return new XZOutputStream(out, new LZMA2Options(1));
  }
}
