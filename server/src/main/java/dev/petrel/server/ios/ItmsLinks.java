package dev.petrel.server.ios;

import dev.petrel.server.artifacts.InstallLink;
import dev.petrel.server.releases.Release;

/**
 * The link a device opens to install a hosted iOS release: {@code
 * itms-services://?action=download-manifest&url=<manifest URL>}, the manifest served by {@link
 * ManifestRoutes}. Every hosted iOS release is an IPA ({@link IosPublishCheck} refuses anything
 * else), so the decision needs no database: it stays off the check path's critical section.
 */
public final class ItmsLinks implements InstallLink {
  @Override
  public String of(Release release, String publicUrl) {
    if (!release.platform().equals(IosPublishCheck.IOS) || !release.hosted()) {
      return null;
    }
    return "itms-services://?action=download-manifest&url=" + manifestUrl(release, publicUrl);
  }

  /** The https URL of the release's manifest. */
  public static String manifestUrl(Release release, String publicUrl) {
    return publicUrl
        + "/api/v1/apps/"
        + release.appId().name()
        + "/releases/"
        + release.id()
        + "/manifest.plist";
  }
}
