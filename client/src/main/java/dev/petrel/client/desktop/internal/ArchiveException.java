package dev.petrel.client.desktop.internal;

/** A release archive was refused: hostile, malformed or over a limit. The message says which. */
public final class ArchiveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ArchiveException(String message) {
    super(message);
  }

  public ArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
