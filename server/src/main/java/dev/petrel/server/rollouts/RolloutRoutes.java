package dev.petrel.server.rollouts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.releases.ReleaseRoutes;
import dev.petrel.server.web.JsonFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code /api/v1/apps/{app}/releases/{id}/rollout}: read a release's rollout (viewer) and steer it
 * (publisher): share, pause, resume, ramp plan, health policy. Each answers the rollout afterwards.
 * {@code /api/v1/apps/{app}/rollouts} lists every release's rollout at a glance (viewer).
 */
public final class RolloutRoutes {
  private static final String PATH = "/api/v1/apps/{app}/releases/{id}/rollout";

  private final Rollouts rollouts;
  private final Authenticator auth;
  private final ObjectMapper mapper;
  private final Gates gates;

  public RolloutRoutes(Rollouts rollouts, Gates gates, Authenticator auth, ObjectMapper mapper) {
    this.rollouts = rollouts;
    this.gates = gates;
    this.auth = auth;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/apps/{app}/rollouts", this::list);
    routes.get(PATH, this::status);
    routes.post(PATH, this::setShare);
    routes.post(PATH + "/pause", ctx -> stateChange(ctx, rollouts::pause));
    routes.post(PATH + "/resume", ctx -> stateChange(ctx, rollouts::resume));
    routes.put(PATH + "/plan", this::setPlan);
    routes.delete(PATH + "/plan", ctx -> stateChange(ctx, rollouts::clearPlan));
    routes.put(PATH + "/health-policy", this::setHealthPolicy);
    routes.put(PATH + "/gate", this::setGate);
    routes.delete(PATH + "/gate", this::removeGate);
  }

  /** Sets the statistical gate; a field left out takes its default (see GateRow). */
  private void setGate(Context ctx) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    JsonFields body = optionalBody(ctx);
    GateRow gate =
        new GateRow(
            0,
            intField(body, "halt_confidence_basis_points", GateRow.DEFAULT_HALT),
            intField(body, "advance_confidence_basis_points", GateRow.DEFAULT_ADVANCE),
            intField(body, "margin_basis_points", GateRow.DEFAULT_MARGIN),
            intField(body, "min_trials", GateRow.DEFAULT_MIN_TRIALS));
    long id = ReleaseRoutes.releaseId(ctx);
    gates.set(app(ctx), id, gate, RolloutRequests.reason(body), actor);
    answer(ctx, rollouts.status(app(ctx), id));
  }

  private void removeGate(Context ctx) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    long id = ReleaseRoutes.releaseId(ctx);
    gates.remove(app(ctx), id, RolloutRequests.reason(optionalBody(ctx)), actor);
    answer(ctx, rollouts.status(app(ctx), id));
  }

  private static int intField(JsonFields body, String name, int fallback) {
    Long value = body.optionalNonNegativeLong(name);
    if (value == null) {
      return fallback;
    }
    if (value > Integer.MAX_VALUE) {
      throw dev.petrel.server.web.ApiException.badRequest(
          "request.invalid_field", name + ": expected a smaller number, found " + value);
    }
    return value.intValue();
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    ctx.json(Map.of("ok", true, "rollouts", rollouts.list(app(ctx))));
  }

  private void status(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    answer(ctx, rollouts.status(app(ctx), ReleaseRoutes.releaseId(ctx)));
  }

  private void setShare(Context ctx) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    JsonFields body = JsonFields.parse(mapper, ctx.bodyAsBytes());
    int share =
        RolloutRequests.basisPoints("basis_points", body.optionalNonNegativeLong("basis_points"));
    answer(
        ctx,
        rollouts.setShare(
            app(ctx), ReleaseRoutes.releaseId(ctx), share, RolloutRequests.reason(body), actor));
  }

  /** A change that takes nothing but an optional reason: pause, resume, plan removal. */
  private interface ReasonedChange {
    RolloutView apply(AppId app, long releaseId, String reason, Principal actor);
  }

  private void stateChange(Context ctx, ReasonedChange change) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    String reason = RolloutRequests.reason(optionalBody(ctx));
    answer(ctx, change.apply(app(ctx), ReleaseRoutes.releaseId(ctx), reason, actor));
  }

  private void setPlan(Context ctx) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    byte[] bytes = ctx.bodyAsBytes();
    JsonFields body = JsonFields.parse(mapper, bytes);
    RampPlan plan = RolloutRequests.plan(mapper, bytes);
    answer(
        ctx,
        rollouts.setPlan(
            app(ctx), ReleaseRoutes.releaseId(ctx), plan, RolloutRequests.reason(body), actor));
  }

  private void setHealthPolicy(Context ctx) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    JsonFields body = JsonFields.parse(mapper, ctx.bodyAsBytes());
    HealthPolicy policy = RolloutRequests.healthPolicy(body);
    answer(
        ctx,
        rollouts.setHealthPolicy(
            app(ctx), ReleaseRoutes.releaseId(ctx), policy, RolloutRequests.reason(body), actor));
  }

  /** The body, or an empty one when none was sent (pause, resume and plan removal need none). */
  private JsonFields optionalBody(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    return JsonFields.parse(mapper, bytes.length == 0 ? new byte[] {'{', '}'} : bytes);
  }

  private static AppId app(Context ctx) {
    return AppId.parse("app", ctx.pathParam("app"));
  }

  private static void answer(Context ctx, RolloutView view) {
    ctx.json(Map.of("ok", true, "rollout", view));
  }
}
