package dev.petrel.server.system;

import dev.petrel.server.ConfigException;

/**
 * {@code PETREL_LOG_FORMAT}: {@code text} (the default) or {@code json}, one JSON object per line
 * (logback's {@code JsonEncoder}: timestamp, level, logger, thread, message …) for log collectors.
 * logback.xml picks its appender by this name; anything else would silence the logs, so the server
 * refuses to start with it.
 */
public final class LogFormat {
  /** The environment variable. */
  public static final String VARIABLE = "PETREL_LOG_FORMAT";

  private LogFormat() {}

  /**
   * Checks a value of {@value #VARIABLE} (null when unset).
   *
   * @throws ConfigException naming the variable and the values it takes
   */
  public static void check(String value) {
    if (value != null && !value.equals("text") && !value.equals("json")) {
      throw new ConfigException(VARIABLE + ": expected text or json, found '" + value + "'");
    }
  }
}
