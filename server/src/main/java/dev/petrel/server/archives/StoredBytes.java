package dev.petrel.server.archives;

import dev.petrel.delta.zip.ZipSource;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactStore;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** A stored artifact as a {@link ZipSource}: each read opens the slice it needs. */
public final class StoredBytes implements ZipSource {
  private final ArtifactStore store;
  private final Sha256 sha256;
  private final long size;

  public StoredBytes(ArtifactStore store, Sha256 sha256, long size) {
    this.store = store;
    this.sha256 = sha256;
    this.size = size;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long position, byte[] into, int offset, int length) throws IOException {
    try (InputStream in = store.open(sha256, position, length)) {
      int read = in.readNBytes(into, offset, length);
      if (read != length) {
        throw new EOFException(
            "read " + read + " of " + length + " bytes at " + position + " of " + sha256);
      }
    }
  }
}
