package dev.petrel.delta.zip;

/** An archive's bytes are not a ZIP archive {@link CentralDirectory} understands. */
public final class ZipFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message saying what was found where. */
  public ZipFormatException(String message) {
    super(message);
  }
}
