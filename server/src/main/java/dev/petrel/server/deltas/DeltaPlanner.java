package dev.petrel.server.deltas;

import dev.petrel.server.releases.Release;
import dev.petrel.server.telemetry.TelemetryRollup;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Decides, when a release is published, which earlier releases get a patch to it: the newest {@link
 * DeltaSettings#fromEarlier()} hosted releases of the same app and platform in the same channel,
 * plus every hosted earlier release (any channel) whose version more than {@link
 * DeltaSettings#fromSharePercent()} % of the devices seen in the last 7 days ran (counted in
 * device-days from the daily aggregates, see {@code popular}). Queues them in the publishing
 * transaction, so a publish that rolls back queues nothing.
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

  /**
   * The hosted earlier releases whose version ran on more than {@link
   * DeltaSettings#fromSharePercent()} % of the platform's device-days in the last {@link
   * DeltaSettings#WINDOW} (whole UTC days, today included), from the daily aggregates: never a scan
   * of raw checks, which this publish transaction could not afford at millions of devices.
   */
  private List<Long> popular(PlannerDao dao, Release release, Instant now) {
    long sinceDay = TelemetryRollup.day(now) - (DeltaSettings.WINDOW.toDays() - 1);
    String app = release.appId().toString();
    String platform = release.platform().name();
    long deviceDays = dao.deviceDays(app, platform, sinceDay);
    if (deviceDays == 0) {
      return List.of();
    }
    long threshold = deviceDays * settings.fromSharePercent() / 100;
    Set<String> versions = Set.copyOf(dao.popularVersions(app, platform, sinceDay, threshold));
    List<Long> popular = new ArrayList<>();
    for (PlannerDao.Earlier earlier : dao.hostedEarlier(app, platform, release.versionCode())) {
      if (versions.contains(TelemetryRollup.withoutBuild(earlier.version()))) {
        popular.add(earlier.id());
      }
    }
    return popular;
  }
}
