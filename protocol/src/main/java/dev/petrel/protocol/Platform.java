package dev.petrel.protocol;

/**
 * The platform a release is built for, e.g. {@code android}, {@code ios}, {@code windows}, {@code
 * macos}, {@code linux}. Any lowercase name of 1–32 characters ({@code [a-z][a-z0-9_-]*}) is
 * accepted so that app makers can add their own ({@code linux-arm64}). Immutable.
 *
 * @param name the validated name
 */
public record Platform(String name) {
  private static final NameSyntax SYNTAX = NameSyntax.of("a-z", "a-z0-9_-", 32);

  /** Validates {@code name}; use {@link #parse} for user input to get the field name in errors. */
  public Platform {
    Names.require("platform", name, SYNTAX, "a lowercase platform name like android or ios");
  }

  /**
   * @throws InvalidValueException unless {@code text} is 1–32 of {@code [a-z0-9_-]}, starting with
   *     a letter
   */
  public static Platform parse(String field, String text) {
    return new Platform(
        Names.require(field, text, SYNTAX, "a lowercase platform name like android or ios"));
  }

  @Override
  public String toString() {
    return name;
  }
}
