package dev.petrel.server.deltas;

import dev.petrel.server.releases.Release;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Decides, when a release is published, which earlier releases get a patch to it: the newest {@link
 * DeltaSettings#fromEarlier()} hosted releases of the same app and platform in the same channel,
 * plus every hosted earlier release (any channel) that more than {@link
 * DeltaSettings#fromSharePercent()} % of the devices checking in the last 7 days run. Queues them
 * in the publishing transaction, so a publish that rolls back queues nothing.
 */
public final class DeltaPlanner {
  private final DeltaSettings settings;
  private final Clock clock;

  public DeltaPlanner(DeltaSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Queues the patches to {@code release}; does nothing for an external or disabled release. */
  public void published(Handle handle, Release release) {
    if (!settings.enabled() || !release.hosted()) {
      return;
    }
    Instant now = clock.instant();
    PlannerDao dao = handle.attach(PlannerDao.class);
    Set<Long> from = new LinkedHashSet<>();
    from.addAll(
        dao.newestEarlier(
            release.appId().toString(),
            release.platform().name(),
            release.channel().wireName(),
            release.versionCode(),
            settings.fromEarlier()));
    from.addAll(popular(dao, release, now));
    DeltaDao deltas = handle.attach(DeltaDao.class);
    for (PlannerDao.Base base : dao.bases(from.isEmpty() ? List.of(-1L) : List.copyOf(from))) {
      deltas.queue(
          release.appId().toString(),
          release.id(),
          base.id(),
          base.versionCode(),
          base.sha256(),
          release.fileSize(),
          now);
    }
  }

  private List<Long> popular(PlannerDao dao, Release release, Instant now) {
    Instant since = now.minus(DeltaSettings.WINDOW);
    String app = release.appId().toString();
    String platform = release.platform().name();
    long devices = dao.devicesSeen(app, platform, since);
    if (devices == 0) {
      return List.of();
    }
    long threshold = devices * settings.fromSharePercent() / 100;
    return dao.popularReleases(app, platform, since, release.versionCode(), threshold);
  }
}
