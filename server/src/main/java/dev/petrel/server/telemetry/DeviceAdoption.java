package dev.petrel.server.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The adoption part of a {@link TelemetryRollup} batch: which devices were seen running which
 * version, in which channels, on which day, written to {@code device_adoption} (migration V16), one
 * row per device and subject (platform and version without build) holding the last day it was seen
 * so and the channels it was seen in that day ({@code ,stable,beta,}). Writing tells each device's
 * first sightings: a new day is its first of the day over all channels ({@link
 * TelemetryRollup#ALL_CHANNELS}) and in its channel; the same day and a channel not yet in the row
 * is its first in that channel only. The one row's lock keeps that exact when writers on several
 * nodes race. Not thread-safe.
 */
final class DeviceAdoption {
  /** Per day, the channels each device was seen in, by app, subject and device. */
  private final Map<Long, Map<List<Object>, Set<String>>> byDay = new TreeMap<>();

  /**
   * A first sighting: the device was seen running {@code version} of {@code platform} on {@code
   * day} for the first time that day in {@code channel}, or in any channel when that is {@link
   * TelemetryRollup#ALL_CHANNELS}.
   */
  record FirstSighting(String app, long day, String platform, String channel, String version) {}

  /** Notes that {@code device} ran {@code version} (with or without build) in {@code channel}. */
  void seen(String app, String device, String platform, String channel, String version, long day) {
    String subject = platform + " " + TelemetryRollup.withoutBuild(version);
    byDay
        .computeIfAbsent(day, d -> new HashMap<>())
        .computeIfAbsent(List.of(app, subject, device), key -> new TreeSet<>())
        .add(channel);
  }

  /** Whether nothing was noted. */
  boolean isEmpty() {
    return byDay.isEmpty();
  }

  /**
   * Adds one channel (as {@code ,name,}) to a device's adoption row: on a later day it replaces the
   * row's day and channels; on the same day it is appended unless the list holds it already. It
   * returns the rows it changed, whose last channel is the one added; a list of one channel is a
   * new day, also the device's first sighting of the day over all channels. {@code replace} tells
   * whether the list holds it (both databases have it; SQLite has no {@code strpos}, PostgreSQL no
   * {@code instr}). On both, the assignments read the row as it was.
   */
  private static final Upsert ADOPTION =
      new Upsert(
          "INSERT INTO device_adoption (app_id, subject, device_id, day, channels)",
          5,
          "ON CONFLICT (app_id, subject, device_id) DO UPDATE SET day = excluded.day,"
              + " channels = CASE WHEN device_adoption.day < excluded.day THEN excluded.channels"
              + " ELSE device_adoption.channels || substr(excluded.channels, 2) END"
              + " WHERE device_adoption.day < excluded.day"
              + " OR (device_adoption.day = excluded.day AND replace(device_adoption.channels,"
              + " excluded.channels, '') = device_adoption.channels)"
              + " RETURNING app_id, subject, channels");

  /**
   * Writes what was noted, day by day in order, in the caller's transaction, and hands each first
   * sighting it tells to {@code firstSightings}. A device seen in several channels in the batch is
   * written in rounds, one channel per device each (a statement may change each row once); every
   * device of a later round is in the first, whose statement takes the rows' locks in key order.
   */
  void write(Connection connection, Consumer<FirstSighting> firstSightings) throws SQLException {
    for (Map.Entry<Long, Map<List<Object>, Set<String>>> ofDay : byDay.entrySet()) {
      long day = ofDay.getKey();
      for (List<Object[]> round : rounds(day, ofDay.getValue())) {
        for (String[] changed : ADOPTION.returning(connection, round, 3)) {
          firstSightings(day, changed[0], changed[1], changed[2], firstSightings);
        }
      }
    }
  }

  private static List<List<Object[]>> rounds(
      long day, Map<List<Object>, Set<String>> channelsByDevice) {
    List<List<Object[]>> rounds = new ArrayList<>();
    channelsByDevice.forEach(
        (key, channels) -> {
          int round = 0;
          for (String channel : channels) {
            if (rounds.size() == round) {
              rounds.add(new ArrayList<>());
            }
            rounds
                .get(round++)
                .add(new Object[] {key.get(0), key.get(1), key.get(2), day, "," + channel + ","});
          }
        });
    rounds.forEach(round -> round.sort(TelemetryRollup::compareRows));
    return rounds;
  }

  /** The first sightings a row that {@link #ADOPTION} changed stands for. */
  private static void firstSightings(
      long day, String app, String subject, String channels, Consumer<FirstSighting> out) {
    int space = subject.indexOf(' ');
    String platform = subject.substring(0, space);
    String version = subject.substring(space + 1);
    int last = channels.lastIndexOf(',', channels.length() - 2);
    String channel = channels.substring(last + 1, channels.length() - 1);
    out.accept(new FirstSighting(app, day, platform, channel, version));
    if (last == 0) {
      out.accept(new FirstSighting(app, day, platform, TelemetryRollup.ALL_CHANNELS, version));
    }
  }
}
