package dev.petrel.client.swing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers, sizes and times as the dialogs show them. */
final class Formats {
  private static final String[] UNITS = {"kB", "MB", "GB", "TB"};
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private Formats() {}

  /**
   * A byte count for people, in decimal units as desktop file managers show them: {@code 0 B},
   * {@code 999 B}, {@code 1.5 kB}, {@code 24.7 MB}, {@code 1.1 GB}. Negative counts (unknown) give
   * {@code "unknown size"}.
   */
  static String size(long bytes) {
    if (bytes < 0) {
      return "unknown size";
    }
    if (bytes < 1000) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 999.95 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** Whole percent of {@code done} in {@code total}, 0–100; -1 when {@code total} is unknown. */
  static int percent(long done, long total) {
    if (total <= 0) {
      return -1;
    }
    long clamped = Math.max(0, Math.min(done, total));
    return (int) (clamped * 100 / total);
  }

  /** {@code "12.3 MB of 45.6 MB (27 %)"}, or {@code "12.3 MB"} when the total is unknown. */
  static String progress(long done, long total) {
    int percent = percent(done, total);
    if (percent < 0) {
      return size(done);
    }
    return size(done) + " of " + size(total) + " (" + percent + " %)";
  }

  /** {@code "2026-11-23 18:05"} in {@code zone}; {@code "—"} for null. */
  static String when(Instant at, ZoneId zone) {
    return at == null ? "\u2014" : WHEN.format(at.atZone(zone));
  }
}
