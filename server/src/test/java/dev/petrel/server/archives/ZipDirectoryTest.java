package dev.petrel.server.archives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.delta.zip.ZipSource;
import dev.petrel.server.ios.IpaInfo;
import dev.petrel.server.testing.TestIpa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The central-directory reader, on archives the JDK writes. */
class ZipDirectoryTest {
  @Test
  void readsAZip64ArchiveWithMoreThan65535Entries() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.setLevel(0);
      for (int i = 0; i < 70_000; i++) {
        out.putNextEntry(new ZipEntry("Payload/Runner.app/assets/" + i));
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("Payload/Runner.app/Info.plist"));
      out.write(TestIpa.binaryPlist(TestIpa.info("com.example.big", "3.0.0", "30")));
      out.closeEntry();
    }

    ZipDirectory zip = ZipDirectory.read(ZipSource.of(bytes.toByteArray()));

    assertThat(zip.entries()).hasSize(70_001);
    assertThat(IpaInfo.read(zip).bundleId()).isEqualTo("com.example.big");
  }

  @Test
  void refusesASplitArchive() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("AndroidManifest.xml"));
      out.write(new byte[] {1, 2, 3});
      out.closeEntry();
    }
    byte[] zip = bytes.toByteArray();
    // the end record (22 bytes, no comment) says this is disk 1 of a split archive
    ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putShort(zip.length - 22 + 4, (short) 1);

    assertThatThrownBy(() -> ZipDirectory.read(ZipSource.of(zip)))
        .isInstanceOf(MalformedArchiveException.class)
        .hasMessageStartingWith("a split archive");
  }

  @Test
  void refusesWhatIsNoArchive() {
    assertThatThrownBy(() -> ZipDirectory.read(ZipSource.of(new byte[100])))
        .isInstanceOf(MalformedArchiveException.class)
        .hasMessageStartingWith("not a ZIP archive");
  }
}
