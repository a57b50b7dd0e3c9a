package dev.petrel.android;

import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.content.IntentFilter;
import android.content.pm.ApplicationInfo;
import android.content.pm.PackageInfo;
import android.content.pm.Signature;
import android.content.pm.SigningInfo;
import android.os.Build;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import dev.petrel.server.testing.SignedReleases;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestKeys;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.shadow.api.Shadow;

/**
 * A real Petrel server on port 0 with app {@code notes} and a registered release key, this app
 * installed as version 1.0.0 (code 1) signed by {@link #CERT_A}, and helpers to publish signed
 * android releases, register what Android reads from their APKs, and wait for reported events.
 */
final class AndroidFixture implements AutoCloseable {
  static final String APP = "notes";
  static final Signature CERT_A = new Signature(bytes("certificate A"));
  static final Signature CERT_B = new Signature(bytes("certificate B"));

  final Application context = RuntimeEnvironment.getApplication();
  final TestServer server;
  final ReleaseKeyPair key = ReleaseKeyPair.generate();
  final ReleaseKeyPair foreignKey = ReleaseKeyPair.generate();
  private final Path dir;

  AndroidFixture() {
    try {
      dir = Files.createTempDirectory("petrel-android");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registerSqliteDriver();
    server = TestServer.start(TestDatabase.SQLITE, dir);
    require(201, server.postAsAdmin("/api/v1/apps", "{\"id\":\"" + APP + "\"}"));
    // Both keys are known to the server; the app pins only the first.
    require(
        201,
        server.postAsAdmin(
            "/api/v1/apps/" + APP + "/keys",
            TestKeys.addBody(key.publicKey(), foreignKey.publicKey())));
    installOwnPackage("1.0.0", 1, CERT_A);
    context.registerReceiver(
        new PetrelReceiver(),
        new IntentFilter(PetrelReceiver.ACTION_INSTALL_STATUS),
        android.content.Context.RECEIVER_NOT_EXPORTED);
  }

  /**
   * Each Robolectric SDK runs in a class loader of its own, but {@code DriverManager} is the JDK's,
   * shared by all: it found the SQLite driver once, through the first SDK's loader, and offers it
   * only to code of that loader. Loading the driver class here registers this loader's copy too.
   */
  private static void registerSqliteDriver() {
    try {
      Class.forName("org.sqlite.JDBC");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the SQLite JDBC driver is missing from the test class path", e);
    }
  }

  /** This app as PackageManager reports it. */
  void installOwnPackage(String version, long code, Signature... signers) {
    shadowOf(context.getPackageManager())
        .installPackage(packageInfo(context.getPackageName(), version, code, signing(signers)));
  }

  /** What Android reads from the APK stored for {@code sha256}. */
  void registerApk(String sha256Hex, PackageInfo info) {
    shadowOf(context.getPackageManager()).setPackageArchiveInfo(apkPath(sha256Hex), info);
  }

  /** Where the core updater keeps the verified download of {@code sha256}. */
  String apkPath(String sha256Hex) {
    return context
        .getNoBackupFilesDir()
        .toPath()
        .resolve("petrel/downloads/" + sha256Hex)
        .toString();
  }

  /**
   * A package as Android reports it on the running SDK: from Android 9 the long version code and
   * {@code signingInfo} ({@code GET_SIGNING_CERTIFICATES}), before it the int version code and
   * {@code signatures} ({@code GET_SIGNATURES}, which knows no rotation lineage).
   */
  @SuppressWarnings("deprecation") // versionCode and signatures: what Android 8 reports
  static PackageInfo packageInfo(String name, String version, long code, Signing signing) {
    PackageInfo info = new PackageInfo();
    info.packageName = name;
    info.versionName = version;
    if (Build.VERSION.SDK_INT >= 28) {
      info.setLongVersionCode(code);
      info.signingInfo = signing.asSigningInfo();
    } else {
      info.versionCode = Math.toIntExact(code);
      info.signatures = signing.signers().clone();
    }
    info.applicationInfo = new ApplicationInfo();
    info.applicationInfo.packageName = name;
    return info;
  }

  /**
   * Who signed an APK: its current signers and, after a key rotation (APK signature scheme v3,
   * Android 9+), the certificates it rotated from, oldest first and ending with the current one.
   */
  record Signing(Signature[] signers, Signature[] history) {
    /** Android 9+ only: the class does not exist before. */
    SigningInfo asSigningInfo() {
      SigningInfo info = Shadow.newInstanceOf(SigningInfo.class);
      shadowOf(info).setSignatures(signers);
      if (history.length > 0) {
        shadowOf(info).setPastSigningCertificates(history);
      }
      return info;
    }
  }

  static Signing signing(Signature... signers) {
    return new Signing(signers, new Signature[0]);
  }

  /** A signer that rotated from the older certificates in {@code lineage}. */
  static Signing rotated(Signature current, Signature... lineage) {
    Signature[] history = new Signature[lineage.length + 1];
    System.arraycopy(lineage, 0, history, 0, lineage.length);
    history[lineage.length] = current;
    return new Signing(new Signature[] {current}, history);
  }

  /**
   * A small APK-shaped zip, different for each version. What Android reads from it is registered
   * with Robolectric's package manager, so it carries no binary manifest; it is named so that the
   * server's publish-time APK checks (tested on the server with real APKs) leave it alone, as they
   * do any zip without {@code AndroidManifest.xml}: these tests are about the device's own checks.
   */
  static byte[] apk(String version, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("manifest.txt"));
      zip.write(("package=notes versionName=" + version).getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("classes.dex"));
      byte[] code = new byte[size];
      new Random(version.hashCode()).nextBytes(code);
      zip.write(code);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A published release: its server id, the APK and its SHA-256. */
  record Release(long id, String version, long code, byte[] apk, String sha256) {}

  Release publish(String version, long code, byte[] apk, boolean mandatory) {
    return publish(version, code, apk, mandatory, key);
  }

  /** Uploads {@code apk} and publishes it as a stable android release signed by {@code signer}. */
  Release publish(String version, long code, byte[] apk, boolean mandatory, ReleaseKeyPair signer) {
    SignedReleases.Uploaded uploaded = SignedReleases.upload(server, APP, apk);
    SignedStatement signed =
        signer
            .signer()
            .sign(
                SignedReleases.statement(APP, uploaded)
                    .platform(new Platform("android"))
                    .channel(Channel.STABLE)
                    .version(Version.parse(version))
                    .versionCode(code)
                    .mandatory(mandatory)
                    .build());
    String body =
        "{\"platform\":\"android\",\"version\":\""
            + version
            + "\",\"version_code\":"
            + code
            + ",\"is_mandatory\":"
            + mandatory
            + ",\"release_notes\":\"Notes for "
            + version
            + "\",\"artifact_sha256\":\""
            + uploaded.sha256().hex()
            + "\""
            + SignedReleases.field(
                "statement", SignedReleases.base64(signed.statement().canonicalBytes()))
            + SignedReleases.field("signature", signed.signature())
            + "}";
    TestResponse published = server.postAsAdmin("/api/v1/apps/" + APP + "/releases", body);
    require(201, published);
    return new Release(
        published.json().at("/release/id").asLong(), version, code, apk, uploaded.sha256().hex());
  }

  /** A builder for this app against the server, pinning the release key. */
  PetrelAndroidBuilder petrel() {
    return PetrelAndroid.builder(context)
        .server(java.net.URI.create(server.url()))
        .app(APP)
        .trustedKey(key.publicKey().base64());
  }

  /**
   * Waits up to 15 seconds until the server stored an event of {@code type} whose reason contains
   * {@code reasonPart} (any reason when null); the count found.
   */
  long awaitEvent(String type, String reasonPart) throws InterruptedException {
    return awaitEvents(
        "type = '"
            + type
            + "'"
            + (reasonPart == null
                ? ""
                : " AND reason LIKE '%" + reasonPart.replace("'", "''") + "%'"));
  }

  /**
   * Waits up to 15 seconds until the server stored an event matching the SQL condition {@code
   * where}; the count found (events arrive in batches, in the background).
   */
  long awaitEvents(String where) throws InterruptedException {
    String sql = "SELECT COUNT(*) FROM client_events WHERE " + where;
    long deadline = System.nanoTime() + 15_000_000_000L;
    long found = server.queryLong(sql);
    while (found == 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      found = server.queryLong(sql);
    }
    return found;
  }

  /** The count of stored events of {@code type} now. */
  long events(String type) {
    return server.queryLong("SELECT COUNT(*) FROM client_events WHERE type = '" + type + "'");
  }

  private static void require(int status, TestResponse response) {
    if (response.status() != status) {
      throw new IllegalStateException("expected HTTP " + status + ", found " + response);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    PetrelAndroid current = PetrelAndroid.instanceOrNull();
    if (current != null) {
      current.close();
    }
    server.close();
  }
}
