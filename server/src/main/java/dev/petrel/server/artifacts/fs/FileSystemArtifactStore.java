package dev.petrel.server.artifacts.fs;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactRejectedException;
import dev.petrel.server.artifacts.ArtifactRejectedException.Reason;
import dev.petrel.server.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Stores artifacts as files {@code <root>/<first two hex>/<sha256>}. An upload is written to a
 * temporary file under {@code <root>/tmp}, hashed while written, fsynced, checked against what the
 * uploader declared, and only then renamed into place; a failed upload deletes its temporary file.
 */
public final class FileSystemArtifactStore implements ArtifactStore {
  private static final int BUFFER = 64 * 1024;

  private final Path root;
  private final Path tmp;

  /** Creates the directories under {@code root} when missing. */
  public FileSystemArtifactStore(Path root) throws IOException {
    this.root = root;
    this.tmp = root.resolve("tmp");
    Files.createDirectories(tmp);
  }

  @Override
  public Stored put(InputStream in, long maxBytes, Sha256 expectedSha256, Long expectedSize)
      throws IOException {
    if (expectedSize != null && expectedSize > maxBytes) {
      throw tooLarge(maxBytes);
    }
    Path temp = Files.createTempFile(tmp, "upload-", ".part");
    try {
      MessageDigest digest = Sha256.newDigest();
      long size = copy(in, temp, digest, maxBytes);
      Sha256 actual = Sha256.ofDigest(digest.digest());
      if (expectedSize != null && expectedSize != size) {
        throw new ArtifactRejectedException(
            Reason.SIZE_MISMATCH, "declared " + expectedSize + " bytes but received " + size);
      }
      if (expectedSha256 != null && !expectedSha256.equals(actual)) {
        throw new ArtifactRejectedException(
            Reason.DIGEST_MISMATCH,
            "declared SHA-256 " + expectedSha256 + " but the bytes hash to " + actual);
      }
      moveIntoPlace(temp, pathOf(actual));
      return new Stored(actual, size);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static long copy(InputStream in, Path temp, MessageDigest digest, long maxBytes)
      throws IOException {
    long size = 0;
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        OutputStream out = Channels.newOutputStream(channel)) {
      byte[] buffer = new byte[BUFFER];
      for (int read; (read = in.read(buffer)) != -1; ) {
        size += read;
        if (size > maxBytes) {
          throw tooLarge(maxBytes);
        }
        digest.update(buffer, 0, read);
        out.write(buffer, 0, read);
      }
      out.flush();
      channel.force(true);
    }
    return size;
  }

  private static ArtifactRejectedException tooLarge(long maxBytes) {
    return new ArtifactRejectedException(
        Reason.TOO_LARGE, "the artifact is larger than the limit of " + maxBytes + " bytes");
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
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the artifact directory does not support atomic renames: " + root, e);
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

  private Path pathOf(Sha256 sha256) {
    String hex = sha256.hex();
    return root.resolve(hex.substring(0, 2)).resolve(hex);
  }
}
