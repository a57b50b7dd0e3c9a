package dev.petrel.server.releases;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Version;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code releases} table. */
@RegisterConstructorMapper(Release.class)
public interface ReleaseDao {
  String COLUMNS =
      """
      id, app_id, platform, channel, version, version_code, min_supported_version, sha256,
      file_size, file_name, external_url, release_notes, mandatory, active, rollout_basis_points,
      created_at, published_at, statement, signature, signing_key_id
      """;

  @SqlQuery("SELECT " + COLUMNS + " FROM releases WHERE id = :id AND app_id = :app")
  Optional<Release> find(AppId app, long id);

  @SqlQuery("SELECT " + COLUMNS + " FROM releases ORDER BY app_id, platform, version_code DESC")
  List<Release> listAll();

  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
          FROM releases
          WHERE app_id = :app AND (:platform IS NULL OR platform = :platform)
          ORDER BY platform, version_code DESC
          LIMIT :limit OFFSET :offset
          """)
  List<Release> list(AppId app, Platform platform, int limit, int offset);

  @SqlQuery(
      "SELECT COUNT(*) FROM releases WHERE app_id = :app AND platform = :platform AND version = :version")
  int countVersion(AppId app, Platform platform, Version version);

  @SqlQuery(
      "SELECT COUNT(*) FROM releases WHERE app_id = :app AND platform = :platform AND version_code = :code")
  int countVersionCode(AppId app, Platform platform, long code);

  @SqlQuery(
      """
      INSERT INTO releases (app_id, platform, channel, version, version_code, min_supported_version,
        sha256, file_size, file_name, external_url, release_notes, mandatory, active,
        rollout_basis_points, created_at, published_at, statement, signature, signing_key_id)
      VALUES (:appId, :platform, :channel, :version, :versionCode, :minSupportedVersion,
        :sha256, :fileSize, :fileName, :externalUrl, :releaseNotes, :mandatory, :active,
        :rolloutBasisPoints, :createdAt, :publishedAt, :statement, :signature, :signingKeyId)
      RETURNING id
      """)
  long insert(@BindMethods Release release);

  @SqlUpdate("UPDATE releases SET active = :active WHERE id = :id AND app_id = :app")
  int setActive(AppId app, long id, boolean active);

  @SqlUpdate("UPDATE catalogue_revision SET revision = revision + 1 WHERE id = 1")
  void bumpCatalogueRevision();

  @SqlQuery("SELECT revision FROM catalogue_revision WHERE id = 1")
  long catalogueRevision();
}
