package dev.petrel.protocol;

/**
 * An opaque, stable identifier an app sends for the device it runs on (an install UUID, an Android
 * ID): 1–128 characters of {@code [A-Za-z0-9._:-]}. Petrel uses it only to place the device in
 * rollouts and to count adoption. Immutable.
 *
 * @param value the validated identifier
 */
public record DeviceId(String value) {
  private static final NameSyntax SYNTAX = NameSyntax.of("A-Za-z0-9._:-", "A-Za-z0-9._:-", 128);
  private static final String EXPECTED = "1-128 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'";

  /** Validates {@code value}. */
  public DeviceId {
    Names.require("device_id", value, SYNTAX, EXPECTED);
  }

  /**
   * @throws InvalidValueException unless {@code text} is a valid device id
   */
  public static DeviceId parse(String field, String text) {
    return new DeviceId(Names.require(field, text, SYNTAX, EXPECTED));
  }

  @Override
  public String toString() {
    return value;
  }
}
