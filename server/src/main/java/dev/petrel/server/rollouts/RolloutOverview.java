package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.apps.AppDao;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseDao;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Every release's rollout of one app at a glance, read in three queries. */
final class RolloutOverview {
  /** Most releases listed. */
  static final int LIMIT = 1000;

  private RolloutOverview() {}

  /**
   * The newest {@link #LIMIT} releases' rollouts, those needing attention first, then newest first.
   *
   * @throws dev.petrel.server.web.ApiException 404 {@code app.not_found}
   */
  static List<RolloutSummary> list(Handle handle, AppId app, Instant now) {
    if (handle.attach(AppDao.class).find(app).isEmpty()) {
      throw Apps.notFound(app);
    }
    RolloutDao dao = handle.attach(RolloutDao.class);
    Map<Long, RolloutRow> rows = new HashMap<>();
    dao.listOfApp(app).forEach(row -> rows.put(row.releaseId(), row));
    Map<Long, Long> arms = new HashMap<>();
    dao.runningArms(app).forEach(arm -> arms.put(arm.releaseId(), arm.experimentId()));
    List<Release> releases =
        new ArrayList<>(handle.attach(ReleaseDao.class).list(app, null, LIMIT, 0));
    releases.sort(Comparator.comparingLong(Release::id).reversed());
    List<RolloutSummary> summaries = new ArrayList<>();
    for (Release release : releases) {
      RolloutRow row =
          rows.getOrDefault(release.id(), RolloutRow.defaults(release.id(), release.publishedAt()));
      summaries.add(
          RolloutSummary.of(
              release, row, arms.get(release.id()), RolloutView.state(release, row, now)));
    }
    summaries.sort(Comparator.comparing((RolloutSummary summary) -> !summary.needsAttention()));
    return summaries;
  }
}
