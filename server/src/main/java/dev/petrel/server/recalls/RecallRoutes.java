package dev.petrel.server.recalls;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseRoutes;
import dev.petrel.server.releases.ReleaseView;
import dev.petrel.server.web.JsonFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /api/v1/apps/{app}/releases/{id}/recall}: recall a release, and read its recall; {@code
 * …/downgrade-target}: the release a signed recall of it would name by default.
 */
public final class RecallRoutes {
  private final Recalls recalls;
  private final Authenticator auth;
  private final DownloadLinks links;
  private final ObjectMapper mapper;

  public RecallRoutes(
      Recalls recalls, Authenticator auth, DownloadLinks links, ObjectMapper mapper) {
    this.recalls = recalls;
    this.auth = auth;
    this.links = links;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/apps/{app}/releases/{id}/recall", this::recall);
    routes.get("/api/v1/apps/{app}/releases/{id}/recall", this::get);
    routes.get("/api/v1/apps/{app}/releases/{id}/downgrade-target", this::downgradeTarget);
  }

  private void recall(Context ctx) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    long id = ReleaseRoutes.releaseId(ctx);
    RecallRequest request = RecallRequest.parse(JsonFields.parse(mapper, ctx.bodyAsBytes()));
    Recalls.Outcome outcome = recalls.recall(app, id, request, actor);
    ctx.json(
        Map.of(
            "ok",
            true,
            "release",
            ReleaseView.of(outcome.release(), links),
            "recall",
            RecallView.of(outcome.release(), outcome.recall(), outcome.target()),
            "warnings",
            outcome.warnings()));
  }

  private void get(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    Recalls.Outcome outcome =
        recalls.get(AppId.parse("app", ctx.pathParam("app")), ReleaseRoutes.releaseId(ctx));
    ctx.json(
        Map.of(
            "ok",
            true,
            "recall",
            RecallView.of(outcome.release(), outcome.recall(), outcome.target())));
  }

  private void downgradeTarget(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    Release target =
        recalls.defaultTarget(
            AppId.parse("app", ctx.pathParam("app")), ReleaseRoutes.releaseId(ctx));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    body.put("target", target == null ? null : ReleaseView.of(target, links));
    ctx.json(body);
  }
}
