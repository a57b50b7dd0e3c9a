package dev.petrel.server.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.releases.ReleaseRoutes;
import dev.petrel.server.web.JsonFields;
import dev.petrel.server.web.Params;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app's webhooks (admin) and their delivery logs (viewer): {@code /api/v1/apps/{app}/webhooks}
 * (GET list, POST create: the secret is in that answer only), {@code …/webhooks/{id}} (PATCH {@code
 * enabled}, DELETE), {@code …/webhooks/{id}/test} (POST: queue a test alert) and {@code
 * …/webhooks/{id}/deliveries?limit=} (GET, newest first, 1 to 200, default 50).
 */
public final class WebhookRoutes {
  private static final String PATH = "/api/v1/apps/{app}/webhooks";

  private final Webhooks webhooks;
  private final Apps apps;
  private final Authenticator auth;
  private final ObjectMapper mapper;

  public WebhookRoutes(Webhooks webhooks, Apps apps, Authenticator auth, ObjectMapper mapper) {
    this.webhooks = webhooks;
    this.apps = apps;
    this.auth = auth;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.get(PATH, this::list);
    routes.post(PATH, this::create);
    routes.patch(PATH + "/{id}", this::patch);
    routes.delete(PATH + "/{id}", this::delete);
    routes.post(PATH + "/{id}/test", this::test);
    routes.get(PATH + "/{id}/deliveries", this::deliveries);
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.ADMIN);
    AppId app = app(ctx);
    ctx.json(
        Map.of(
            "ok", true, "webhooks", webhooks.list(app).stream().map(WebhookRoutes::view).toList()));
  }

  private void create(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    AppId app = app(ctx);
    JsonFields body = JsonFields.parse(mapper, ctx.bodyAsBytes());
    List<String> events =
        hasEvents(body) ? body.requiredTextList("events", Webhooks.TYPES.size()) : null;
    Webhooks.Created created =
        webhooks.create(app, body.requiredText("url"), body.optionalText("kind"), events, actor);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", true);
    answer.put("webhook", view(created.webhook()));
    answer.put("secret", created.secret());
    ctx.status(201).json(answer);
  }

  private void patch(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    JsonFields body = JsonFields.parse(mapper, ctx.bodyAsBytes());
    boolean enabled = body.requiredBoolean("enabled");
    ctx.json(
        Map.of(
            "ok", true, "webhook", view(webhooks.setEnabled(app(ctx), id(ctx), enabled, actor))));
  }

  private void delete(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    webhooks.delete(app(ctx), id(ctx), actor);
    ctx.json(Map.of("ok", true));
  }

  private void test(Context ctx) {
    auth.require(ctx, Role.ADMIN);
    webhooks.test(app(ctx), id(ctx));
    ctx.status(202).json(Map.of("ok", true));
  }

  private void deliveries(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    int limit = ReleaseRoutes.intParam(ctx, "limit", 50, 1, 200);
    List<Map<String, Object>> rows =
        webhooks.deliveries(app(ctx), id(ctx), limit).stream().map(WebhookRoutes::view).toList();
    ctx.json(Map.of("ok", true, "deliveries", rows));
  }

  private boolean hasEvents(JsonFields body) {
    try {
      body.requiredTextList("events", Webhooks.TYPES.size());
      return true;
    } catch (dev.petrel.server.web.ApiException e) {
      if (e.code().equals("request.missing_field")) {
        return false;
      }
      throw e;
    }
  }

  private AppId app(Context ctx) {
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    apps.get(app);
    return app;
  }

  private static long id(Context ctx) {
    return Params.positiveId(ctx, "id", "webhook");
  }

  private static Map<String, Object> view(Webhook webhook) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", webhook.id());
    out.put("url", webhook.url());
    out.put("kind", webhook.kind());
    out.put(
        "events",
        webhook.events().equals("*") ? Webhooks.TYPES : List.of(webhook.events().split(",")));
    out.put("enabled", webhook.enabled());
    out.put("created_at", Times.iso(webhook.createdAt()));
    return out;
  }

  private static Map<String, Object> view(Delivery delivery) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", delivery.id());
    out.put("type", delivery.eventType());
    out.put("state", delivery.state());
    out.put("attempts", delivery.attempts());
    out.put("last_status", delivery.lastStatus());
    out.put("last_error", delivery.lastError());
    out.put("created_at", Times.iso(delivery.createdAt()));
    out.put(
        "next_attempt_at",
        delivery.state().equals("pending") ? Times.iso(delivery.nextAttemptAt()) : null);
    out.put(
        "delivered_at", delivery.deliveredAt() == null ? null : Times.iso(delivery.deliveredAt()));
    return out;
  }
}
