package dev.petrel.server.archives;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;

/** A stored artifact as a {@link ByteSource}: each read opens the slice it needs. */
public final class StoredBytes implements ByteSource {
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
  public byte[] read(long offset, int length) throws IOException {
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new MalformedArchiveException(
          "it points to " + length + " bytes at " + offset + ", outside its " + size + " bytes");
    }
    try (InputStream in = store.open(sha256, offset, length)) {
      byte[] bytes = in.readNBytes(length);
      if (bytes.length != length) {
        throw new java.io.EOFException(
            "read " + bytes.length + " of " + length + " bytes at " + offset + " of " + sha256);
      }
      return bytes;
    }
  }
}
