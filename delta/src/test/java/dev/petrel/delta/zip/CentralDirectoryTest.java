package dev.petrel.delta.zip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The central-directory reader, on archives the JDK writes and on broken copies of them. */
class CentralDirectoryTest {
  private static final byte[] TEXT = "a stored entry".getBytes(StandardCharsets.UTF_8);

  @Test
  void readsEachEntryAndWhereItsDataStarts() throws IOException {
    CentralDirectory zip = CentralDirectory.read(ZipSource.of(archive("")));

    assertThat(zip.entries())
        .extracting(CentralDirectory.Entry::name, CentralDirectory.Entry::method)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("stored.txt", 0),
            org.assertj.core.groups.Tuple.tuple("deflated.txt", 8));
    CentralDirectory.Entry stored = zip.find("stored.txt").orElseThrow();
    assertThat(zip.bytes(zip.dataOffset(stored), (int) stored.compressedSize())).isEqualTo(TEXT);
    assertThat(zip.zip64()).isFalse();
    assertThat(zip.spansDisks()).isFalse();
  }

  @Test
  void findsTheEndRecordBehindACommentOfMoreThan32KiB() throws IOException {
    char[] comment = new char[40_000];
    Arrays.fill(comment, 'c');

    CentralDirectory zip = CentralDirectory.read(ZipSource.of(archive(new String(comment))));

    assertThat(zip.entries()).hasSize(2);
  }

  @Test
  void refusesWhatIsNoArchive() {
    assertThatThrownBy(() -> CentralDirectory.read(ZipSource.of(new byte[100])))
        .isInstanceOf(ZipFormatException.class)
        .hasMessage("not a ZIP archive: no end of central directory record");
  }

  @Test
  void refusesADirectoryEntryWithoutItsSignature() throws IOException {
    byte[] zip = archive("");
    zip[(int) directoryOffset(zip)] = 0;

    assertThatThrownBy(() -> CentralDirectory.read(ZipSource.of(zip)))
        .isInstanceOf(ZipFormatException.class)
        .hasMessage("central directory entry 0 is malformed");
  }

  @Test
  void refusesALocalHeaderOffsetOutsideTheArchive() throws IOException {
    byte[] zip = archive("");
    int entry = (int) directoryOffset(zip);
    ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(entry + 42, zip.length);
    CentralDirectory directory = CentralDirectory.read(ZipSource.of(zip));

    assertThatThrownBy(() -> directory.dataOffset(directory.entries().get(0)))
        .isInstanceOf(ZipFormatException.class)
        .hasMessageContaining("outside its " + zip.length + " bytes");
  }

  @Test
  void tellsASplitArchiveByItsDiskNumbers() throws IOException {
    byte[] zip = archive("");
    ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putShort(zip.length - 22 + 4, (short) 1);

    assertThat(CentralDirectory.read(ZipSource.of(zip)).spansDisks()).isTrue();
  }

  /** An archive of one stored and one deflated entry, with {@code comment}. */
  static byte[] archive(String comment) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      ZipEntry stored = new ZipEntry("stored.txt");
      stored.setMethod(ZipEntry.STORED);
      stored.setSize(TEXT.length);
      CRC32 crc = new CRC32();
      crc.update(TEXT);
      stored.setCrc(crc.getValue());
      out.putNextEntry(stored);
      out.write(TEXT);
      out.putNextEntry(new ZipEntry("deflated.txt"));
      out.write("a deflated entry, a deflated entry".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      if (!comment.isEmpty()) {
        out.setComment(comment);
      }
    }
    return bytes.toByteArray();
  }

  /** The central directory's offset, from the end record of an archive without a comment. */
  static long directoryOffset(byte[] zip) {
    return ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).getInt(zip.length - 22 + 16);
  }
}
