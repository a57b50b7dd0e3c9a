package dev.petrel.server.ios;

import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Version;
import dev.petrel.server.archives.MalformedArchiveException;
import dev.petrel.server.archives.StoredBytes;
import dev.petrel.server.archives.ZipDirectory;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.releases.PublishCheck;
import dev.petrel.server.releases.PublishRequest;
import dev.petrel.server.releases.Release;
import dev.petrel.server.web.ApiException;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Checks a hosted iOS release (an enterprise or ad-hoc IPA) when it is published: the server must
 * have an https public URL (iOS installs over {@code itms-services} only from https), the IPA's
 * {@code Info.plist} must give the release's version ({@code CFBundleShortVersionString}) and
 * version code ({@code CFBundleVersion}), and its bundle id must be the one of the app's earlier
 * IPAs. What it read is stored for the install manifest. External iOS releases (an App Store URL)
 * are not checked. Thread-safe.
 */
public final class IosPublishCheck implements PublishCheck {
  /** The platform this check is for. */
  public static final Platform IOS = new Platform("ios");

  private static final Pattern SHORT_VERSION =
      Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?");

  private final ArtifactStore store;
  private final Supplier<String> configuredPublicUrl;

  /**
   * @param configuredPublicUrl the public URL the server was configured with, or null for none
   */
  public IosPublishCheck(ArtifactStore store, Supplier<String> configuredPublicUrl) {
    this.store = store;
    this.configuredPublicUrl = configuredPublicUrl;
  }

  @Override
  public Inspected inspect(Release draft, PublishRequest request) throws IOException {
    if (!draft.platform().equals(IOS) || !draft.hosted()) {
      return null;
    }
    requireHttps(configuredPublicUrl.get());
    IpaInfo info;
    try {
      info =
          IpaInfo.read(ZipDirectory.read(new StoredBytes(store, draft.sha256(), draft.fileSize())));
    } catch (MalformedArchiveException e) {
      throw ApiException.badRequest(
          "ios.ipa_unreadable",
          "a hosted ios release must be an IPA whose Info.plist can be read: " + e.getMessage());
    }
    compare(info, draft);
    return (handle, published, unused, actor) -> store(handle, info, published);
  }

  private static void requireHttps(String publicUrl) {
    if (publicUrl == null || !publicUrl.startsWith("https://")) {
      throw ApiException.badRequest(
          "ios.https_required",
          "an enterprise or ad-hoc IPA is installed through itms-services, which iOS allows only"
              + " from https: start the server with an https --public-url (PETREL_PUBLIC_URL),"
              + " found "
              + (publicUrl == null ? "none" : "'" + publicUrl + "'")
              + "; an App Store release needs none (publish its store URL as download_url)");
    }
  }

  /** Refuses an IPA whose Info.plist disagrees with the release. */
  static void compare(IpaInfo info, Release release) {
    Version version = release.version();
    Matcher matcher = SHORT_VERSION.matcher(info.shortVersion());
    if (!matcher.matches()
        || part(matcher, 1) != version.major()
        || part(matcher, 2) != version.minor()
        || part(matcher, 3) != version.patch()) {
      throw mismatch(
          "CFBundleShortVersionString '"
              + info.shortVersion()
              + "' but the release is version "
              + version);
    }
    if (!info.bundleVersion().equals(Long.toString(release.versionCode()))) {
      throw mismatch(
          "CFBundleVersion '"
              + info.bundleVersion()
              + "' but the release has version code "
              + release.versionCode()
              + " (Petrel orders iOS builds by CFBundleVersion, a whole number)");
    }
  }

  private static int part(Matcher matcher, int group) {
    return matcher.group(group) == null ? 0 : Integer.parseInt(matcher.group(group));
  }

  private static ApiException mismatch(String what) {
    return ApiException.badRequest(
        "ios.bundle_mismatch", "the IPA's Info.plist says " + what + "; nothing was published");
  }

  private static void store(Handle handle, IpaInfo info, Release published) {
    IosBundleDao dao = handle.attach(IosBundleDao.class);
    dao.latestBefore(published.appId(), published.id())
        .filter(earlier -> !earlier.bundleId().equals(info.bundleId()))
        .ifPresent(
            earlier -> {
              throw ApiException.conflict(
                  "ios.bundle_id_mismatch",
                  "the IPA's CFBundleIdentifier is '"
                      + info.bundleId()
                      + "' but the app's earlier IPAs are '"
                      + earlier.bundleId()
                      + "': iOS would install it as another app; nothing was published");
            });
    dao.insert(
        new IosBundle(
            published.id(),
            published.appId(),
            info.bundleId(),
            info.shortVersion(),
            info.bundleVersion(),
            info.title()));
  }
}
