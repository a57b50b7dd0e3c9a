package dev.petrel.cli;

/**
 * A command failed for a reason the user can act on. {@link Petrel} prints its message as one line,
 * {@code petrel: <message>}, and exits with 1; no stack trace.
 */
final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommandFailedException(String message) {
    super(message);
  }

  CommandFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
