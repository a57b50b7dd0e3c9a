package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.web.Times;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads {@code experiments} and {@code experiment_arms} into {@link Experiment}s. */
final class ExperimentRows {
  private ExperimentRows() {}

  private record Row(
      long id, String name, String platform, String channel, Instant createdAt, Instant endedAt) {}

  private static final String SELECT =
      "SELECT id, name, platform, channel, created_at, ended_at FROM experiments";

  static Optional<Experiment> find(Handle handle, AppId app, long id) {
    return handle
        .createQuery(SELECT + " WHERE app_id = :app AND id = :id")
        .bind("app", app.name())
        .bind("id", id)
        .map((rs, ctx) -> row(rs))
        .findOne()
        .map(row -> experiment(handle, app, row));
  }

  static List<Experiment> list(Handle handle, AppId app) {
    return handle
        .createQuery(SELECT + " WHERE app_id = :app ORDER BY id DESC LIMIT 100")
        .bind("app", app.name())
        .map((rs, ctx) -> row(rs))
        .list()
        .stream()
        .map(row -> experiment(handle, app, row))
        .toList();
  }

  /** Whether the release is an arm of a running experiment; arms of ended ones do not count. */
  static boolean isRunningArm(Handle handle, long releaseId) {
    return handle
            .createQuery(
                """
                SELECT COUNT(*) FROM experiment_arms a JOIN experiments e ON e.id = a.experiment_id
                WHERE a.release_id = :id AND e.ended_at IS NULL
                """)
            .bind("id", releaseId)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
    long ended = rs.getLong(6);
    Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
    return new Row(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        endedAt);
  }

  private static Experiment experiment(Handle handle, AppId app, Row row) {
    List<Experiment.Arm> arms =
        handle
            .createQuery(
                """
                SELECT a.release_id, r.version, r.version_code, a.range_start, a.range_end
                FROM experiment_arms a JOIN releases r ON r.id = a.release_id
                WHERE a.experiment_id = :id ORDER BY a.range_start
                """)
            .bind("id", row.id())
            .map(
                (rs, ctx) ->
                    new Experiment.Arm(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getInt(5) - rs.getInt(4),
                        "/api/v1/apps/" + app.name() + "/releases/" + rs.getLong(1) + "/figures"))
            .list();
    return new Experiment(
        row.id(),
        app.name(),
        row.name(),
        row.platform(),
        row.channel(),
        Times.iso(row.createdAt()),
        Times.iso(row.endedAt()),
        arms);
  }
}
