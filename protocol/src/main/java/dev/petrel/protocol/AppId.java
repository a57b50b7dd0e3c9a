package dev.petrel.protocol;

/**
 * The identifier of an app on a Petrel server, used in URLs ({@code /api/v1/apps/{app}}): 1–63
 * characters of {@code [a-z0-9-]}, starting with a letter or digit. Immutable.
 *
 * @param name the validated identifier
 */
public record AppId(String name) {
  private static final NameSyntax SYNTAX = NameSyntax.of("a-z0-9", "a-z0-9-", 63);
  private static final String EXPECTED = "an app id of 1-63 characters a-z, 0-9 and '-'";

  /** The app the seed API ({@code /api/updates/...}) works on. */
  public static final AppId DEFAULT = new AppId("default");

  /** Validates {@code name}. */
  public AppId {
    Names.require("app", name, SYNTAX, EXPECTED);
  }

  /**
   * @throws InvalidValueException unless {@code text} is a valid app id
   */
  public static AppId parse(String field, String text) {
    return new AppId(Names.require(field, text, SYNTAX, EXPECTED));
  }

  @Override
  public String toString() {
    return name;
  }
}
