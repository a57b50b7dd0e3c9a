package dev.petrel.server.artifacts;

/** An upload was refused: too large, or not matching the digest or length it declared. */
public final class ArtifactRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an upload was refused. */
  public enum Reason {
    TOO_LARGE,
    DIGEST_MISMATCH,
    SIZE_MISMATCH
  }

  private final Reason reason;

  public ArtifactRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
