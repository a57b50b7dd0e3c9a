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
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adoption and per-release figures for release managers (viewer role and up): {@code GET
 * /api/v1/apps/{app}/adoption} and {@code GET /api/v1/apps/{app}/releases/{id}/figures}, both over
 * the last {@code days} whole UTC days (1 to {@value Figures#MAX_DAYS}, default {@value
 * #DEFAULT_DAYS}).
 */
public final class FigureRoutes {
  static final int DEFAULT_DAYS = 30;

  private final Figures figures;
  private final Releases releases;
  private final Apps apps;
  private final Authenticator auth;

  public FigureRoutes(Figures figures, Releases releases, Apps apps, Authenticator auth) {
    this.figures = figures;
    this.releases = releases;
    this.apps = apps;
    this.auth = auth;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/apps/{app}/adoption", this::adoption);
    routes.get("/api/v1/apps/{app}/releases/{id}/figures", this::releaseFigures);
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
    ReleaseFigures figures = this.figures.release(release, channel, since);
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
    body.put("checks", figures.checks());
    body.put("devices", figures.devices());
    body.put("offers", figures.offers());
    body.put("offered_devices", figures.offeredDevices());
    body.put("events", figures.events());
    body.put("attempted", figures.attempted());
    body.put("failed", figures.failed());
    body.put("failure_basis_points", figures.failureBasisPoints());
    body.put(
        "top_failure_reasons",
        figures.topFailureReasons().stream()
            .map(r -> Map.of("type", r.type(), "reason", r.reason(), "count", r.count()))
            .toList());
    ctx.json(body);
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
