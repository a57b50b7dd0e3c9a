package dev.petrel.server.deltas;

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

  /**
   * Device-days of {@code platform} since {@code sinceDay}: for each UTC day, the devices seen that
   * day (once each, over all channels), summed. Reads the daily aggregates, so it costs one row per
   * day and version whatever the number of devices or checks.
   */
  @SqlQuery(
      """
      SELECT COALESCE(SUM(n), 0) FROM telemetry_daily
      WHERE app_id = :app AND day >= :sinceDay AND platform = :platform
        AND channel = '*' AND metric = 'devices'
      """)
  long deviceDays(String app, String platform, long sinceDay);

  /**
   * The versions (without build metadata) that ran on more than {@code threshold} of those
   * device-days.
   */
  @SqlQuery(
      """
      SELECT version FROM telemetry_daily
      WHERE app_id = :app AND day >= :sinceDay AND platform = :platform
        AND channel = '*' AND metric = 'devices'
      GROUP BY version HAVING SUM(n) > :threshold
      """)
  List<String> popularVersions(String app, String platform, long sinceDay, long threshold);

  /**
   * Hosted releases of {@code platform}, any channel, below {@code code}: a patch can start from
   * them.
   */
  @SqlQuery(
      """
      SELECT id, version FROM releases
      WHERE app_id = :app AND platform = :platform AND version_code < :code
        AND external_url IS NULL AND sha256 IS NOT NULL
      """)
  @RegisterConstructorMapper(Earlier.class)
  List<Earlier> hostedEarlier(String app, String platform, long code);

  /**
   * A hosted earlier release.
   *
   * @param id its id
   * @param version its version as published, build metadata included
   */
  record Earlier(long id, String version) {}

  @SqlQuery(
      """
      SELECT id, version_code, sha256 FROM releases
      WHERE id IN (<ids>) AND external_url IS NULL AND sha256 IS NOT NULL ORDER BY version_code
      """)
  List<Base> bases(@BindList("ids") List<Long> ids);

  @SqlQuery("SELECT sha256 FROM releases WHERE id = :id")
  dev.petrel.protocol.Sha256 sha256Of(long id);
}
