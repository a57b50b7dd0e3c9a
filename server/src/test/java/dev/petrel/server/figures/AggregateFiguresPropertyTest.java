package dev.petrel.server.figures;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.telemetry.TelemetryPruner;
import dev.petrel.server.telemetry.TelemetrySettings;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The figures, read from the aggregates, equal what the raw rows give ({@link RawFigures}) for
 * random streams of checks and events ({@link RandomTelemetry}), for every release, window and
 * filter, on both databases; and so do the aggregates that migrations V13 and V15 backfill from raw
 * rows stored before V12 existed (V15's delta rows counted once, though V13 writes them too).
 */
class AggregateFiguresPropertyTest extends ServerTest {
  static final int[] WINDOWS = {1, 3, 7, 30};

  /**
   * Longer than any stream's span (at most 60 steps of 14 hours): the raw rows are the oracle, so
   * none may be pruned. With the default 14 days, the pruner's first run (5 to 60 s after the
   * start, in real time) deleted the stream's oldest rows whenever a test outlasted it.
   */
  static final int RETENTION_DAYS = 365;

  @Override
  protected void configure(ServerConfig.Builder config) {
    config.telemetry(new TelemetrySettings(TelemetrySettings.DEFAULTS.queue(), RETENTION_DAYS));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void figuresFromAggregatesEqualFiguresFromRawRows(long seed) throws Exception {
    RandomTelemetry stream = new RandomTelemetry(server, seed);
    stream.run(60);
    assertNothingPruned();

    assertFiguresMatchRawRows(stream.releases(), "seed " + seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {4})
  void theMigrationBackfillsTheAggregatesFromTheRawRowsAlreadyStored(long seed) throws Exception {
    RandomTelemetry stream = new RandomTelemetry(server, seed);
    stream.run(40);
    server.stop();
    undoMigrationsTwelveAndThirteen();

    server.restart(); // migrates V12 to V16 again: V13 backfills from the raw rows

    assertThat(server.count("telemetry_daily")).isPositive();
    assertNothingPruned();
    assertFiguresMatchRawRows(stream.releases(), "backfilled, seed " + seed);
  }

  /** A pruner run now (as the background one may run at any moment) deletes no raw row. */
  private void assertNothingPruned() {
    TelemetryPruner.Result pruned = server.server().telemetryPruner().runOnce();
    assertThat(pruned.checks() + pruned.events()).as("raw rows pruned: %s", pruned).isZero();
  }

  /** Brings the schema back to V10 with the raw rows kept, as a database from before V12 was. */
  private void undoMigrationsTwelveAndThirteen() throws Exception {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
        Statement statement = connection.createStatement()) {
      for (String table :
          List.of(
              "telemetry_daily",
              "telemetry_reasons",
              "device_marks",
              "device_state",
              "telemetry_jobs",
              // V14 and V16 come after V12 and V13, so a database from before V12 has none of them.
              "android_packages",
              "ios_bundles",
              "device_adoption")) {
        statement.execute("DROP TABLE " + table);
      }
      if (database == TestDatabase.POSTGRES) {
        statement.execute("DROP TRIGGER catalogue_revision_notify ON catalogue_revision");
        statement.execute("DROP FUNCTION petrel_catalogue_notify()");
      }
      statement.execute(
          "DELETE FROM flyway_schema_history WHERE version IN ('12', '13', '14', '15', '16')");
    }
  }

  /** Compares every figure the API reads with what {@link RawFigures} computes. */
  void assertFiguresMatchRawRows(List<RandomTelemetry.Published> releases, String label)
      throws Exception {
    String viewer = TestTokens.issue(server, "viewer");
    RawFigures raw = new RawFigures(server.jdbcUrl(), database);
    List<String> channels = new ArrayList<>(RandomTelemetry.CHANNELS);
    channels.add(null);
    int compared = 0;
    for (int days : WINDOWS) {
      for (String channel : channels) {
        for (String platform : new String[] {null, "android", "ios"}) {
          JsonNode adoption =
              get(viewer, "/api/v1/apps/default/adoption?days=" + days + query(platform, channel));
          long since = Instant.parse(adoption.get("since").asText()).toEpochMilli();
          assertThat(adoptionRows(adoption))
              .as("%s adoption days=%d platform=%s channel=%s", label, days, platform, channel)
              .isEqualTo(raw.adoption(since, platform, channel));
          compared += adoption.get("adoption").size();
        }
        for (RandomTelemetry.Published release : releases) {
          JsonNode figures =
              get(
                  viewer,
                  "/api/v1/apps/default/releases/%d/figures?days=%d%s"
                      .formatted(release.id(), days, query(null, channel)));
          long since = Instant.parse(figures.get("since").asText()).toEpochMilli();
          Map<String, Object> expected =
              raw.release(
                  release.id(),
                  release.platform(),
                  release.version(),
                  release.code(),
                  since,
                  channel);
          assertThat(releaseFigures(figures))
              .as("%s release %s days=%d channel=%s", label, release, days, channel)
              .isEqualTo(expected);
          compared++;
        }
      }
    }
    assertThat(compared).as("figures compared").isGreaterThan(50);
  }

  private JsonNode get(String viewer, String path) {
    TestResponse answer = server.get(path, viewer);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private static String query(String platform, String channel) {
    return (platform == null ? "" : "&platform=" + platform)
        + (channel == null ? "" : "&channel=" + channel);
  }

  private static List<String> adoptionRows(JsonNode adoption) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : adoption.get("adoption")) {
      rows.add(
          row.get("day").asText()
              + "|"
              + row.get("platform").asText()
              + "|"
              + row.get("version").asText()
              + "|"
              + row.get("devices").asLong());
    }
    return rows;
  }

  /** The API's figures in {@link RawFigures#release}'s shape. */
  private static Map<String, Object> releaseFigures(JsonNode figures) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : List.of("checks", "devices", "offers", "offered_devices")) {
      out.put(name, figures.get(name).asLong());
    }
    List<String> types = new ArrayList<>();
    figures.get("events").fieldNames().forEachRemaining(types::add);
    types.sort(null);
    for (String type : types) {
      long count = figures.get("events").get(type).asLong();
      if (count > 0) {
        out.put("event:" + type, count);
      }
    }
    int rank = 0;
    for (JsonNode reason : figures.get("top_failure_reasons")) {
      out.put(
          "reason:"
              + rank++
              + ":"
              + reason.get("type").asText()
              + ":"
              + reason.get("reason").asText(),
          reason.get("count").asLong());
    }
    JsonNode crash = figures.get("crash_free");
    out.put("crash:sessions", crash.get("sessions").asLong());
    out.put("crash:crashes", crash.get("crashes").asLong());
    out.put("crash:devices", crash.get("devices").asLong());
    out.put("crash:crashed_devices", crash.get("crashed_devices").asLong());
    JsonNode deltas = figures.get("deltas");
    for (String name :
        List.of(
            "patch_deliveries",
            "patch_bytes",
            "unsized_patch_deliveries",
            "full_downloads",
            "delta_failed")) {
      out.put("delta:" + name, deltas.get(name).asLong());
    }
    rank = 0;
    for (JsonNode reason : deltas.get("top_delta_failed_reasons")) {
      out.put(
          "delta_reason:" + rank++ + ":" + reason.get("reason").asText(),
          reason.get("count").asLong());
    }
    return out;
  }
}
