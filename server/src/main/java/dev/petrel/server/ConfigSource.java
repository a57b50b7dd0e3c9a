package dev.petrel.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line flags and environment a {@link ServerConfig} is resolved from. Each read takes
 * the setting's flag, else its environment variable (an empty variable counts as unset), else the
 * fallback; the typed reads refuse a bad value with a {@link ConfigException} naming the setting.
 */
final class ConfigSource {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,15})\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)");

  private final Map<String, String> flags;
  private final Map<String, String> env;

  /**
   * @param flags values given on the command line, keyed by flag; absent or null when not given
   * @param env the environment
   */
  ConfigSource(Map<String, String> flags, Map<String, String> env) {
    this.flags = flags;
    this.env = env;
  }

  /** The setting's text, or {@code fallback} when neither its flag nor its variable is set. */
  String text(Setting setting, String fallback) {
    String flag = setting.flag() == null ? null : flags.get(setting.flag());
    if (flag != null) {
      return flag;
    }
    String fromEnv = setting.env() == null ? null : env.get(setting.env());
    return fromEnv != null && !fromEnv.isEmpty() ? fromEnv : fallback;
  }

  /** Whether the setting was given at all. */
  boolean isGiven(Setting setting) {
    return text(setting, null) != null;
  }

  /** An integer from {@code min} to {@code max}; {@code expected} describes that range. */
  long number(Setting setting, long fallback, long min, long max, String expected) {
    String text = text(setting, String.valueOf(fallback));
    try {
      long value = Long.parseLong(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw setting.invalid(expected, text);
  }

  /** An absolute, normalized path. */
  Path path(Setting setting, String fallback) {
    String text = text(setting, fallback);
    try {
      return Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw setting.invalid("a directory path", text);
    }
  }

  /** An http(s) URL without query or fragment, its trailing slash removed, or null if not set. */
  String httpUrl(Setting setting) {
    String text = text(setting, null);
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw setting.invalid("an http(s) URL such as https://updates.example.com", text);
  }

  /**
   * A positive size in bytes: {@code 2GiB}, {@code 500MB}, {@code 1048576}; K, M, G and T without B
   * are binary.
   */
  long size(Setting setting, long fallback) {
    String text = text(setting, null);
    if (text == null) {
      return fallback;
    }
    Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      long unit = unit(matcher.group(2));
      if (amount > 0 && amount <= Long.MAX_VALUE / unit) {
        return amount * unit;
      }
    }
    throw setting.invalid("a positive size such as 2GiB, 500MB or 1048576", text);
  }

  private static long unit(String suffix) {
    return switch (suffix) {
      case "", "b" -> 1L;
      case "kb" -> 1_000L;
      case "mb" -> 1_000_000L;
      case "gb" -> 1_000_000_000L;
      case "tb" -> 1_000_000_000_000L;
      case "k", "kib" -> 1L << 10;
      case "m", "mib" -> 1L << 20;
      case "g", "gib" -> 1L << 30;
      default -> 1L << 40;
    };
  }

  /** {@code on}/{@code true} or {@code off}/{@code false}, refused as "expected {@code words}". */
  boolean onOrOff(Setting setting, String fallback, String words) {
    String text = text(setting, fallback);
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default -> throw setting.invalid(words, text);
    };
  }
}
