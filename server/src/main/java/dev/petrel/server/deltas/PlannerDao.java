package dev.petrel.server.deltas;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The queries that choose the releases a new release gets patches from. */
@RegisterConstructorMapper(PlannerDao.Base.class)
interface PlannerDao {
  /**
   * An earlier release a patch starts from.
   *
   * @param id its id
   * @param versionCode its version code
   * @param sha256 its artifact's digest
   */
  record Base(long id, long versionCode, String sha256) {}

  @SqlQuery(
      """
      SELECT id FROM releases
      WHERE app_id = :app AND platform = :platform AND channel = :channel
        AND version_code < :code AND external_url IS NULL AND sha256 IS NOT NULL
      ORDER BY version_code DESC LIMIT :limit
      """)
  List<Long> newestEarlier(String app, String platform, String channel, long code, int limit);

  @SqlQuery(
      """
      SELECT COUNT(DISTINCT device_id) FROM update_checks
      WHERE app_id = :app AND platform = :platform AND checked_at >= :since
        AND device_id IS NOT NULL
      """)
  long devicesSeen(String app, String platform, Instant since);

  @SqlQuery(
      """
      SELECT r.id FROM releases r
      JOIN (SELECT current_version_code AS code, COUNT(DISTINCT device_id) AS devices
            FROM update_checks
            WHERE app_id = :app AND platform = :platform AND checked_at >= :since
              AND device_id IS NOT NULL AND current_version_code IS NOT NULL
            GROUP BY current_version_code) seen ON seen.code = r.version_code
      WHERE r.app_id = :app AND r.platform = :platform AND r.version_code < :code
        AND r.external_url IS NULL AND r.sha256 IS NOT NULL AND seen.devices > :threshold
      """)
  List<Long> popularReleases(String app, String platform, Instant since, long code, long threshold);

  @SqlQuery(
      """
      SELECT id, version_code, sha256 FROM releases
      WHERE id IN (<ids>) AND external_url IS NULL AND sha256 IS NOT NULL ORDER BY version_code
      """)
  List<Base> bases(@BindList("ids") List<Long> ids);

  @SqlQuery("SELECT sha256 FROM releases WHERE id = :id")
  dev.petrel.protocol.Sha256 sha256Of(long id);
}
