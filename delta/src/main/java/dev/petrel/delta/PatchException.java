package dev.petrel.delta;

import java.io.IOException;

/**
 * A patch that cannot be applied: malformed, for another base, or producing other bytes than it
 * promises. {@link #reason()} is a short machine-readable word for reports; the message says what
 * was wrong for people.
 */
public final class PatchException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why a patch was refused. */
  public enum Reason {
    /** The patch's bytes are not a well-formed patch (truncated, bad magic, bad numbers). */
    CORRUPT("corrupt_patch"),
    /** The file to patch is not the one the patch was made from. */
    BASE_MISMATCH("base_mismatch"),
    /** The patch applied, but the result is not the file it promised. */
    RESULT_MISMATCH("result_mismatch"),
    /** The patch would write more than the configured limit. */
    TOO_LARGE("too_large");

    private final String word;

    Reason(String word) {
      this.word = word;
    }

    /** The reason as reported in {@code delta_failed} events, e.g. {@code corrupt_patch}. */
    public String word() {
      return word;
    }
  }

  private final Reason reason;

  /** A refusal with its reason and a message for people. */
  public PatchException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A refusal caused by a lower-level failure (for example a corrupt compressed stream). */
  public PatchException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Why the patch was refused. */
  public Reason reason() {
    return reason;
  }
}
