package dev.petrel.server.android;

import dev.petrel.delta.zip.CentralDirectory;
import dev.petrel.server.archives.MalformedArchiveException;
import dev.petrel.server.archives.ZipDirectory;
import java.io.IOException;

/**
 * What an APK says about itself: its manifest's package name and version code, and its signing
 * certificates.
 *
 * @param signers the lowercase hex SHA-256 of each signing certificate, sorted, comma-separated
 * @param scheme the signature scheme the certificates come from: 1, 2 or 3
 */
record ApkInfo(String packageName, long versionCode, String signers, int scheme) {
  static final String MANIFEST = "AndroidManifest.xml";

  /**
   * @throws MalformedArchiveException when the manifest or the signatures cannot be read
   */
  static ApkInfo read(ZipDirectory apk) throws IOException {
    CentralDirectory.Entry manifest =
        apk.find(MANIFEST)
            .orElseThrow(() -> new MalformedArchiveException("it has no " + MANIFEST));
    BinaryManifest.Facts facts = BinaryManifest.read(apk.contents(manifest));
    ApkSigners.Signers signers = ApkSigners.read(apk);
    return new ApkInfo(
        facts.packageName(),
        facts.versionCode(),
        String.join(",", signers.certificates()),
        signers.scheme());
  }
}
