package dev.petrel.server.updates;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.AppId;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.releases.Release;
import dev.petrel.server.web.JsonFields;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/apps/{app}/check}: the multi-app check. Unauthenticated, as devices call it.
 */
public final class CheckRoutes {
  private final CheckService checks;
  private final DownloadLinks links;
  private final ObjectMapper mapper;

  public CheckRoutes(CheckService checks, DownloadLinks links, ObjectMapper mapper) {
    this.checks = checks;
    this.links = links;
    this.mapper = mapper;
  }

  /**
   * The v1 answer.
   *
   * @param ok always true
   * @param updateAvailable whether {@code release} is set
   * @param isMandatory whether the device must install it
   * @param currentRecalled whether the version the device runs has been deactivated
   * @param release what to install, or null
   */
  record CheckAnswer(
      boolean ok,
      boolean updateAvailable,
      boolean isMandatory,
      boolean currentRecalled,
      Offer release) {}

  /** The release offered to a device. */
  record Offer(
      long id,
      String version,
      long versionCode,
      String channel,
      String downloadUrl,
      Long fileSize,
      String checksum,
      String releaseNotes,
      String minSupportedVersion,
      String publishedAt) {
    static Offer of(Release release, DownloadLinks links) {
      return new Offer(
          release.id(),
          release.version().toString(),
          release.versionCode(),
          release.channel().wireName(),
          links.of(release),
          release.fileSize(),
          release.sha256() == null ? null : release.sha256().hex(),
          release.releaseNotes(),
          release.minSupportedVersion() == null ? null : release.minSupportedVersion().toString(),
          Times.iso(release.publishedAt()));
    }
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/apps/{app}/check", this::check);
  }

  private void check(Context ctx) {
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    CheckQuery query = CheckRequests.parse(app, JsonFields.parse(mapper, ctx.bodyAsBytes()));
    CheckDecision.Outcome outcome = checks.check(query);
    Offer offer = outcome.offered() == null ? null : Offer.of(outcome.offered(), links);
    ctx.json(
        new CheckAnswer(
            true, offer != null, outcome.mandatory(), outcome.currentRecalled(), offer));
  }
}
