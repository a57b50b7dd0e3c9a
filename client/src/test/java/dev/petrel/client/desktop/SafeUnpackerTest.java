package dev.petrel.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.client.desktop.internal.ArchiveException;
import dev.petrel.client.desktop.internal.SafeUnpacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnpackerTest {
  @TempDir Path temp;

  private Path target() throws IOException {
    return Files.createDirectories(temp.resolve("app/versions/1.0.0"));
  }

  private void unpack(ZipBuilder zip, ArchiveLimits limits) throws IOException {
    new SafeUnpacker(limits).unpack(zip.write(temp.resolve("a.zip")), target());
  }

  private void assertRefused(ZipBuilder zip, String message) throws IOException {
    assertThatThrownBy(() -> unpack(zip, ArchiveLimits.DEFAULT))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining(message);
    assertThat(temp.resolve("app/evil")).doesNotExist();
    assertThat(temp.resolve("evil")).doesNotExist();
  }

  @Test
  void unpacksFilesFoldersAndInsideLinks() throws IOException {
    unpack(
        new ZipBuilder()
            .directory("lib/")
            .file("lib/a.jar", "jar")
            .file("petrel-app.json", "{}")
            .symlink("current-lib", "lib/a.jar"),
        ArchiveLimits.DEFAULT);
    Path target = temp.resolve("app/versions/1.0.0");
    assertThat(target.resolve("lib/a.jar")).hasContent("jar");
    assertThat(Files.isSymbolicLink(target.resolve("current-lib"))).isTrue();
    assertThat(target.resolve("current-lib")).hasContent("jar");
  }

  @Test
  void refusesDotDotEntries() throws IOException {
    assertRefused(new ZipBuilder().file("../../evil", "x"), "'..' path segment");
  }

  @Test
  void refusesBackslashTraversal() throws IOException {
    assertRefused(new ZipBuilder().file("..\\..\\evil", "x"), "backslash");
  }

  @Test
  void refusesAbsolutePaths() throws IOException {
    assertRefused(new ZipBuilder().file(temp.resolve("evil").toString(), "x"), "absolute");
    assertRefused(new ZipBuilder().file("C:\\evil", "x"), "backslash");
    assertRefused(new ZipBuilder().file("C:/evil", "x"), "absolute");
  }

  @Test
  void refusesLinksThatEscape() throws IOException {
    assertRefused(new ZipBuilder().symlink("evil", "../../../evil"), "points outside");
    assertRefused(new ZipBuilder().symlink("evil", "/etc/passwd"), "points outside");
    assertThat(
            Files.exists(
                temp.resolve("app/versions/1.0.0/evil"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
        .isFalse();
  }

  @Test
  void refusesLinkChainsThatEscapeThroughAnotherLink() throws IOException {
    assertRefused(
        new ZipBuilder()
            .directory("a/")
            .directory("a/b/")
            .symlink("up", "a/b/../..")
            .symlink("a/b/c", "../../up/.."),
        "outside");
  }

  @Test
  void refusesDuplicateEntries() throws IOException {
    assertRefused(new ZipBuilder().file("a", "1").file("a", "2"), "duplicate entry 'a'");
    assertRefused(new ZipBuilder().directory("a/").file("a", "2"), "duplicate entry 'a'");
  }

  @Test
  void refusesTooManyEntries() throws IOException {
    ZipBuilder zip = new ZipBuilder();
    for (int i = 0; i < 11; i++) {
      zip.file("f" + i, "x");
    }
    assertThatThrownBy(() -> unpack(zip, new ArchiveLimits(1 << 20, 10)))
        .hasMessageContaining("11 entries, more than the limit of 10");
  }

  @Test
  void refusesAZipBombThatDeclaresItsSizeBeforeWritingAnything() throws IOException {
    long size = 200L * (16 << 20); // 3.2 GiB of zeros from about 3 MB
    ZipBuilder bomb = new ZipBuilder().zeros("zeros.bin", 200, size);
    long started = System.nanoTime();
    assertThatThrownBy(() -> unpack(bomb, new ArchiveLimits(64L << 20, 100)))
        .hasMessageContaining("expands past the limit of 67108864 bytes");
    assertThat(temp.resolve("a.zip"))
        .satisfies(p -> assertThat(Files.size(p)).isLessThan(8L << 20));
    assertThat(bytesUnder(temp.resolve("app"))).isZero();
    assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
  }

  @Test
  void stopsAZipBombThatLiesAboutItsSizeAtTheFirstExtraByte() throws IOException {
    ZipBuilder bomb = new ZipBuilder().zeros("zeros.bin", 200, 1000);
    long started = System.nanoTime();
    assertThatThrownBy(() -> unpack(bomb, ArchiveLimits.DEFAULT))
        .hasMessageContaining("expands beyond its declared 1000 bytes");
    assertThat(bytesUnder(temp.resolve("app"))).isLessThanOrEqualTo(1000);
    assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
  }

  @Test
  void refusesEntriesWhoseDeclaredSizesTogetherPassTheTotal() throws IOException {
    ZipBuilder zip = new ZipBuilder().zeros("a.bin", 1, 16 << 20).zeros("b.bin", 1, 16 << 20);
    assertThatThrownBy(() -> unpack(zip, new ArchiveLimits(20L << 20, 100)))
        .hasMessageContaining("expands past the limit");
  }

  private static long bytesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
