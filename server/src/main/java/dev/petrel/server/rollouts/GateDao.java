package dev.petrel.server.rollouts;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code rollout_gates} table, and the previous release a gate compares with. */
@RegisterConstructorMapper(GateRow.class)
@RegisterConstructorMapper(GateDao.Baseline.class)
interface GateDao {
  /** The release a gate compares with. */
  record Baseline(long id, String version) {}

  @SqlQuery(
      """
      SELECT release_id, halt_confidence_bp, advance_confidence_bp, margin_bp, min_trials
      FROM rollout_gates WHERE release_id = :releaseId
      """)
  Optional<GateRow> find(long releaseId);

  @SqlUpdate("DELETE FROM rollout_gates WHERE release_id = :releaseId")
  int delete(long releaseId);

  @SqlUpdate(
      """
      INSERT INTO rollout_gates
        (release_id, halt_confidence_bp, advance_confidence_bp, margin_bp, min_trials)
      VALUES (:releaseId, :haltConfidenceBp, :advanceConfidenceBp, :marginBp, :minTrials)
      """)
  void insert(@BindMethods GateRow row);

  /**
   * The previous release: the active release of the same app, platform and channel with the highest
   * version code below {@code code}, published by {@code now}.
   */
  @SqlQuery(
      """
      SELECT id, version FROM releases
      WHERE app_id = :app AND platform = :platform AND channel = :channel
        AND version_code < :code AND active = TRUE AND published_at <= :now
      ORDER BY version_code DESC LIMIT 1
      """)
  Optional<Baseline> baseline(String app, String platform, String channel, long code, Instant now);
}
