package dev.petrel.server.rollouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.JsonFields;
import dev.petrel.server.web.Params;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/apps/{app}/experiments}: create (publisher), list and read (viewer), end
 * (publisher) cohort experiments. The figures of each arm come from the release figures endpoint
 * each arm names.
 */
public final class ExperimentRoutes {
  static final int MAX_NAME = 100;

  private final Experiments experiments;
  private final Authenticator auth;
  private final ObjectMapper mapper;

  public ExperimentRoutes(Experiments experiments, Authenticator auth, ObjectMapper mapper) {
    this.experiments = experiments;
    this.auth = auth;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/apps/{app}/experiments", this::create);
    routes.get("/api/v1/apps/{app}/experiments", this::list);
    routes.get("/api/v1/apps/{app}/experiments/{id}", this::get);
    routes.post("/api/v1/apps/{app}/experiments/{id}/end", this::end);
  }

  private void create(Context ctx) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    byte[] bytes = ctx.bodyAsBytes();
    JsonFields body = JsonFields.parse(mapper, bytes);
    String name = body.requiredText("name").strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "name: expected 1 to " + MAX_NAME + " characters, found " + name.length());
    }
    JsonNode arms = RolloutRequests.objects(mapper, bytes, "arms", Experiments.MAX_ARMS);
    List<Experiments.ArmRequest> requested = new ArrayList<>();
    for (int i = 0; i < arms.size(); i++) {
      String at = "arms[" + i + "]";
      JsonNode arm = arms.get(i);
      requested.add(
          new Experiments.ArmRequest(
              RolloutRequests.integer(arm, at, "release_id", null),
              bucket(RolloutRequests.integer(arm, at, "range_start", null)),
              bucket(RolloutRequests.integer(arm, at, "range_end", null))));
    }
    Experiment created = experiments.create(app(ctx), name, requested, actor);
    ctx.status(201).json(Map.of("ok", true, "experiment", created));
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    ctx.json(Map.of("ok", true, "experiments", experiments.list(app(ctx))));
  }

  private void get(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    ctx.json(Map.of("ok", true, "experiment", experiments.get(app(ctx), id(ctx))));
  }

  private void end(Context ctx) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    ctx.json(Map.of("ok", true, "experiment", experiments.end(app(ctx), id(ctx), actor)));
  }

  /** Out-of-range values become -1, which the range check refuses with its own message. */
  private static int bucket(long value) {
    return value < 0 || value > 10_000 ? -1 : (int) value;
  }

  private static long id(Context ctx) {
    return Params.positiveId(ctx, "id", "experiment");
  }

  private static AppId app(Context ctx) {
    return AppId.parse("app", ctx.pathParam("app"));
  }
}
