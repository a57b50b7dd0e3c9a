package dev.petrel.server;

/**
 * One setting of {@link ServerConfig}: the command-line flag and the environment variable it is
 * read from.
 *
 * @param flag the flag ({@code --port}), or null for a setting read only from the environment
 * @param env the environment variable ({@code PETREL_PORT}), or null for a flag-only setting
 */
record Setting(String flag, String env) {

  /** A setting read only from the environment, e.g. a secret that must not show in {@code ps}. */
  static Setting envOnly(String env) {
    return new Setting(null, env);
  }

  /** How error messages name the setting: {@code --port / PETREL_PORT}. */
  String describe() {
    if (flag == null) {
      return env;
    }
    return env == null ? flag : flag + " / " + env;
  }

  /** A one-line refusal: {@code --port / PETREL_PORT: expected …, found 'eighty'}. */
  ConfigException invalid(String expected, String found) {
    return new ConfigException(describe() + ": expected " + expected + ", found '" + found + "'");
  }
}
