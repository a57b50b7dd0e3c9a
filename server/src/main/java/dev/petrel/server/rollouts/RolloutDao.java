package dev.petrel.server.rollouts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code rollouts} and {@code rollout_history} tables, and the share in {@code releases}. */
@RegisterConstructorMapper(RolloutRow.class)
@RegisterConstructorMapper(HistoryEntry.class)
interface RolloutDao {
  String COLUMNS =
      """
      release_id, state, needs_attention, attention_reason, plan, dwell_since,
      max_failure_basis_points, min_attempts, window_minutes, auto_recall
      """;

  @SqlQuery("SELECT " + COLUMNS + " FROM rollouts WHERE release_id = :releaseId")
  Optional<RolloutRow> find(long releaseId);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM rollouts WHERE release_id IN (SELECT id FROM releases WHERE app_id = :app)")
  List<RolloutRow> listOfApp(dev.petrel.protocol.AppId app);

  /** Release id and experiment id of every arm of a running experiment of the app. */
  @SqlQuery(
      """
      SELECT a.release_id, a.experiment_id FROM experiment_arms a
      JOIN experiments e ON e.id = a.experiment_id
      WHERE e.app_id = :app AND e.ended_at IS NULL
      """)
  @RegisterConstructorMapper(Arm.class)
  List<Arm> runningArms(dev.petrel.protocol.AppId app);

  /** A release in a running experiment. */
  record Arm(long releaseId, long experimentId) {}

  @SqlUpdate(
      """
      INSERT INTO rollouts (release_id, state, needs_attention, attention_reason, plan,
        dwell_since, max_failure_basis_points, min_attempts, window_minutes, auto_recall)
      VALUES (:releaseId, :state, :needsAttention, :attentionReason, :plan, :dwellSince,
        :maxFailureBasisPoints, :minAttempts, :windowMinutes, :autoRecall)
      """)
  void insert(@BindMethods RolloutRow row);

  @SqlUpdate(
      """
      UPDATE rollouts SET state = :state, needs_attention = :needsAttention,
        attention_reason = :attentionReason, plan = :plan, dwell_since = :dwellSince,
        max_failure_basis_points = :maxFailureBasisPoints, min_attempts = :minAttempts,
        window_minutes = :windowMinutes, auto_recall = :autoRecall
      WHERE release_id = :releaseId
      """)
  int update(@BindMethods RolloutRow row);

  /**
   * Moves the dwell start only if the rollout is still running, healthy and unchanged since it was
   * read: the guard that keeps two nodes from advancing the same ramp twice.
   */
  @SqlUpdate(
      """
      UPDATE rollouts SET dwell_since = :now
      WHERE release_id = :releaseId AND state = 'running' AND needs_attention = FALSE
        AND dwell_since = :expected
      """)
  int claimStep(long releaseId, Instant expected, Instant now);

  /** Halts a running release; 0 when it was halted or paused meanwhile. */
  @SqlUpdate(
      """
      UPDATE rollouts SET state = 'halted', needs_attention = TRUE, attention_reason = :reason
      WHERE release_id = :releaseId AND state = 'running'
      """)
  int halt(long releaseId, String reason);

  @SqlUpdate(
      """
      UPDATE releases SET rollout_basis_points = :to
      WHERE id = :releaseId AND rollout_basis_points = :from
      """)
  int moveShare(long releaseId, int from, int to);

  @SqlUpdate(
      """
      INSERT INTO rollout_history (release_id, at, actor, action, from_value, to_value, reason)
      VALUES (:releaseId, :at, :actor, :action, :fromValue, :toValue, :reason)
      """)
  void addHistory(@BindMethods HistoryEntry entry);

  @SqlQuery(
      """
      SELECT id, release_id, at, actor, action, from_value, to_value, reason
      FROM rollout_history WHERE release_id = :releaseId ORDER BY id DESC LIMIT :limit
      """)
  List<HistoryEntry> history(long releaseId, int limit);

  /**
   * The deactivations, activations and recalls of a release that people made, from the audit log,
   * shaped as history entries: {@code deactivate}, {@code activate} or {@code recall}, with the
   * audit detail as the reason, and negative ids so they never collide with {@code
   * rollout_history}'s. The health monitor's own recalls are in {@code rollout_history} already.
   */
  @SqlQuery(
      """
      SELECT -id AS id, :releaseId AS release_id, at, actor,
             CASE action WHEN 'release.recall' THEN 'recall'
                         WHEN 'release.deactivate' THEN 'deactivate'
                         ELSE 'activate' END AS action,
             NULL AS from_value, NULL AS to_value, detail AS reason
      FROM audit_log
      WHERE app_id = :app AND target = :target
        AND action IN ('release.recall', 'release.deactivate', 'release.activate')
        AND actor NOT LIKE 'system:%'
      ORDER BY id DESC LIMIT :limit
      """)
  List<HistoryEntry> releaseChanges(long releaseId, String app, String target, int limit);
}
