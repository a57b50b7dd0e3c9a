package dev.petrel.client.internal;

import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateException.Reason;
import dev.petrel.protocol.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one download in {@code downloads/}: {@code <sha256>.part} (bytes so far), {@code
 * <sha256>.part.validator} (the ETag or Last-Modified those bytes came with) and {@code <sha256>}
 * (the proven artifact).
 */
final class PartFile {
  private final Path part;
  private final Path validatorFile;
  private final Path complete;

  PartFile(Path dir, Sha256 sha256) {
    this.complete = dir.resolve(sha256.hex());
    this.part = dir.resolve(sha256.hex() + ".part");
    this.validatorFile = dir.resolve(sha256.hex() + ".part.validator");
  }

  Path part() {
    return part;
  }

  Path complete() {
    return complete;
  }

  /**
   * How many bytes of the part file a resume may keep: 0 when there is none, when it has no
   * validator to send in {@code If-Range} (the bytes could belong to another file), or when it is
   * longer than the artifact (then it is deleted, proven wrong).
   */
  long resumableLength(long size) throws IOException {
    if (!Files.exists(part)) {
      Files.deleteIfExists(validatorFile);
      return 0;
    }
    long length = Files.size(part);
    if (length > size || length > 0 && validator() == null) {
      discard();
      return 0;
    }
    return length;
  }

  /** The validator saved with the part's bytes, or null. */
  String validator() throws IOException {
    if (!Files.exists(validatorFile)) {
      return null;
    }
    String text = new String(Files.readAllBytes(validatorFile), StandardCharsets.UTF_8).trim();
    return text.isEmpty() || text.length() > 512 ? null : text;
  }

  /** Empties the part file for bytes arriving with {@code validator} (null: none, no resume). */
  void startOver(String validator) throws IOException {
    Files.deleteIfExists(validatorFile);
    Files.write(part, new byte[0]);
    if (validator != null) {
      AtomicFiles.write(validatorFile, validator.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Deletes the part file and its validator. */
  void discard() throws IOException {
    Files.deleteIfExists(part);
    Files.deleteIfExists(validatorFile);
  }

  /** Deletes the part (its bytes are proven wrong) and returns the refusal to throw. */
  UpdateException proveWrong(String message) throws IOException {
    discard();
    return new UpdateException(
        Reason.VERIFICATION, "refused: " + message + "; the partial download was deleted");
  }

  /**
   * Proves the complete part file against the statement and renames it to its final name.
   *
   * @throws UpdateException {@code VERIFICATION} (after deleting the part) when it is not the
   *     artifact
   */
  Path prove(Sha256 sha256, long size, URI url) throws IOException, UpdateException {
    long length = Files.exists(part) ? Files.size(part) : -1;
    if (length != size) {
      throw proveWrong(url + ": downloaded " + length + " bytes, the statement says " + size);
    }
    Sha256 actual = Proof.sha256(part);
    if (!actual.equals(sha256)) {
      throw proveWrong(
          url
              + ": the downloaded bytes have SHA-256 "
              + actual.hex()
              + ", the signed statement says "
              + sha256.hex());
    }
    AtomicFiles.sync(part);
    AtomicFiles.move(part, complete);
    Files.deleteIfExists(validatorFile);
    AtomicFiles.syncDirectory(complete.getParent());
    return complete;
  }
}
