package dev.petrel.server.deltas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.Params;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/apps/{app}/releases/{id}/deltas}: list a release's patches (viewer), queue one
 * from an earlier release, upload one made elsewhere, remove one (publisher).
 */
public final class DeltaRoutes {
  private static final String BASE = "/api/v1/apps/{app}/releases/{id}/deltas";

  private final Deltas deltas;
  private final Authenticator auth;
  private final DownloadLinks links;
  private final ObjectMapper mapper;

  public DeltaRoutes(Deltas deltas, Authenticator auth, DownloadLinks links, ObjectMapper mapper) {
    this.deltas = deltas;
    this.auth = auth;
    this.links = links;
    this.mapper = mapper;
  }

  public void register(RoutesConfig routes) {
    routes.get(BASE, this::list);
    routes.post(BASE, this::request);
    routes.put(BASE + "/from/{from}", this::upload);
    routes.delete(BASE + "/{delta}", this::remove);
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    List<DeltaView> views = deltas.list(app(ctx), release(ctx)).stream().map(this::view).toList();
    ctx.json(Map.of("ok", true, "deltas", views));
  }

  private void request(Context ctx) throws IOException {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    JsonNode body = mapper.readTree(ctx.bodyAsBytes());
    JsonNode from = body == null ? null : body.get("from_release_id");
    if (from == null || !from.canConvertToLong() || from.asLong() <= 0) {
      throw ApiException.badRequest(
          "request.invalid_field", "from_release_id: expected a release id, found " + from);
    }
    Delta queued = deltas.request(app(ctx), release(ctx), from.asLong(), actor);
    ctx.status(202).json(Map.of("ok", true, "delta", view(queued)));
  }

  private void upload(Context ctx) throws IOException {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    long from = Params.positiveId(ctx, "from", "release");
    Delta uploaded;
    try (InputStream body = ctx.req().getInputStream()) {
      uploaded = deltas.upload(app(ctx), release(ctx), from, body, actor);
    }
    ctx.status(201).json(Map.of("ok", true, "delta", view(uploaded)));
  }

  private void remove(Context ctx) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    deltas.remove(app(ctx), release(ctx), Params.positiveId(ctx, "delta", "patch"), actor);
    ctx.json(Map.of("ok", true));
  }

  private static AppId app(Context ctx) {
    return AppId.parse("app", ctx.pathParam("app"));
  }

  private static long release(Context ctx) {
    return Params.positiveId(ctx, "id", "release");
  }

  private DeltaView view(Delta delta) {
    String url =
        delta.ready()
            ? links.hosted(Sha256.parse("patch_sha256", delta.patchSha256()), null)
            : null;
    return new DeltaView(
        delta.id(),
        delta.releaseId(),
        delta.fromReleaseId(),
        delta.fromVersionCode(),
        delta.fromSha256(),
        delta.source(),
        delta.state(),
        delta.format(),
        delta.patchSha256(),
        delta.patchSize(),
        delta.fullSize(),
        delta.saving(),
        delta.reason(),
        delta.attempts(),
        delta.generationMillis(),
        Times.iso(delta.createdAt()),
        delta.finishedAt() == null ? null : Times.iso(delta.finishedAt()),
        url);
  }

  /** A patch as the API shows it. */
  record DeltaView(
      long id,
      long releaseId,
      long fromReleaseId,
      long fromVersionCode,
      String fromSha256,
      String source,
      String state,
      String format,
      String patchSha256,
      Long patchSize,
      long fullSize,
      Double saving,
      String reason,
      int attempts,
      Long generationMillis,
      String createdAt,
      String finishedAt,
      String url) {}
}
