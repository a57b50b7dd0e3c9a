package dev.petrel.server;

/**
 * The server's configuration is invalid. The message is one line naming the setting (flag and
 * environment variable) and the expected form, fit to print as the reason start-up stopped.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
