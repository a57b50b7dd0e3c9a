package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.db.Database;
import dev.petrel.server.db.Dialect;
import dev.petrel.server.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A device's adoption row ({@code device_adoption}, V16) counts it once a day over all channels and
 * once a day in each channel it was seen in, whether its channels come in one batch or several; and
 * V16 turns the adoption marks of V12 into such rows without changing what is counted next.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class DeviceAdoptionTest {
  private static final Instant DAY_0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant DAY_1 = DAY_0.plus(Duration.ofDays(1));
  private static final long DAY = TelemetryRollup.day(DAY_0);

  @Parameter TestDatabase kind;
  @TempDir Path dir;
  TestDatabase.Prepared prepared;

  @BeforeEach
  void prepare() {
    prepared = kind.prepare(dir);
  }

  @AfterEach
  void cleanUp() {
    if (prepared != null) {
      prepared.cleanup().run();
    }
  }

  @Test
  void countsADeviceOnceADayOverAllChannelsAndOnceADayInEachOfItsChannels() throws Exception {
    try (Database db = Database.open(prepared.jdbcUrl())) {
      // one batch: d1 in two channels (two rounds of the upsert), d2 in one, repeated checks
      write(
          db,
          check("d1", "stable", DAY_0),
          check("d1", "stable", DAY_0),
          check("d1", "beta", DAY_0),
          check("d2", "stable", DAY_0));
      // another batch: a channel d1 had that day, a new one, and d2 on the next day
      write(
          db,
          check("d1", "beta", DAY_0),
          check("d1", "alpha", DAY_0),
          check("d2", "stable", DAY_1));
      // a sighting older than the row's day counts for nothing
      write(db, check("d2", "beta", DAY_0));

      assertThat(devices(db))
          .isEqualTo(
              Map.of(
                  DAY + " *", 2L,
                  DAY + " stable", 2L,
                  DAY + " beta", 1L,
                  DAY + " alpha", 1L,
                  DAY + 1 + " *", 1L,
                  DAY + 1 + " stable", 1L));
      assertThat(adoption(db))
          .containsExactly(
              "default android 1.0.0 d1 " + DAY + " ,beta,stable,alpha,",
              "default android 1.0.0 d2 " + (DAY + 1) + " ,stable,");
      long marks =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT COUNT(*) FROM device_marks WHERE kind = 'a'")
                          .mapTo(Long.class)
                          .one());
      assertThat(marks).isZero();
    }
  }

  @Test
  void theMigrationMergesEachDevicesAdoptionMarksIntoOneRow() throws Exception {
    String url = prepared.jdbcUrl();
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .placeholders(Dialect.of(url).migrationPlaceholders())
        .target("15")
        .load()
        .migrate();
    Jdbi.create(url).useHandle(DeviceAdoptionTest::writeV15Marks);

    try (Database db = Database.open(url)) {
      List<String> rows = adoption(db);
      assertThat(rows).hasSize(2);
      // the channels seen on the '*' mark's day, in the order the database joined them
      assertThat(rows.get(0)).startsWith("default android 1.0.0 d1 " + DAY + " ");
      assertThat(channels(rows.get(0))).containsExactlyInAnyOrder("stable", "beta");
      assertThat(rows.get(1)).isEqualTo("default android 1.0.0 d2 " + DAY + " ,stable,");
      List<String> kinds =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("SELECT kind FROM device_marks ORDER BY kind")
                          .mapTo(String.class)
                          .list());
      assertThat(kinds).containsExactly("r");

      // the same day again: counted only where the device was not seen that day yet
      write(
          db,
          check("d1", "beta", DAY_0),
          check("d1", "stable", DAY_0),
          check("d2", "beta", DAY_0),
          check("d2", "stable", DAY_0));
      assertThat(devices(db)).isEqualTo(Map.of(DAY + " beta", 1L));
    }
  }

  /**
   * Under V15: d1 seen on DAY in stable and beta, d2 in stable on DAY and in beta the day before.
   */
  private static void writeV15Marks(Handle handle) {
    String insert =
        "INSERT INTO device_marks (app_id, kind, subject, channel, device_id, day)"
            + " VALUES ('default', ?, ?, ?, ?, ?)";
    handle.execute(insert, "a", "android 1.0.0", "*", "d1", DAY);
    handle.execute(insert, "a", "android 1.0.0", "stable", "d1", DAY);
    handle.execute(insert, "a", "android 1.0.0", "beta", "d1", DAY);
    handle.execute(insert, "a", "android 1.0.0", "*", "d2", DAY);
    handle.execute(insert, "a", "android 1.0.0", "stable", "d2", DAY);
    handle.execute(insert, "a", "android 1.0.0", "beta", "d2", DAY - 1);
    handle.execute(insert, "r", "android c1", "stable", "d2", DAY);
  }

  private static CheckEvent check(String device, String channel, Instant at) {
    return new CheckEvent("default", "android", channel, device, "1.0.0+1", 1L, null, null, at);
  }

  private static void write(Database db, CheckEvent... checks) throws SQLException {
    db.jdbi()
        .useTransaction(
            handle -> {
              TelemetryRollup rollup = new TelemetryRollup();
              for (CheckEvent check : checks) {
                rollup.check(check);
              }
              rollup.write(handle.getConnection());
            });
  }

  /** The {@code devices} sums by "day channel". */
  private static Map<String, Long> devices(Database db) {
    Map<String, Long> sums = new TreeMap<>();
    db.jdbi()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT day, channel, SUM(n) FROM telemetry_daily WHERE metric = 'devices'"
                            + " GROUP BY day, channel")
                    .map(
                        (rs, ctx) -> sums.put(rs.getLong(1) + " " + rs.getString(2), rs.getLong(3)))
                    .list());
    return sums;
  }

  private static List<String> adoption(Database db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT app_id, subject, device_id, day, channels FROM device_adoption"
                            + " ORDER BY device_id")
                    .map(
                        (rs, ctx) ->
                            String.join(
                                " ",
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Long.toString(rs.getLong(4)),
                                rs.getString(5)))
                    .list());
  }

  private static TreeSet<String> channels(String row) {
    String list = row.substring(row.lastIndexOf(' ') + 1);
    assertThat(list).startsWith(",").endsWith(",");
    return new TreeSet<>(Arrays.asList(list.substring(1, list.length() - 1).split(",")));
  }
}
