package dev.petrel.server.deltas;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code deltas} table. */
@RegisterConstructorMapper(Delta.class)
public interface DeltaDao {
  /** The columns, in {@link Delta}'s order. */
  String COLUMNS =
      """
      id, app_id, release_id, from_release_id, from_version_code, from_sha256, source, state,
      format, patch_sha256, patch_size, full_size, reason, attempts, generation_millis, created_at,
      finished_at
      """;

  /** Queues a pair; does nothing when the pair has a row already. */
  @SqlUpdate(
      """
      INSERT INTO deltas (app_id, release_id, from_release_id, from_version_code, from_sha256,
        source, state, full_size, created_at)
      VALUES (:app, :release, :from, :fromCode, :fromSha, 'server', 'pending', :fullSize, :now)
      ON CONFLICT DO NOTHING
      """)
  int queue(
      String app,
      long release,
      long from,
      long fromCode,
      String fromSha,
      long fullSize,
      Instant now);

  /** Puts a pair back in the queue (a new request after a failure or a removal). */
  @SqlUpdate(
      """
      UPDATE deltas SET state = 'pending', source = 'server', reason = NULL, format = NULL,
        patch_sha256 = NULL, patch_size = NULL, attempts = 0, claimed_until = NULL,
        generation_millis = NULL, finished_at = NULL
      WHERE release_id = :release AND from_release_id = :from AND state <> 'running'
      """)
  int requeue(long release, long from);

  /** Records a patch the publisher made, replacing whatever the pair had. */
  @SqlUpdate(
      """
      INSERT INTO deltas (app_id, release_id, from_release_id, from_version_code, from_sha256,
        source, state, format, patch_sha256, patch_size, full_size, generation_millis, created_at,
        finished_at)
      VALUES (:app, :release, :from, :fromCode, :fromSha, 'uploaded', 'ready', :format, :patchSha,
        :patchSize, :fullSize, 0, :now, :now)
      """)
  @GetGeneratedKeys("id")
  long insertUploaded(
      String app,
      long release,
      long from,
      long fromCode,
      String fromSha,
      String format,
      String patchSha,
      long patchSize,
      long fullSize,
      Instant now);

  @SqlUpdate("DELETE FROM deltas WHERE release_id = :release AND from_release_id = :from")
  int deletePair(long release, long from);

  @SqlUpdate("DELETE FROM deltas WHERE id = :id AND release_id = :release")
  int delete(long id, long release);

  @SqlQuery("SELECT " + COLUMNS + " FROM deltas WHERE release_id = :release ORDER BY id")
  List<Delta> ofRelease(long release);

  @SqlQuery("SELECT " + COLUMNS + " FROM deltas WHERE id = :id")
  Optional<Delta> byId(long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM deltas WHERE state = 'ready'")
  List<Delta> ready();

  /** Work a worker may take: pending, or running with an expired claim (its node died). */
  @SqlQuery(
      """
      SELECT id FROM deltas
      WHERE state = 'pending' OR (state = 'running' AND claimed_until < :now)
      ORDER BY id LIMIT 1
      """)
  Optional<Long> nextDue(Instant now);

  /** Claims a row until {@code until}; 0 when another worker took it first. */
  @SqlUpdate(
      """
      UPDATE deltas SET state = 'running', claimed_until = :until, attempts = attempts + 1
      WHERE id = :id AND (state = 'pending' OR (state = 'running' AND claimed_until < :now))
      """)
  int claim(long id, Instant now, Instant until);

  /** Ends a claimed row; 0 when the claim was lost meanwhile (removed or taken over). */
  @SqlUpdate(
      """
      UPDATE deltas SET state = :state, format = :format, patch_sha256 = :patchSha,
        patch_size = :patchSize, reason = :reason, generation_millis = :millis,
        finished_at = :now, claimed_until = NULL
      WHERE id = :id AND state = 'running' AND claimed_until = :claim
      """)
  int finish(
      long id,
      Instant claim,
      String state,
      String format,
      String patchSha,
      Long patchSize,
      String reason,
      long millis,
      Instant now);
}
