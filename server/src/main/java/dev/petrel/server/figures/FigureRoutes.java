package dev.petrel.server.figures;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Role;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseRoutes;
import dev.petrel.server.releases.Releases;
import dev.petrel.server.rollouts.Experiment;
import dev.petrel.server.rollouts.Experiments;
import dev.petrel.server.web.Params;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adoption and per-release figures for release managers (viewer role and up): {@code GET
 * /api/v1/apps/{app}/adoption}, {@code GET /api/v1/apps/{app}/releases/{id}/figures} and, for a
 * cohort experiment, its arms' figures side by side at {@code GET
 * /api/v1/apps/{app}/experiments/{id}/figures}; all over the last {@code days} whole UTC days (1 to
 * {@value Figures#MAX_DAYS}, default {@value #DEFAULT_DAYS}).
 */
public final class FigureRoutes {
  static final int DEFAULT_DAYS = 30;

  private final Figures figures;
  private final Releases releases;
  private final Apps apps;
  private final Experiments experiments;
  private final Authenticator auth;

  public FigureRoutes(
      Figures figures, Releases releases, Apps apps, Experiments experiments, Authenticator auth) {
    this.figures = figures;
    this.releases = releases;
    this.apps = apps;
    this.experiments = experiments;
    this.auth = auth;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/apps/{app}/adoption", this::adoption);
    routes.get("/api/v1/apps/{app}/releases/{id}/figures", this::releaseFigures);
    routes.get("/api/v1/apps/{app}/experiments/{id}/figures", this::experimentFigures);
  }

  private void adoption(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    apps.get(app);
    int days = days(ctx);
    String platformText = ctx.queryParam("platform");
    Platform platform = blank(platformText) ? null : Platform.parse("platform", platformText);
    Channel channel = channel(ctx);
    Instant since = figures.windowStart(days);
    List<Map<String, Object>> rows =
        figures.adoption(app.name(), platform, channel, since).stream()
            .map(
                row -> {
                  Map<String, Object> out = new LinkedHashMap<>();
                  out.put("day", row.day().toString());
                  out.put("platform", row.platform());
                  out.put("version", row.version());
                  out.put("devices", row.devices());
                  return out;
                })
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    body.put("app", app.name());
    body.put("days", days);
    body.put("since", Times.iso(since));
    body.put("platform", platform == null ? null : platform.name());
    body.put("channel", channel == null ? null : channel.wireName());
    body.put("adoption", rows);
    ctx.json(body);
  }

  private void releaseFigures(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    Release release = releases.get(app, ReleaseRoutes.releaseId(ctx));
    int days = days(ctx);
    Channel channel = channel(ctx);
    Instant since = figures.windowStart(days);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    body.put("app", app.name());
    body.put("release_id", release.id());
    body.put("platform", release.platform().name());
    body.put("version", release.version().toString());
    body.put("version_code", release.versionCode());
    body.put("days", days);
    body.put("since", Times.iso(since));
    body.put("channel", channel == null ? null : channel.wireName());
    putFigures(body, figures.release(release, channel, since));
    body.put("crash_free", crashFree(figures.crashFree(app.name(), release.id(), channel, since)));
    body.put("deltas", deltas(figures.deltas(release, channel, since)));
    Figures.Baseline baseline = figures.baseline(release, figures.now());
    body.put("baseline", baseline == null ? null : baseline(app, baseline, channel, since));
    ctx.json(body);
  }

  /**
   * The arms of an experiment with each arm's figures, in range order, so that adoption and
   * failures of the variants can be compared side by side. Devices are counted in the experiment's
   * channel (an arm's release may also reach devices of channels that receive it).
   */
  private void experimentFigures(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    Experiment experiment = experiments.get(app, Params.positiveId(ctx, "id", "experiment"));
    int days = days(ctx);
    Instant since = figures.windowStart(days);
    Channel channel = Channel.parse("channel", experiment.channel());
    List<Map<String, Object>> arms = new ArrayList<>();
    for (Experiment.Arm arm : experiment.arms()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("release_id", arm.releaseId());
      out.put("version", arm.version());
      out.put("version_code", arm.versionCode());
      out.put("range_start", arm.rangeStart());
      out.put("range_end", arm.rangeEnd());
      out.put("basis_points", arm.basisPoints());
      putFigures(out, figures.release(releases.get(app, arm.releaseId()), channel, since));
      arms.add(out);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    body.put("app", app.name());
    body.put("experiment_id", experiment.id());
    body.put("name", experiment.name());
    body.put("platform", experiment.platform());
    body.put("channel", experiment.channel());
    body.put("days", days);
    body.put("since", Times.iso(since));
    body.put("arms", arms);
    ctx.json(body);
  }

  /** The previous release and its crash-free figures over the same window. */
  private Map<String, Object> baseline(
      AppId app, Figures.Baseline baseline, Channel channel, Instant since) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("release_id", baseline.id());
    out.put("version", baseline.version());
    out.put("version_code", baseline.versionCode());
    out.put("crash_free", crashFree(figures.crashFree(app.name(), baseline.id(), channel, since)));
    return out;
  }

  private static Map<String, Object> deltas(DeltaFigures figures) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("patch_deliveries", figures.patchDeliveries());
    out.put("patch_bytes", figures.patchBytes());
    out.put("unsized_patch_deliveries", figures.unsizedPatchDeliveries());
    out.put("full_downloads", figures.fullDownloads());
    out.put("full_bytes", figures.fullBytes());
    out.put("saved_bytes", figures.savedBytes());
    out.put("patch_hit_basis_points", figures.patchHitBasisPoints());
    out.put("delta_failed", figures.failed());
    out.put(
        "top_delta_failed_reasons",
        figures.topFailureReasons().stream()
            .map(
                r -> {
                  Map<String, Object> reason = new LinkedHashMap<>();
                  reason.put("reason", r.reason());
                  reason.put("count", r.count());
                  return reason;
                })
            .toList());
    return out;
  }

  private static Map<String, Object> crashFree(CrashFree figures) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sessions", figures.sessions());
    out.put("crashes", figures.crashes());
    out.put("crash_free_sessions_basis_points", figures.crashFreeSessionsBasisPoints());
    out.put("devices", figures.devices());
    out.put("crashed_devices", figures.crashedDevices());
    out.put("crash_free_devices_basis_points", figures.crashFreeDevicesBasisPoints());
    return out;
  }

  private static void putFigures(Map<String, Object> out, ReleaseFigures figures) {
    out.put("checks", figures.checks());
    out.put("devices", figures.devices());
    out.put("offers", figures.offers());
    out.put("offered_devices", figures.offeredDevices());
    out.put("events", figures.events());
    out.put("attempted", figures.attempted());
    out.put("failed", figures.failed());
    out.put("failure_basis_points", figures.failureBasisPoints());
    out.put(
        "top_failure_reasons",
        figures.topFailureReasons().stream()
            .map(
                r -> {
                  Map<String, Object> reason = new LinkedHashMap<>();
                  reason.put("type", r.type());
                  reason.put("reason", r.reason());
                  reason.put("count", r.count());
                  return reason;
                })
            .toList());
  }

  private static int days(Context ctx) {
    return ReleaseRoutes.intParam(ctx, "days", DEFAULT_DAYS, 1, Figures.MAX_DAYS);
  }

  private static Channel channel(Context ctx) {
    String text = ctx.queryParam("channel");
    return blank(text) ? null : Channel.parse("channel", text);
  }

  private static boolean blank(String text) {
    return text == null || text.isEmpty();
  }
}
