package dev.petrel.client;

/**
 * Why an update step did not happen. Its message is written for people ("expected X, found Y" with
 * the source named); {@link #reason()} is for code. Whatever the reason, the step that threw left
 * the installed app and the updater's saved state as they were before it started (the one
 * exception: a partial download whose bytes were proven wrong is deleted).
 */
public final class UpdateException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The kind of failure. */
  public enum Reason {
    /** No source could be reached, or a connection broke or timed out. Retrying later may help. */
    NETWORK,
    /** A source answered with an error status or a malformed answer. */
    SERVER,
    /**
     * A signature, statement field, size or SHA-256 did not match: the update is refused, and
     * retrying the same bytes will not help.
     */
    VERIFICATION,
    /** The caller cancelled through its {@link Cancellation}. */
    CANCELLED,
    /** The {@link Installer} failed to install, roll back or mark healthy. */
    INSTALL,
    /** The state directory could not be read or written, or a call came in the wrong state. */
    STATE
  }

  private final Reason reason;

  /** A failure with a message for people. */
  public UpdateException(Reason reason, String message) {
    super(message);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** A failure caused by {@code cause}. */
  public UpdateException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** What kind of failure this is. */
  public Reason reason() {
    return reason;
  }
}
