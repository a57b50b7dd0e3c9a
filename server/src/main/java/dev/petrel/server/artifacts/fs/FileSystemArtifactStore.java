package dev.petrel.server.artifacts.fs;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.artifacts.CheckedUpload;
import dev.petrel.server.artifacts.ContentAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores artifacts as files {@code <root>/<content address>} ({@link ContentAddress}). An upload is
 * written to a temporary file under {@code <root>/tmp}, hashed while written, fsynced, checked
 * against what the uploader declared, and only then renamed into place (and the directory fsynced,
 * so the rename survives a power loss); a failed upload deletes its temporary file. Temporary files
 * that a crash left behind are removed when the store is created.
 */
public final class FileSystemArtifactStore implements ArtifactStore {
  private static final Logger log = LoggerFactory.getLogger(FileSystemArtifactStore.class);
  private static final int BUFFER = 64 * 1024;
  private static final String TEMP_PREFIX = "upload-";
  private static final String TEMP_SUFFIX = ".part";

  /**
   * How long a temporary file must have been left untouched before startup removes it. An upload in
   * progress writes continuously (and the HTTP idle timeout ends a stalled one within seconds), so
   * an hour-old temporary file belongs to no live upload, even of another process sharing the
   * directory.
   */
  static final Duration STALE_TEMP = Duration.ofHours(1);

  private final Path root;
  private final Path tmp;

  /** Creates the directories under {@code root} when missing and removes stale temporary files. */
  public FileSystemArtifactStore(Path root) throws IOException {
    this.root = root;
    this.tmp = root.resolve("tmp");
    Files.createDirectories(tmp);
    removeStaleTemporaryFiles();
  }

  private void removeStaleTemporaryFiles() throws IOException {
    FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMP));
    try (DirectoryStream<Path> temps =
        Files.newDirectoryStream(tmp, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        if (Files.getLastModifiedTime(temp).compareTo(cutoff) < 0 && Files.deleteIfExists(temp)) {
          log.info("removed {}, left behind by an upload that never finished", temp);
        }
      }
    }
  }

  @Override
  public Stored put(InputStream in, long maxBytes, Sha256 expectedSha256, Long expectedSize)
      throws IOException {
    CheckedUpload upload = CheckedUpload.of(in, maxBytes, expectedSha256, expectedSize);
    // Recreated on every upload: an operator may have cleaned the data directory by hand.
    Files.createDirectories(tmp);
    Path temp = Files.createTempFile(tmp, TEMP_PREFIX, TEMP_SUFFIX);
    try {
      copy(upload, temp);
      Stored stored = upload.verify();
      moveIntoPlace(temp, pathOf(stored.sha256()));
      return stored;
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Deletes a temporary file without hiding the failure that is being reported. */
  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      log.warn("cannot delete the temporary upload {}: {}", temp, e.toString());
    }
  }

  /** Copies the whole upload to {@code temp} and syncs it to the disk. */
  private static void copy(CheckedUpload upload, Path temp) throws IOException {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel)) {
      byte[] buffer = new byte[BUFFER];
      for (int read; (read = upload.read(buffer)) != -1; ) {
        out.write(buffer, 0, read);
      }
      out.flush();
      channel.force(true);
    }
  }

  private void moveIntoPlace(Path temp, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      return; // content-addressed: the same bytes are already stored
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // a concurrent upload of the same bytes won; its file is identical
      return;
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the artifact directory does not support atomic renames: " + root, e);
    }
    fsyncDirectory(target.getParent());
  }

  /**
   * Makes a rename durable: until its directory is synced, a power loss can undo it. Platforms that
   * cannot open a directory for syncing (Windows) make renames durable themselves.
   */
  private static void fsyncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      log.debug("cannot fsync directory {}: {}", directory, e.toString());
    }
  }

  @Override
  public Optional<Stored> stat(Sha256 sha256) throws IOException {
    Path path = pathOf(sha256);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    return Optional.of(new Stored(sha256, Files.size(path)));
  }

  @Override
  public InputStream open(Sha256 sha256, long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "offset and length: expected 0 or more, found " + offset + " and " + length);
    }
    Path path = pathOf(sha256);
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(sha256.hex());
    }
    SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ);
    try {
      channel.position(offset);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new BoundedInputStream(Channels.newInputStream(channel), length);
  }

  @Override
  public Optional<Path> localFile(Sha256 sha256) {
    return Optional.of(pathOf(sha256));
  }

  private Path pathOf(Sha256 sha256) {
    return root.resolve(ContentAddress.of(sha256));
  }
}
