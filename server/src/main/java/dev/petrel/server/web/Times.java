package dev.petrel.server.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How instants appear on the wire: ISO-8601 in UTC to the second, e.g. {@code
 * 2025-10-27T12:00:00Z}.
 */
public final class Times {
  private Times() {}

  /** The wire form of {@code instant}, or null for null. */
  public static String iso(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
