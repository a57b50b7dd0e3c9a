package dev.petrel.server.archives;

/** An archive, manifest or property list could not be read: its bytes are not what they claim. */
public final class MalformedArchiveException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedArchiveException(String message) {
    super(message);
  }

  public MalformedArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
