package dev.petrel.cli;

import java.math.BigDecimal;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Reads rollout shares ({@code 10%}, {@code 0.5%}, {@code 1000bp}) and dwell times ({@code 30m},
 * {@code 24h}, {@code 2d}) from the command line, and prints shares back as percentages.
 */
final class RolloutShare {
  private RolloutShare() {}

  /** Converts {@code --share}: a percentage to two decimals, or basis points. */
  static final class Converter implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      return basisPoints(text);
    }
  }

  /**
   * @throws CommandLine.TypeConversionException unless {@code text} is {@code N%} (0–100, at most
   *     two decimals) or {@code Nbp} (0–10000)
   */
  static int basisPoints(String text) {
    String trimmed = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (trimmed.endsWith("%")) {
        BigDecimal percent = new BigDecimal(trimmed.substring(0, trimmed.length() - 1));
        BigDecimal points = percent.movePointRight(2);
        if (points.stripTrailingZeros().scale() <= 0
            && points.signum() >= 0
            && points.compareTo(BigDecimal.valueOf(10_000)) <= 0) {
          return points.intValueExact();
        }
      } else if (trimmed.endsWith("bp")) {
        int points = Integer.parseInt(trimmed.substring(0, trimmed.length() - 2));
        if (points >= 0 && points <= 10_000) {
          return points;
        }
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    throw new CommandLine.TypeConversionException(
        "expected a share like 10%, 0.5% or 1000bp (0-100 %), found '" + text + "'");
  }

  /** Minutes of a dwell time: {@code 90m}, {@code 24h}, {@code 2d}. */
  static int minutes(String text) {
    String trimmed = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (trimmed.length() > 1) {
        long value = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
        long factor =
            switch (trimmed.charAt(trimmed.length() - 1)) {
              case 'm' -> 1;
              case 'h' -> 60;
              case 'd' -> 24 * 60;
              default -> -1;
            };
        if (factor > 0 && value >= 0 && value * factor <= 90L * 24 * 60) {
          return (int) (value * factor);
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CommandLine.TypeConversionException(
        "expected a dwell like 30m, 24h or 2d (at most 90 days), found '" + text + "'");
  }

  /** {@code 1000} as {@code 10%}, {@code 50} as {@code 0.5%}. */
  static String percent(int basisPoints) {
    return BigDecimal.valueOf(basisPoints).movePointLeft(2).stripTrailingZeros().toPlainString()
        + "%";
  }

  /** {@code 1440} as {@code 24h}, {@code 90} as {@code 90m}, {@code 2880} as {@code 2d}. */
  static String dwell(int minutes) {
    if (minutes != 0 && minutes % (24 * 60) == 0) {
      return minutes / (24 * 60) + "d";
    }
    if (minutes != 0 && minutes % 60 == 0) {
      return minutes / 60 + "h";
    }
    return minutes + "m";
  }
}
