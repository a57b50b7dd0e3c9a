package dev.petrel.android.internal;

import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import android.content.pm.Signature;
import android.content.pm.SigningInfo;
import android.os.Build;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateException.Reason;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a downloaded APK the way Android will when it installs it, before the user is asked
 * anything: the archive must name this app's package, carry the version code of the signed release
 * (above the installed one), and be signed by this app's signing certificate, or by a certificate
 * whose rotation lineage includes it. Android would refuse any other APK only after the user
 * confirmed; refusing here explains why and keeps the installer from opening.
 */
public final class ApkInspector {
  private final PackageManager packages;
  private final String ownPackage;

  public ApkInspector(PackageManager packages, String ownPackage) {
    this.packages = packages;
    this.ownPackage = ownPackage;
  }

  /**
   * Checks {@code apk} against the installed app and the signed release's version code.
   *
   * @throws UpdateException {@code INSTALL}, its message starting with "refused:", when the APK
   *     must not be installed
   */
  public void check(Path apk, long signedVersionCode) throws UpdateException {
    int flags = signingFlag();
    PackageInfo archive = packages.getPackageArchiveInfo(apk.toString(), flags);
    if (archive == null) {
      throw refused("Android cannot read " + apk.getFileName() + " as an APK");
    }
    if (!ownPackage.equals(archive.packageName)) {
      throw refused("the APK is for package " + archive.packageName + ", expected " + ownPackage);
    }
    PackageInfo installed;
    try {
      installed = packages.getPackageInfo(ownPackage, flags);
    } catch (PackageManager.NameNotFoundException e) {
      throw new UpdateException(
          Reason.STATE, "cannot read this app's own package " + ownPackage, e);
    }
    long code = Versions.code(archive);
    long installedCode = Versions.code(installed);
    if (code <= installedCode) {
      throw refused(
          "the APK's versionCode " + code + " is not above the installed " + installedCode);
    }
    if (code != signedVersionCode) {
      throw refused(
          "the APK's versionCode is "
              + code
              + ", but the signed release says "
              + signedVersionCode);
    }
    if (Build.VERSION.SDK_INT >= 28) {
      checkSigningInfo(archive, installed);
    } else {
      checkSignatures(archive, installed);
    }
  }

  @SuppressWarnings("deprecation")
  private static int signingFlag() {
    return Build.VERSION.SDK_INT >= 28
        ? PackageManager.GET_SIGNING_CERTIFICATES
        : PackageManager.GET_SIGNATURES;
  }

  /** Android 9+: signers and their rotation lineage (APK signature scheme v3). */
  @SinceApi(28)
  private static void checkSigningInfo(PackageInfo archive, PackageInfo installed)
      throws UpdateException {
    SigningInfo apk = archive.signingInfo;
    SigningInfo own = installed.signingInfo;
    if (apk == null || apk.getApkContentsSigners() == null) {
      throw refused("the APK carries no signing certificate");
    }
    if (own == null || own.getApkContentsSigners() == null) {
      throw new UpdateException(
          Reason.STATE, "Android reports no signing certificate for this app");
    }
    Set<Signature> apkSigners = set(apk.getApkContentsSigners());
    Set<Signature> ownSigners = set(own.getApkContentsSigners());
    if (apk.hasMultipleSigners() || own.hasMultipleSigners()) {
      // Several signers cannot rotate: Android requires the very same set.
      if (!apkSigners.equals(ownSigners)) {
        throw refused(differentSigners(apkSigners, ownSigners));
      }
      return;
    }
    Set<Signature> lineage = new HashSet<>(apkSigners);
    if (apk.hasPastSigningCertificates()) {
      lineage.addAll(Arrays.asList(apk.getSigningCertificateHistory()));
    }
    if (!lineage.containsAll(ownSigners)) {
      throw refused(differentSigners(apkSigners, ownSigners));
    }
  }

  /** Android 8: the signatures must be the same set (no rotation before API 28). */
  @SuppressWarnings("deprecation")
  private static void checkSignatures(PackageInfo archive, PackageInfo installed)
      throws UpdateException {
    if (archive.signatures == null || archive.signatures.length == 0) {
      throw refused("the APK carries no signing certificate");
    }
    Set<Signature> apkSigners = set(archive.signatures);
    Set<Signature> ownSigners = set(installed.signatures);
    if (!apkSigners.equals(ownSigners)) {
      throw refused(differentSigners(apkSigners, ownSigners));
    }
  }

  private static String differentSigners(Set<Signature> apk, Set<Signature> own) {
    return "the APK is signed by certificate "
        + fingerprints(apk)
        + ", but this app by "
        + fingerprints(own)
        + " (Android would refuse it)";
  }

  private static Set<Signature> set(Signature[] signatures) {
    return signatures == null ? Set.of() : new HashSet<>(Arrays.asList(signatures));
  }

  /** Short SHA-256 fingerprints of the certificates, as {@code apksigner} prints them. */
  static String fingerprints(Set<Signature> signatures) {
    List<String> prints =
        signatures.stream().map(ApkInspector::fingerprint).sorted().collect(Collectors.toList());
    return prints.size() == 1 ? prints.get(0) : prints.toString();
  }

  private static String fingerprint(Signature signature) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(signature.toByteArray());
      StringBuilder hex = new StringBuilder("SHA-256 ");
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", digest[i]));
      }
      return hex.append('…').toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this runtime", e);
    }
  }

  private static UpdateException refused(String why) {
    return new UpdateException(Reason.INSTALL, "refused: " + why);
  }
}
