package dev.petrel.delta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.delta.zip.ZipSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Which archives the patches treat as plain zips, and where their deflated entries lie. */
class ZipLayoutTest {
  private static final byte[] TEXT =
      "deflate me, deflate me, deflate me".getBytes(StandardCharsets.UTF_8);

  @Test
  void placesEachDeflatedEntryAfterItsLocalHeader() throws IOException {
    byte[] zip = archive(1);

    List<PlanEntry> entries = ZipLayout.deflatedEntries(ZipSource.of(zip));

    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).offset()).isEqualTo(30 + "entry-0".length());
    assertThat(entries.get(0).inflatedLength()).isEqualTo(TEXT.length);
  }

  @Test
  void takesAZip64ArchiveForNoPlainZip() throws IOException {
    assertThat(ZipLayout.deflatedEntries(ZipSource.of(archive(70_000)))).isNull();
  }

  @Test
  void takesASplitArchiveForNoPlainZip() throws IOException {
    byte[] zip = archive(1);
    ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putShort(zip.length - 22 + 6, (short) 1);

    assertThat(ZipLayout.deflatedEntries(ZipSource.of(zip))).isNull();
  }

  @Test
  void takesAnEncryptedEntryForNoEntryToInflate() throws IOException {
    byte[] zip = archive(1);
    int directory =
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(zip.length - 22 + 16);
    zip[directory + 8] |= 1;

    assertThat(ZipLayout.deflatedEntries(ZipSource.of(zip))).isEmpty();
  }

  /** An archive of {@code count} entries, each deflated {@code TEXT}. */
  private static byte[] archive(int count) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (int i = 0; i < count; i++) {
        out.putNextEntry(new ZipEntry("entry-" + i));
        out.write(TEXT);
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
