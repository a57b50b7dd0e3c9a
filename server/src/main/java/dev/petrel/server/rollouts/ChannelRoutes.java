package dev.petrel.server.rollouts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.web.JsonFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code /api/v1/apps/{app}/channels}: list an app's channels (viewer), define or remove its own
 * (admin). Each answers the full list afterwards.
 */
public final class ChannelRoutes {
  private final Channels channels;
  private final Authenticator auth;
  private final ObjectMapper mapper;

  public ChannelRoutes(Channels channels, Authenticator auth, ObjectMapper mapper) {
    this.channels = channels;
    this.auth = auth;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/apps/{app}/channels", this::list);
    routes.put("/api/v1/apps/{app}/channels/{name}", this::define);
    routes.delete("/api/v1/apps/{app}/channels/{name}", this::remove);
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    answer(ctx, channels.list(app(ctx)));
  }

  private void define(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    Channel channel = Channel.parse("name", ctx.pathParam("name"));
    JsonFields body = JsonFields.parse(mapper, ctx.bodyAsBytes());
    Channel from = Channel.parse("receives_from", body.requiredText("receives_from"));
    answer(ctx, channels.define(app(ctx), channel, from, actor));
  }

  private void remove(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    answer(ctx, channels.remove(app(ctx), Channel.parse("name", ctx.pathParam("name")), actor));
  }

  private static AppId app(Context ctx) {
    return AppId.parse("app", ctx.pathParam("app"));
  }

  private static void answer(Context ctx, Object list) {
    ctx.json(Map.of("ok", true, "channels", list));
  }
}
