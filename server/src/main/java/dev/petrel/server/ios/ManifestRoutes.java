package dev.petrel.server.ios;

import dev.petrel.protocol.AppId;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.releases.Release;
import dev.petrel.server.releases.ReleaseRoutes;
import dev.petrel.server.releases.Releases;
import dev.petrel.server.web.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/v1/apps/{app}/releases/{id}/manifest.plist}: the {@code itms-services} manifest
 * of a hosted iOS release, as {@code text/xml} (what Apple asks servers to send). No token: iOS
 * fetches it without credentials, and it names only the IPA's public download URL. A deactivated
 * release has no manifest, so a recalled IPA cannot be installed from a link handed out before.
 */
public final class ManifestRoutes {
  static final String CONTENT_TYPE = "text/xml; charset=utf-8";

  private final Releases releases;
  private final Jdbi jdbi;
  private final DownloadLinks links;

  public ManifestRoutes(Releases releases, Jdbi jdbi, DownloadLinks links) {
    this.releases = releases;
    this.jdbi = jdbi;
    this.links = links;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/apps/{app}/releases/{id}/manifest.plist", this::manifest);
  }

  private void manifest(Context ctx) {
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    Release release = releases.get(app, ReleaseRoutes.releaseId(ctx));
    Optional<IosBundle> bundle =
        jdbi.withExtension(IosBundleDao.class, dao -> dao.find(release.id()));
    if (bundle.isEmpty() || !release.active()) {
      throw ApiException.notFound(
          "ios.manifest_not_found",
          "release "
              + release.id()
              + " of app '"
              + app
              + "' has no install manifest: "
              + (bundle.isEmpty() ? "it is not a hosted IPA" : "it is deactivated"));
    }
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(CONTENT_TYPE);
    ctx.result(InstallManifest.xml(bundle.get(), links.artifact(release)));
  }
}
