package dev.petrel.android;

import static dev.petrel.android.AndroidFixture.CERT_A;
import static dev.petrel.android.AndroidFixture.packageInfo;
import static dev.petrel.android.AndroidFixture.signing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Notification;
import android.app.NotificationManager;
import android.content.Intent;
import android.content.pm.PackageInstaller;
import android.os.Looper;
import dev.petrel.android.internal.DownloadNotifier;
import dev.petrel.client.CheckResult;
import dev.petrel.client.Offer;
import dev.petrel.client.VerifiedUpdate;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;

/** Check, download with a progress notification, APK checks, session install, status handling. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34, shadows = RecordingSession.class)
public class InstallFlowTest {
  private AndroidFixture fixture;
  private final List<String> installFailures = new ArrayList<>();
  private final List<int[]> progressShown = new ArrayList<>();

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
  @Config(sdk = {27, 34}) // on 27 without setRequireUserAction, which Android 12 added
  public void checksDownloadsWithProgressThenCommitsTheExactBytesAndReportsSuccess()
      throws Exception {
    AndroidFixture.Release release = publishGood("1.1.0", 2);
    PetrelAndroid petrel = build();

    CheckResult result = petrel.check();
    VerifiedUpdate update = petrel.download(result.offer());

    assertThat(result.offer().version()).isEqualTo("1.1.0");
    assertThat(progressShown).isNotEmpty();
    assertThat(progressShown).allSatisfy(p -> assertThat(p[1]).isEqualTo(release.apk().length));
    assertThat(progressShown.get(progressShown.size() - 1)[0]).isEqualTo(release.apk().length);
    assertThat(progressShown).isSortedAccordingTo((a, b) -> Integer.compare(a[0], b[0]));
    assertThat(notifications().getActiveNotifications()).isEmpty();

    petrel.install(update);

    assertThat(RecordingSession.COMMITTED).hasSize(1);
    RecordingSession session = RecordingSession.COMMITTED.get(0);
    assertThat(session.written.toByteArray()).isEqualTo(release.apk());
    assertThat(session.synced).isTrue();
    assertThat(session.fileName).isEqualTo("base.apk");
    assertThat(fixture.events("install_succeeded")).isZero();

    deliver(session, PackageInstaller.STATUS_SUCCESS, new Intent());

    assertThat(fixture.awaitEvent("install_succeeded", null)).isEqualTo(1);
    assertThat(fixture.awaitEvent("download_completed", null)).isEqualTo(1);
    assertThat(fixture.awaitEvent("app_started", null)).isEqualTo(1);
  }

  @Test
  public void aCutConnectionResumesWhereItBroke() throws Exception {
    AndroidFixture.Release release = publishGood("1.1.0", 2);
    PetrelAndroid petrel = build();
    Offer offer = petrel.check().offer();
    try (FaultyProxy proxy = new FaultyProxy(offer.downloadUrl())) {
      proxy.cutNextAfter(100_000);

      VerifiedUpdate update = petrel.download(via(proxy, offer));

      assertThat(Files.readAllBytes(update.file())).isEqualTo(release.apk());
      assertThat(proxy.heads()).hasSize(2);
      assertThat(proxy.heads().get(1)).containsIgnoringCase("range: bytes=");
      assertThat(proxy.heads().get(1)).doesNotContain("bytes=0-");
    }
  }

  @Test
  @Config(sdk = {27, 34}) // Android 8 always asks
  public void pendingUserActionStartsAndroidsConfirmation() throws Exception {
    publishGood("1.1.0", 2);
    PetrelAndroid petrel = build();
    petrel.install(petrel.download(petrel.check().offer()));
    Intent confirm = new Intent("android.content.pm.action.CONFIRM_INSTALL");

    deliver(
        RecordingSession.COMMITTED.get(0),
        PackageInstaller.STATUS_PENDING_USER_ACTION,
        new Intent().putExtra(Intent.EXTRA_INTENT, confirm));

    Intent started = shadowOf(fixture.context).getNextStartedActivity();
    assertThat(started).isNotNull();
    assertThat(started.getAction()).isEqualTo("android.content.pm.action.CONFIRM_INSTALL");
    assertThat(started.getFlags() & Intent.FLAG_ACTIVITY_NEW_TASK).isNotZero();
    assertThat(fixture.events("install_failed") + fixture.events("install_succeeded")).isZero();
  }

  @Test
  public void aFailureStatusIsReportedWithItsNameAndAndroidsMessage() throws Exception {
    publishGood("1.1.0", 2);
    PetrelAndroid petrel = build();
    petrel.install(petrel.download(petrel.check().offer()));

    deliver(
        RecordingSession.COMMITTED.get(0),
        PackageInstaller.STATUS_FAILURE_STORAGE,
        new Intent().putExtra(PackageInstaller.EXTRA_STATUS_MESSAGE, "INSUFFICIENT_STORAGE"));

    assertThat(fixture.awaitEvent("install_failed", "STATUS_FAILURE_STORAGE (6)")).isEqualTo(1);
    assertThat(fixture.awaitEvent("install_failed", "INSUFFICIENT_STORAGE")).isEqualTo(1);
    assertThat(installFailures).singleElement().asString().contains("not enough storage");
    assertThat(fixture.events("install_succeeded")).isZero();
  }

  @Test
  public void theNextStartConfirmsAnUpdateThatLandedWithoutAStatus() throws Exception {
    publishGood("1.1.0", 2);
    PetrelAndroid petrel = build();
    petrel.install(petrel.download(petrel.check().offer()));
    petrel.close();
    // Android replaced the app and started the new version; no status reached the old process.
    fixture.installOwnPackage("1.1.0", 2, CERT_A);

    PetrelAndroid restarted = build();

    assertThat(restarted.installedVersion()).isEqualTo("1.1.0");
    assertThat(fixture.awaitEvent("install_succeeded", null)).isEqualTo(1);
    assertThat(fixture.awaitEvents("type = 'app_started' AND version = '1.1.0'")).isEqualTo(1);
  }

  private AndroidFixture.Release publishGood(String version, long code) {
    AndroidFixture.Release release =
        fixture.publish(version, code, AndroidFixture.apk(version, 300_000), false);
    fixture.registerApk(
        release.sha256(),
        packageInfo(fixture.context.getPackageName(), version, code, signing(CERT_A)));
    return release;
  }

  private PetrelAndroid build() {
    return fixture
        .petrel()
        .listener(
            new AndroidUpdateListener() {
              @Override
              public void downloadProgress(long done, long total) {
                Notification shown =
                    shadowOf(notifications()).getNotification(DownloadNotifier.NOTIFICATION_ID);
                progressShown.add(
                    new int[] {
                      shown.extras.getInt(Notification.EXTRA_PROGRESS),
                      shown.extras.getInt(Notification.EXTRA_PROGRESS_MAX)
                    });
              }

              @Override
              public void installFailed(String reason) {
                installFailures.add(reason);
              }
            })
        .build();
  }

  private NotificationManager notifications() {
    return fixture.context.getSystemService(NotificationManager.class);
  }

  /** Sends the status as Android's installer does: through the committed session's receiver. */
  private void deliver(RecordingSession session, int status, Intent extras) throws Exception {
    Intent fillIn = new Intent(extras).putExtra(PackageInstaller.EXTRA_STATUS, status);
    session.statusReceiver.sendIntent(fixture.context, 0, fillIn, null, null);
    shadowOf(Looper.getMainLooper()).idle();
  }

  static Offer via(FaultyProxy proxy, Offer offer) {
    return new Offer(
        offer.version(),
        offer.versionCode(),
        offer.channel(),
        offer.mandatory(),
        offer.releaseNotes(),
        offer.size(),
        offer.sha256(),
        proxy.uri(offer.downloadUrl().getRawPath()),
        offer.downgrade(),
        offer.statement(),
        offer.signature(),
        offer.signingKeyId(),
        offer.recallStatement(),
        offer.recallSignature());
  }
}
