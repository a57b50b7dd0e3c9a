package dev.petrel.server.ios;

import dev.petrel.protocol.AppId;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code ios_bundles} table. */
@RegisterConstructorMapper(IosBundle.class)
public interface IosBundleDao {
  String COLUMNS = "release_id, app_id, bundle_id, short_version, bundle_version, title";

  @SqlQuery("SELECT " + COLUMNS + " FROM ios_bundles WHERE release_id = :releaseId")
  Optional<IosBundle> find(long releaseId);

  /** The bundle of the app's most recently published IPA before {@code releaseId}. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
           FROM ios_bundles WHERE app_id = :app AND release_id < :releaseId
          ORDER BY release_id DESC LIMIT 1
          """)
  Optional<IosBundle> latestBefore(AppId app, long releaseId);

  @SqlUpdate(
      """
      INSERT INTO ios_bundles (release_id, app_id, bundle_id, short_version, bundle_version, title)
      VALUES (:releaseId, :appId, :bundleId, :shortVersion, :bundleVersion, :title)
      """)
  void insert(@BindMethods IosBundle bundle);
}
