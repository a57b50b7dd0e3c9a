package dev.petrel.server.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.releases.PublishRequest;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseRoutes;
import dev.petrel.server.releases.ReleaseView;
import dev.petrel.server.releases.Releases;
import dev.petrel.server.updates.Catalogue;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed API under {@code /api/updates/} (its check is served by {@link
 * dev.petrel.server.updates.CheckEndpoint}), exactly as the existing Flutter app and the seed's
 * curl workflow use it: the v1 services on the {@linkplain AppId#DEFAULT default app}.
 */
public final class SeedRoutes {
  private final Catalogue catalogue;
  private final Releases releases;
  private final Authenticator auth;
  private final DownloadLinks links;
  private final ObjectMapper mapper;
  private final Clock clock;

  public SeedRoutes(
      Catalogue catalogue,
      Releases releases,
      Authenticator auth,
      DownloadLinks links,
      ObjectMapper mapper,
      Clock clock) {
    this.catalogue = catalogue;
    this.releases = releases;
    this.auth = auth;
    this.links = links;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** The seed's latest-version answer. */
  record SeedLatest(
      boolean ok,
      String version,
      long versionCode,
      String platform,
      String downloadUrl,
      Long fileSize,
      String checksum,
      String releaseNotes,
      boolean isMandatory,
      String publishedAt) {}

  public void register(RoutesConfig routes) {
    routes.get("/api/updates/latest", this::latest);
    routes.post("/api/updates/publish", this::publish);
    routes.post("/api/updates/deactivate/{id}", ctx -> setActive(ctx, false));
    routes.post("/api/updates/activate/{id}", ctx -> setActive(ctx, true));
    routes.get("/api/updates/versions", this::versions);
  }

  private void latest(Context ctx) {
    String platformText = ctx.queryParam("platform");
    if (platformText == null) {
      throw ApiException.badRequest(
          "request.missing_field", "platform: required query parameter, found nothing");
    }
    Platform platform = Platform.parse("platform", platformText);
    Release newest = newestStable(platform);
    ctx.json(
        new SeedLatest(
            true,
            newest.version().toString(),
            newest.versionCode(),
            platform.name(),
            links.of(newest),
            newest.fileSize(),
            newest.sha256() == null ? null : newest.sha256().hex(),
            newest.releaseNotes(),
            newest.mandatory(),
            Times.iso(newest.publishedAt())));
  }

  private Release newestStable(Platform platform) {
    Catalogue.Snapshot snapshot = catalogue.snapshot();
    List<Release> all = snapshot.releases(AppId.DEFAULT, platform);
    for (Release release : all) {
      // A release with a gate is paused, halted or an experiment arm: not rolled out to all.
      if (release.active()
          && release.channel().equals(Channel.STABLE)
          && release.rolloutBasisPoints() >= 10_000
          && snapshot.rollouts().gate(release.id()) == null
          && !release.publishedAt().isAfter(clock.instant())) {
        return release;
      }
    }
    throw ApiException.notFound(
        "release.not_found", "no active " + platform + " release is published");
  }

  private void publish(Context ctx) throws Exception {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    PublishRequest request = PublishRequest.parse(mapper, ctx.bodyAsBytes());
    Release release = releases.publish(AppId.DEFAULT, request, actor);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    body.put("id", release.id());
    body.put("message", "Version " + release.version() + " published");
    body.put("release", ReleaseView.of(release, links));
    ctx.json(body);
  }

  private void setActive(Context ctx, boolean active) {
    Principal actor = auth.require(ctx, Role.PUBLISHER);
    long id = ReleaseRoutes.releaseId(ctx);
    Release release = releases.setActive(AppId.DEFAULT, id, active, actor);
    String message = "Version " + release.version() + (active ? " activated" : " deactivated");
    ctx.json(
        Map.of(
            "ok", true, "id", id, "message", message, "release", ReleaseView.of(release, links)));
  }

  private void versions(Context ctx) {
    auth.require(ctx, Role.VIEWER);
    String platformText = ctx.queryParam("platform");
    Platform platform = platformText == null ? null : Platform.parse("platform", platformText);
    int limit = ReleaseRoutes.intParam(ctx, "limit", 100, 1, 1000);
    int offset = ReleaseRoutes.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    List<ReleaseView> views =
        releases.list(AppId.DEFAULT, platform, limit, offset).stream()
            .map(r -> ReleaseView.of(r, links))
            .toList();
    ctx.json(Map.of("ok", true, "versions", views));
  }
}
