package dev.petrel.server.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.web.JsonFields;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/apps}: create, list, get and change apps. */
public final class AppRoutes {
  private final Apps apps;
  private final ReleaseKeys keys;
  private final Authenticator auth;
  private final ObjectMapper mapper;

  public AppRoutes(Apps apps, ReleaseKeys keys, Authenticator auth, ObjectMapper mapper) {
    this.apps = apps;
    this.keys = keys;
    this.auth = auth;
    this.mapper = mapper;
  }

  /** The JSON shape of an app. */
  record AppView(String id, String name, String createdAt, boolean requireSignatures) {
    static AppView of(App app) {
      return new AppView(
          app.id().name(), app.name(), Times.iso(app.createdAt()), app.requireSignatures());
    }
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/apps", this::create);
    routes.get("/api/v1/apps", this::list);
    routes.get("/api/v1/apps/{app}", this::get);
    routes.patch("/api/v1/apps/{app}", this::update);
  }

  private void create(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    JsonFields body = JsonFields.parse(mapper, ctx.bodyAsBytes());
    AppId id = AppId.parse("id", body.requiredText("id"));
    App app = apps.create(id, body.optionalText("name"), actor);
    ctx.status(201).json(Map.of("ok", true, "app", AppView.of(app)));
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    List<AppView> views = apps.list().stream().map(AppView::of).toList();
    ctx.json(Map.of("ok", true, "apps", views));
  }

  private void get(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    App app = apps.get(AppId.parse("app", ctx.pathParam("app")));
    ctx.json(Map.of("ok", true, "app", AppView.of(app)));
  }

  /** Changes an app's settings; today the one setting is {@code require_signatures}. */
  private void update(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    AppId id = AppId.parse("app", ctx.pathParam("app"));
    JsonFields body = JsonFields.parse(mapper, ctx.bodyAsBytes());
    boolean require = body.requiredBoolean("require_signatures");
    ctx.json(Map.of("ok", true, "app", AppView.of(keys.requireSignatures(id, require, actor))));
  }
}
