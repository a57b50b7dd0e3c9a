package dev.petrel.server.apps;

import dev.petrel.protocol.AppId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code app_release_keys} table. Rows are never deleted, only marked removed. */
@RegisterConstructorMapper(ReleaseKey.class)
public interface ReleaseKeyDao {
  String COLUMNS = "app_id, key_id, public_key, label, added_at, removed_at";

  @SqlQuery("SELECT " + COLUMNS + " FROM app_release_keys WHERE app_id = :app ORDER BY id")
  List<ReleaseKey> all(AppId app);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM app_release_keys WHERE app_id = :app AND removed_at IS NULL ORDER BY id")
  List<ReleaseKey> active(AppId app);

  @SqlQuery("SELECT COUNT(*) FROM app_release_keys WHERE app_id = :app AND removed_at IS NULL")
  int countActive(AppId app);

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + " FROM app_release_keys WHERE app_id = :app AND public_key = :publicKey")
  Optional<ReleaseKey> findByPublicKey(AppId app, String publicKey);

  @SqlQuery("SELECT " + COLUMNS + " FROM app_release_keys WHERE app_id = :app AND key_id = :keyId")
  Optional<ReleaseKey> findByKeyId(AppId app, String keyId);

  @SqlUpdate(
      """
      INSERT INTO app_release_keys (app_id, key_id, public_key, label, added_at)
      VALUES (:app, :keyId, :publicKey, :label, :addedAt)
      """)
  void insert(AppId app, String keyId, String publicKey, String label, Instant addedAt);

  @SqlUpdate(
      """
      UPDATE app_release_keys SET removed_at = :removedAt
      WHERE app_id = :app AND key_id = :keyId AND removed_at IS NULL
      """)
  int markRemoved(AppId app, String keyId, Instant removedAt);
}
