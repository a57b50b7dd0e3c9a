package dev.petrel.server.recalls;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Platform;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code release_recalls} table, and the release lookups a recall needs. */
@RegisterConstructorMapper(Recall.class)
@RegisterConstructorMapper(Release.class)
public interface RecallDao {
  String COLUMNS =
      """
      release_id, app_id, reason, statement, signature, signing_key_id, target_release_id,
      recalled_by, recalled_at
      """;

  @SqlQuery("SELECT " + COLUMNS + " FROM release_recalls WHERE release_id = :releaseId")
  Optional<Recall> find(long releaseId);

  @SqlQuery("SELECT " + COLUMNS + " FROM release_recalls ORDER BY release_id")
  List<Recall> listAll();

  @SqlUpdate(
      """
      INSERT INTO release_recalls (release_id, app_id, reason, statement, signature,
        signing_key_id, target_release_id, recalled_by, recalled_at)
      VALUES (:releaseId, :appId, :reason, :statement, :signature, :signingKeyId,
        :targetReleaseId, :recalledBy, :recalledAt)
      """)
  void insert(@BindMethods Recall recall);

  @SqlUpdate("DELETE FROM release_recalls WHERE release_id = :releaseId")
  int delete(long releaseId);

  /** The release of {@code app} and {@code platform} with {@code code}, if any. */
  @SqlQuery(
      "SELECT "
          + ReleaseDao.COLUMNS
          + " FROM releases WHERE app_id = :app AND platform = :platform AND version_code = :code")
  Optional<Release> findByVersionCode(AppId app, Platform platform, long code);
}
