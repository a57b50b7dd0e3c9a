package dev.petrel.protocol;

/**
 * Thrown by the validating factories of Petrel's value types when their input is malformed.
 *
 * <p>The message names the field and states what was expected and what was found, so it can be
 * shown to a user or returned in an API error unchanged.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * @param field the name of the offending input, as the user spelled it (e.g. {@code version})
   * @param message what was expected and what was found
   */
  public InvalidValueException(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The name of the offending input, e.g. {@code current_version}. */
  public String field() {
    return field;
  }

  static String quote(String value) {
    if (value == null) {
      return "nothing";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
    return "'" + shown + "'";
  }
}
