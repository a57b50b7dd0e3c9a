package dev.petrel.server.archives;

import dev.petrel.delta.zip.CentralDirectory;
import dev.petrel.delta.zip.ZipFormatException;
import dev.petrel.delta.zip.ZipSource;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A ZIP archive (APK, IPA) as publish-time checks read it: its central directory (read by the delta
 * module's {@link CentralDirectory}, ZIP64 included) and the entries it names, read one at a time
 * and only when small. Every archive the reader does not understand, a split (multi-disk) archive
 * included, is a {@link MalformedArchiveException}. Not thread-safe.
 */
public final class ZipDirectory {
  /** Bigger entries are never needed here (a manifest, a plist, a signature file). */
  public static final int MAX_ENTRY = 16 * 1024 * 1024;

  private static final int STORED = 0;
  private static final int DEFLATED = 8;

  private final CentralDirectory directory;

  private ZipDirectory(CentralDirectory directory) {
    this.directory = directory;
  }

  /**
   * Reads the central directory of {@code source}.
   *
   * @throws MalformedArchiveException when it is not a ZIP archive this reader understands, or is
   *     one part of a split archive
   */
  public static ZipDirectory read(ZipSource source) throws IOException {
    CentralDirectory directory;
    try {
      directory = CentralDirectory.read(source);
    } catch (ZipFormatException e) {
      throw malformed(e);
    }
    if (directory.spansDisks()) {
      // its offsets point into other files: read here, they would name the wrong bytes
      throw new MalformedArchiveException(
          "a split archive (its end record names a disk other than the first); publish the whole"
              + " archive as one file");
    }
    return new ZipDirectory(directory);
  }

  /** Every entry, in central-directory order. */
  public List<CentralDirectory.Entry> entries() {
    return directory.entries();
  }

  /** The entry named exactly {@code name}, or empty. */
  public Optional<CentralDirectory.Entry> find(String name) {
    return directory.find(name);
  }

  /** Where the central directory starts: an APK's signing block ends right before it. */
  public long centralDirectoryOffset() {
    return directory.offset();
  }

  /**
   * Exactly {@code length} bytes of the archive at {@code offset}.
   *
   * @throws MalformedArchiveException when the range is not inside the archive: whatever pointed
   *     there is malformed
   */
  public byte[] read(long offset, int length) throws IOException {
    try {
      return directory.bytes(offset, length);
    } catch (ZipFormatException e) {
      throw malformed(e);
    }
  }

  /**
   * The inflated bytes of {@code entry}.
   *
   * @throws MalformedArchiveException when it is larger than {@link #MAX_ENTRY}, has no local
   *     header, uses another compression method, or does not inflate to its declared size
   */
  public byte[] contents(CentralDirectory.Entry entry) throws IOException {
    if (entry.size() < 0
        || entry.compressedSize() < 0
        || entry.size() > MAX_ENTRY
        || entry.compressedSize() > MAX_ENTRY) {
      throw new MalformedArchiveException(entry.name() + " is larger than " + MAX_ENTRY + " bytes");
    }
    byte[] stored;
    try {
      stored = directory.bytes(directory.dataOffset(entry), (int) entry.compressedSize());
    } catch (ZipFormatException e) {
      throw malformed(e);
    }
    return switch (entry.method()) {
      case STORED -> stored;
      case DEFLATED -> inflate(entry, stored);
      default ->
          throw new MalformedArchiveException(
              entry.name() + ": unsupported compression method " + entry.method());
    };
  }

  private static byte[] inflate(CentralDirectory.Entry entry, byte[] deflated) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(deflated);
      byte[] out = new byte[(int) entry.size()];
      int filled = 0;
      while (filled < out.length && !inflater.finished()) {
        int n = inflater.inflate(out, filled, out.length - filled);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        filled += n;
      }
      if (filled != out.length) {
        throw new MalformedArchiveException(
            entry.name() + ": inflates to " + filled + " bytes, not the declared " + out.length);
      }
      return out;
    } catch (DataFormatException e) {
      throw new MalformedArchiveException(entry.name() + ": not valid deflate data", e);
    } finally {
      inflater.end();
    }
  }

  private static MalformedArchiveException malformed(ZipFormatException e) {
    return new MalformedArchiveException(e.getMessage(), e);
  }
}
