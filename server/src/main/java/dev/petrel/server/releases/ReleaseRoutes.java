package dev.petrel.server.releases;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Platform;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.Params;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/apps/{app}/releases}: publish, list, get, deactivate and activate releases. */
public final class ReleaseRoutes {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final Releases releases;
  private final Authenticator auth;
  private final DownloadLinks links;
  private final ObjectMapper mapper;

  public ReleaseRoutes(
      Releases releases, Authenticator auth, DownloadLinks links, ObjectMapper mapper) {
    this.releases = releases;
    this.auth = auth;
    this.links = links;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/apps/{app}/releases", this::publish);
    routes.get("/api/v1/apps/{app}/releases", this::list);
    routes.get("/api/v1/apps/{app}/releases/{id}", this::get);
    routes.post("/api/v1/apps/{app}/releases/{id}/deactivate", ctx -> setActive(ctx, false));
    routes.post("/api/v1/apps/{app}/releases/{id}/activate", ctx -> setActive(ctx, true));
  }

  private void publish(Context ctx) throws Exception {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    PublishRequest request = PublishRequest.parse(mapper, ctx.bodyAsBytes());
    Release release = releases.publish(app, request, actor);
    ctx.status(201).json(Map.of("ok", true, "release", ReleaseView.of(release, links)));
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    String platformText = ctx.queryParam("platform");
    Platform platform = platformText == null ? null : Platform.parse("platform", platformText);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    List<ReleaseView> views =
        releases.list(app, platform, limit, offset).stream()
            .map(r -> ReleaseView.of(r, links))
            .toList();
    ctx.json(Map.of("ok", true, "releases", views));
  }

  private void get(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    Release release = releases.get(AppId.parse("app", ctx.pathParam("app")), releaseId(ctx));
    ctx.json(Map.of("ok", true, "release", ReleaseView.of(release, links)));
  }

  private void setActive(Context ctx, boolean active) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    Release release =
        releases.setActive(AppId.parse("app", ctx.pathParam("app")), releaseId(ctx), active, actor);
    ctx.json(Map.of("ok", true, "release", ReleaseView.of(release, links)));
  }

  /** The {@code {id}} path parameter as a release id. */
  public static long releaseId(Context ctx) {
    return Params.positiveId(ctx, "id", "release");
  }

  /** An integer query parameter within bounds, or its default when absent. */
  public static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "request.invalid_field",
        name + ": expected an integer from " + min + " to " + max + ", found '" + text + "'");
  }
}
