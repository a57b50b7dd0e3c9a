package dev.petrel.server.android;

import dev.petrel.protocol.Platform;
import dev.petrel.server.archives.MalformedArchiveException;
import dev.petrel.server.archives.StoredBytes;
import dev.petrel.server.archives.ZipDirectory;
import dev.petrel.server.artifacts.ArtifactStore;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.releases.PublishCheck;
import dev.petrel.server.releases.PublishRequest;
import dev.petrel.server.releases.Release;
import dev.petrel.server.web.ApiException;
import java.io.IOException;
import org.jdbi.v3.core.Handle;

/**
 * Checks the APK of a hosted Android release when it is published, refusing what every device would
 * refuse to install as an update: a {@code versionCode} other than the release's, a package name
 * other than the app's earlier APKs', or a signing certificate other than theirs. A changed
 * certificate is let through only when the publisher asks for it ({@code
 * signing_certificate_rotation}, a key rotation), and that is written to the audit log.
 *
 * <p>An Android artifact is an APK when it is a ZIP archive holding {@code AndroidManifest.xml}, or
 * when its file name ends in {@code .apk} (it must then be one). Other Android artifacts (a plain
 * data file an app downloads itself) and external releases are not inspected. Thread-safe.
 */
public final class ApkPublishCheck implements PublishCheck {
  /** The platform this check is for. */
  public static final Platform ANDROID = new Platform("android");

  private final ArtifactStore store;
  private final AuditLog audit;

  public ApkPublishCheck(ArtifactStore store, AuditLog audit) {
    this.store = store;
    this.audit = audit;
  }

  @Override
  public Inspected inspect(Release draft, PublishRequest request) throws IOException {
    if (!draft.platform().equals(ANDROID) || !draft.hosted()) {
      return null;
    }
    ZipDirectory zip;
    try {
      zip = ZipDirectory.read(new StoredBytes(store, draft.sha256(), draft.fileSize()));
    } catch (MalformedArchiveException e) {
      return null; // not a ZIP archive this reader understands, so not an APK Petrel can check
    }
    if (zip.find(ApkInfo.MANIFEST).isEmpty()) {
      return null;
    }
    ApkInfo apk;
    try {
      apk = ApkInfo.read(zip);
    } catch (MalformedArchiveException e) {
      throw ApiException.badRequest(
          "android.apk_unreadable",
          "the APK " + draft.fileName() + " cannot be read: " + e.getMessage());
    }
    if (apk.versionCode() != draft.versionCode()) {
      throw ApiException.badRequest(
          "android.version_code_mismatch",
          "the APK's AndroidManifest.xml has versionCode "
              + apk.versionCode()
              + " but the release has version code "
              + draft.versionCode()
              + "; nothing was published");
    }
    return (handle, published, unused, actor) -> apply(handle, apk, published, request, actor);
  }

  private void apply(
      Handle handle, ApkInfo apk, Release published, PublishRequest request, Principal actor) {
    AndroidPackageDao dao = handle.attach(AndroidPackageDao.class);
    AndroidPackage earlier = dao.latestBefore(published.appId(), published.id()).orElse(null);
    if (earlier != null) {
      if (!earlier.packageName().equals(apk.packageName())) {
        throw ApiException.conflict(
            "android.package_mismatch",
            "the APK's package is '"
                + apk.packageName()
                + "' but the app's earlier APKs are '"
                + earlier.packageName()
                + "': Android would install it as another app; nothing was published");
      }
      if (!earlier.signers().equals(apk.signers())) {
        signerChanged(handle, earlier, apk, published, request, actor);
      }
    }
    dao.insert(
        new AndroidPackage(
            published.id(),
            published.appId(),
            apk.packageName(),
            apk.versionCode(),
            apk.signers(),
            apk.scheme()));
  }

  private void signerChanged(
      Handle handle,
      AndroidPackage earlier,
      ApkInfo apk,
      Release published,
      PublishRequest request,
      Principal actor) {
    String change = "from " + earlier.signers() + " to " + apk.signers();
    if (!request.signingCertificateRotation()) {
      throw ApiException.conflict(
          "android.signer_mismatch",
          "the APK is signed by certificate SHA-256 "
              + apk.signers()
              + " but the app's earlier APKs by "
              + earlier.signers()
              + ": Android refuses such an update on every device; if this is a planned key"
              + " rotation, publish again with signing_certificate_rotation (petrel publish"
              + " --signing-certificate-rotation); nothing was published");
    }
    audit.record(
        handle,
        actor.actor(),
        "release.signing_certificate_rotation",
        published.appId().name(),
        String.valueOf(published.id()),
        apk.packageName()
            + " "
            + published.version()
            + " ("
            + published.versionCode()
            + ") "
            + change);
  }
}
