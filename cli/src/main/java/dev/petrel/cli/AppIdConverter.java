package dev.petrel.cli;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.InvalidValueException;
import picocli.CommandLine;

/**
 * Reads {@code --app}: a malformed id is bad usage (exit 2) with the protocol's precise message.
 */
final class AppIdConverter implements CommandLine.ITypeConverter<AppId> {
  @Override
  public AppId convert(String text) {
    try {
      return AppId.parse("app", text);
    } catch (InvalidValueException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
