package dev.petrel.server.android;

import dev.petrel.protocol.AppId;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code android_packages} table. */
@RegisterConstructorMapper(AndroidPackage.class)
public interface AndroidPackageDao {
  String COLUMNS = "release_id, app_id, package_name, version_code, signers, scheme";

  @SqlQuery("SELECT " + COLUMNS + " FROM android_packages WHERE release_id = :releaseId")
  Optional<AndroidPackage> find(long releaseId);

  /** The package of the app's most recently published APK before {@code releaseId}. */
  @SqlQuery(
      "SELECT "
          + COLUMNS
          + """
           FROM android_packages WHERE app_id = :app AND release_id < :releaseId
          ORDER BY release_id DESC LIMIT 1
          """)
  Optional<AndroidPackage> latestBefore(AppId app, long releaseId);

  @SqlUpdate(
      """
      INSERT INTO android_packages (release_id, app_id, package_name, version_code, signers, scheme)
      VALUES (:releaseId, :appId, :packageName, :versionCode, :signers, :scheme)
      """)
  void insert(@BindMethods AndroidPackage row);
}
