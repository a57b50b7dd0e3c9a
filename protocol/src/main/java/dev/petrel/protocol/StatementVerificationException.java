package dev.petrel.protocol;

/**
 * Thrown when a signed statement must not be trusted: its signature is malformed, or none of the
 * pinned keys made it. Whoever catches it must act as if no statement had arrived (fail closed).
 */
public final class StatementVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why verification failed, for callers that report or count failures by kind. */
  public enum Reason {
    /** The signature is not standard base64 of exactly 64 bytes (e.g. truncated). */
    MALFORMED_SIGNATURE,
    /** The signature is well-formed but no pinned key verifies it over the statement bytes. */
    NOT_SIGNED_BY_PINNED_KEY
  }

  private final Reason reason;

  /**
   * @param reason the kind of failure
   * @param message what was expected and what was found
   */
  public StatementVerificationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The kind of failure. */
  public Reason reason() {
    return reason;
  }
}
