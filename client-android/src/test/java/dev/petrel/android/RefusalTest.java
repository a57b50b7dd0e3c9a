package dev.petrel.android;

import static dev.petrel.android.AndroidFixture.CERT_A;
import static dev.petrel.android.AndroidFixture.CERT_B;
import static dev.petrel.android.AndroidFixture.packageInfo;
import static dev.petrel.android.AndroidFixture.rotated;
import static dev.petrel.android.AndroidFixture.signing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import android.content.pm.PackageInfo;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;

/**
 * Each update Android would refuse (or that is not what the publisher signed) is refused before any
 * installer session is opened, with the reason reported to the server and to the listener.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34, shadows = RecordingSession.class)
public class RefusalTest {
  private AndroidFixture fixture;
  private final List<UpdateException> failures = new ArrayList<>();

  @Before
  public void start() {
    RecordingSession.reset();
    fixture = new AndroidFixture();
  }

  @After
  public void stop() {
    fixture.close();
  }

  @Test
  public void aFlippedBitIsRefusedBeforeAnySession() throws Exception {
    fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 200_000), false);
    PetrelAndroid petrel = build();
    Offer offer = petrel.check().offer();
    try (FaultyProxy proxy = new FaultyProxy(offer.downloadUrl())) {
      proxy.flipByteAt(12_345);

      UpdateException refused =
          catchThrowableOfType(
              UpdateException.class, () -> petrel.download(InstallFlowTest.via(proxy, offer)));

      assertThat(refused.reason()).isEqualTo(UpdateException.Reason.VERIFICATION);
    }
    assertNoSession();
    assertThat(fixture.awaitEvent("download_failed", "the downloaded bytes have SHA-256"))
        .isEqualTo(1);
  }

  @Test
  public void aReleaseSignedByAForeignKeyIsRefusedBeforeAnySession() throws Exception {
    fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 1000), false, fixture.foreignKey);
    PetrelAndroid petrel = build();
    // What a source that trusted the foreign key would offer.
    Offer foreign = offerPinning(fixture.foreignKey.publicKey().base64());

    UpdateException atCheck = catchThrowableOfType(UpdateException.class, petrel::check);
    UpdateException atDownload =
        catchThrowableOfType(UpdateException.class, () -> petrel.download(foreign));

    assertThat(atCheck.reason()).isEqualTo(UpdateException.Reason.VERIFICATION);
    assertThat(atDownload.reason()).isEqualTo(UpdateException.Reason.VERIFICATION);
    assertNoSession();
    assertThat(fixture.awaitEvent("download_failed", "refused")).isEqualTo(1);
  }

  @Test
  @Config(sdk = {27, 34})
  public void anApkOfAnotherPackageIsRefusedBeforeAnySession() throws Exception {
    assertRefused(
        packageInfo("com.example.other", "1.1.0", 2, signing(CERT_A)),
        "the APK is for package com.example.other, expected " + fixture.context.getPackageName());
  }

  @Test
  public void anApkWithALowerVersionCodeIsRefusedBeforeAnySession() throws Exception {
    assertRefused(
        packageInfo(fixture.context.getPackageName(), "0.9.0", 0, signing(CERT_A)),
        "the APK's versionCode 0 is not above the installed 1");
  }

  @Test
  public void anApkWhoseVersionCodeDiffersFromTheSignedOneIsRefused() throws Exception {
    assertRefused(
        packageInfo(fixture.context.getPackageName(), "1.1.0", 3, signing(CERT_A)),
        "the APK's versionCode is 3, but the signed release says 2");
  }

  @Test
  @Config(sdk = {27, 34}) // GET_SIGNATURES below API 28, GET_SIGNING_CERTIFICATES from it
  public void anApkSignedByAnotherCertificateIsRefusedBeforeAnySession() throws Exception {
    assertRefused(
        packageInfo(fixture.context.getPackageName(), "1.1.0", 2, signing(CERT_B)),
        "the APK is signed by certificate SHA-256");
  }

  @Test
  @Config(sdk = {27, 34})
  public void anApkSignedByAnExtraCertificateIsRefusedBeforeAnySession() throws Exception {
    // Android requires the very same set of signers when there are several.
    assertRefused(
        packageInfo(fixture.context.getPackageName(), "1.1.0", 2, signing(CERT_A, CERT_B)),
        "the APK is signed by certificate [SHA-256");
  }

  @Test
  @Config(sdk = {27, 34})
  public void anApkSignedByTheInstalledCertificateIsInstalled() throws Exception {
    AndroidFixture.Release release =
        fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 1000), false);
    fixture.registerApk(
        release.sha256(),
        packageInfo(fixture.context.getPackageName(), "1.1.0", 2, signing(CERT_A)));
    PetrelAndroid petrel = build();

    petrel.install(petrel.download(petrel.check().offer()));

    assertThat(RecordingSession.COMMITTED).singleElement();
    assertThat(RecordingSession.COMMITTED.get(0).written.toByteArray()).isEqualTo(release.apk());
    assertThat(failures).isEmpty();
  }

  @Test
  public void anApkWhoseRotationLineageIncludesTheInstalledCertificateIsInstalled()
      throws Exception {
    AndroidFixture.Release release =
        fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 1000), false);
    fixture.registerApk(
        release.sha256(),
        packageInfo(fixture.context.getPackageName(), "1.1.0", 2, rotated(CERT_B, CERT_A)));
    PetrelAndroid petrel = build();

    petrel.install(petrel.download(petrel.check().offer()));

    assertThat(RecordingSession.COMMITTED).hasSize(1);
    assertThat(failures).isEmpty();
  }

  private void assertRefused(PackageInfo apk, String reason) throws Exception {
    AndroidFixture.Release release =
        fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 1000), false);
    fixture.registerApk(release.sha256(), apk);
    PetrelAndroid petrel = build();
    petrel.update(petrel.check().offer());

    assertThat(fixture.awaitEvent("install_failed", reason)).isEqualTo(1);
    assertNoSession();
    assertThat(failures)
        .singleElement()
        .extracting(Throwable::getMessage)
        .asString()
        .startsWith("refused: ")
        .contains(reason);
  }

  private void assertNoSession() {
    assertThat(fixture.context.getPackageManager().getPackageInstaller().getAllSessions())
        .isEmpty();
    assertThat(RecordingSession.opened).isZero();
    assertThat(RecordingSession.COMMITTED).isEmpty();
  }

  private Offer offerPinning(String key) throws Exception {
    try (Updater other =
        Updater.builder()
            .server(URI.create(fixture.server.url()))
            .app(AndroidFixture.APP)
            .platform("android")
            .installedVersion("1.0.0", 1)
            .trustedKey(key)
            .stateDir(Files.createTempDirectory("other"))
            .reportEvents(false)
            .build()) {
      return other.check().offer();
    }
  }

  private PetrelAndroid build() {
    return fixture
        .petrel()
        .listener(
            new AndroidUpdateListener() {
              @Override
              public void failed(UpdateException failure) {
                synchronized (failures) {
                  failures.add(failure);
                }
              }
            })
        .build();
  }
}
