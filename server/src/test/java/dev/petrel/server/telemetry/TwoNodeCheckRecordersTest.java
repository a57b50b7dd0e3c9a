package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.db.Database;
import dev.petrel.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes, each with its own pool and check recorder, write checks of the same devices to one
 * database at once (each device checking on both, as behind a load balancer), so their batches
 * upsert the same daily sums, device marks and states concurrently: no batch may fail or need a
 * retry (a deadlock between them would show as one), and the sums equal the checks given.
 */
class TwoNodeCheckRecordersTest {
  private static final int DEVICES = 3_000;
  private static final int ROUNDS = 4;
  private static final Instant START = Instant.parse("2026-11-30T23:00:00Z");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void twoNodesWritingTheSameDevicesNeitherDeadlockNorLoseChecks(TestDatabase kind)
      throws Exception {
    TestDatabase.Prepared prepared = kind.prepare(dir);
    try (Database first = Database.open(prepared.jdbcUrl());
        Database second = Database.open(prepared.jdbcUrl())) {
      CheckRecorder one =
          new CheckRecorder(first.jdbi(), DEVICES * ROUNDS, 500, CheckRecorder.LINGER);
      CheckRecorder other =
          new CheckRecorder(second.jdbi(), DEVICES * ROUNDS, 500, CheckRecorder.LINGER);
      Thread oneFeeder = new Thread(() -> feed(one));
      Thread otherFeeder = new Thread(() -> feed(other));
      oneFeeder.start();
      otherFeeder.start();
      oneFeeder.join();
      otherFeeder.join();
      one.close();
      other.close();

      assertThat(one.failed() + other.failed()).isZero();
      assertThat(one.retried() + other.retried()).as("retried batches").isZero();
      assertThat(one.recorded() + other.recorded()).isEqualTo(2L * DEVICES * ROUNDS);
      assertThat(checksPerDay(first)).isEqualTo(expectedChecksPerDay());
      assertThat(devicesPerDay(first)).isEqualTo(expectedDevicesPerDay());
    } finally {
      prepared.cleanup().run();
    }
  }

  /**
   * Each round every device checks once, 30 minutes of check times apart: rounds cross midnight.
   */
  private static void feed(CheckRecorder recorder) {
    for (int round = 0; round < ROUNDS; round++) {
      for (int device = 0; device < DEVICES; device++) {
        assertThat(recorder.record(check(device, round))).isTrue();
      }
    }
  }

  private static CheckEvent check(int device, int round) {
    String version = device % 2 == 0 ? "1.0.0" : "1.1.0";
    return new CheckEvent(
        "default",
        device % 3 == 0 ? "ios" : "android",
        device % 5 == 0 ? "beta" : "stable",
        "dev-" + device,
        version,
        device % 2 == 0 ? 10L : 11L,
        device % 4 == 0 ? null : 7L,
        device % 4 == 0 ? null : "1.2.0",
        checkedAt(round));
  }

  private static Instant checkedAt(int round) {
    return START.plus(Duration.ofMinutes(30L * round));
  }

  private static Map<Long, Long> expectedChecksPerDay() {
    Map<Long, Long> perDay = new java.util.TreeMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      perDay.merge(TelemetryRollup.day(checkedAt(round)), 2L * DEVICES, Long::sum);
    }
    return perDay;
  }

  private static Map<Long, Long> expectedDevicesPerDay() {
    return expectedChecksPerDay().keySet().stream()
        .collect(Collectors.toMap(day -> day, day -> (long) DEVICES));
  }

  private static Map<Long, Long> checksPerDay(Database db) {
    return sumPerDay(db, "metric = 'checks'");
  }

  private static Map<Long, Long> devicesPerDay(Database db) {
    return sumPerDay(db, "metric = 'devices' AND channel = '*'");
  }

  private static Map<Long, Long> sumPerDay(Database db, String where) {
    return db.jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT day, SUM(n) AS n FROM telemetry_daily WHERE "
                            + where
                            + " GROUP BY day ORDER BY day")
                    .reduceRows(
                        new java.util.TreeMap<Long, Long>(),
                        (sums, row) -> {
                          sums.put(
                              row.getColumn("day", Long.class), row.getColumn("n", Long.class));
                          return sums;
                        }));
  }
}
