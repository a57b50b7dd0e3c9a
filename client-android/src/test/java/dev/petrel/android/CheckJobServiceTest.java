package dev.petrel.android;

import static dev.petrel.android.AndroidFixture.CERT_A;
import static dev.petrel.android.AndroidFixture.packageInfo;
import static dev.petrel.android.AndroidFixture.signing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Notification;
import android.app.NotificationManager;
import android.app.job.JobParameters;
import dev.petrel.android.internal.DownloadNotifier;
import dev.petrel.client.UpdateException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import org.robolectric.shadow.api.Shadow;
import org.robolectric.util.ReflectionHelpers;

/**
 * The background check as Android runs it: {@link UpdateCheckJobService#onStartJob} on a real
 * service, against a real Petrel server, until the job reports {@code jobFinished}.
 */
@RunWith(RobolectricTestRunner.class)
@Config(
    sdk = 34,
    shadows = {RecordingJobService.class, RecordingSession.class})
public class CheckJobServiceTest {
  private static final int JOB_ID = 0x7e7e1;

  private AndroidFixture fixture;
  private UpdateCheckJobService service;
  private final JobParameters params = jobParameters(JOB_ID);
  private final List<long[]> progressShown = new CopyOnWriteArrayList<>();
  private final List<UpdateException> failures = new CopyOnWriteArrayList<>();
  private volatile boolean stopOnFirstProgress;
  private volatile Boolean stopAnswer;

  @Before
  public void start() {
    RecordingSession.reset();
    fixture = new AndroidFixture();
    service = Robolectric.buildService(UpdateCheckJobService.class).create().get();
  }

  @After
  public void stop() {
    fixture.close();
  }

  @Test
  @Config(sdk = {27, 34})
  public void aBackgroundCheckDownloadsTheUpdateWithItsNotificationThenFinishesTheJob()
      throws Exception {
    AndroidFixture.Release release =
        fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 300_000), false);
    build(fixture.petrel());

    assertThat(service.onStartJob(params)).isTrue();

    assertThat(job().awaitFinished()).isSameAs(params);
    assertThat(job().rescheduleAsked()).isFalse();
    assertThat(failures).isEmpty();
    assertThat(progressShown).isNotEmpty();
    assertThat(progressShown).allSatisfy(p -> assertThat(p[1]).isEqualTo(release.apk().length));
    assertThat(progressShown.get(progressShown.size() - 1)[0]).isEqualTo(release.apk().length);
    assertThat(Files.readAllBytes(Path.of(fixture.apkPath(release.sha256()))))
        .isEqualTo(release.apk());
    Notification ready = notification();
    assertThat(ready.extras.getString(Notification.EXTRA_TITLE)).isEqualTo("Update 1.1.0 is ready");
    assertThat(ready.extras.getInt(Notification.EXTRA_PROGRESS_MAX)).isZero();
    assertThat(RecordingSession.opened).isZero();
    assertThat(fixture.awaitEvent("download_completed", null)).isEqualTo(1);
  }

  @Test
  public void withInstallInBackgroundTheJobHandsTheApkToTheInstaller() throws Exception {
    AndroidFixture.Release release =
        fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 100_000), false);
    fixture.registerApk(
        release.sha256(),
        packageInfo(fixture.context.getPackageName(), "1.1.0", 2, signing(CERT_A)));
    build(fixture.petrel().installInBackground(true));

    assertThat(service.onStartJob(params)).isTrue();

    assertThat(job().awaitFinished()).isSameAs(params);
    assertThat(job().rescheduleAsked()).isFalse();
    assertThat(RecordingSession.COMMITTED).singleElement();
    assertThat(RecordingSession.COMMITTED.get(0).written.toByteArray()).isEqualTo(release.apk());
  }

  @Test
  public void aJobStoppedByAndroidKeepsItsDownloadForTheNextRun() throws Exception {
    AndroidFixture.Release release =
        fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 300_000), false);
    stopOnFirstProgress = true;
    build(fixture.petrel());

    assertThat(service.onStartJob(params)).isTrue();

    assertThat(job().awaitFinished()).isSameAs(params);
    assertThat(stopAnswer).isTrue();
    assertThat(job().rescheduleAsked()).isTrue();
    assertThat(failures)
        .singleElement()
        .extracting(UpdateException::reason)
        .isEqualTo(UpdateException.Reason.CANCELLED);
    Path apk = Path.of(fixture.apkPath(release.sha256()));
    Path partial = Path.of(apk + ".part");
    assertThat(apk).doesNotExist();
    assertThat(Files.size(partial)).isPositive().isLessThanOrEqualTo(release.apk().length);

    RecordingJobService rerun = rerun();

    assertThat(rerun.awaitFinished()).isSameAs(params);
    assertThat(rerun.rescheduleAsked()).isFalse();
    assertThat(Files.readAllBytes(apk)).isEqualTo(release.apk());
    assertThat(partial).doesNotExist();
  }

  @Test
  public void aJobStoppedBeforeItsDownloadBeganDownloadsNothing() throws Exception {
    AndroidFixture.Release release =
        fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 300_000), false);
    build(fixture.petrel());

    assertThat(service.onStartJob(params)).isTrue();
    // Android stops the job at once, while the check is still asking the server.
    assertThat(service.onStopJob(params)).isTrue();

    assertThat(job().awaitFinished()).isSameAs(params);
    assertThat(job().rescheduleAsked()).isTrue();
    assertThat(failures)
        .singleElement()
        .extracting(UpdateException::reason)
        .isEqualTo(UpdateException.Reason.CANCELLED);
    assertThat(Path.of(fixture.apkPath(release.sha256()))).doesNotExist();
  }

  @Test
  public void aJobThatCannotReachTheServerAsksToRunAgain() throws Exception {
    build(
        PetrelAndroid.builder(fixture.context)
            .server(closedPort())
            .app(AndroidFixture.APP)
            .trustedKey(fixture.key.publicKey().base64()));

    assertThat(service.onStartJob(params)).isTrue();

    assertThat(job().awaitFinished()).isSameAs(params);
    assertThat(job().rescheduleAsked()).isTrue();
    assertThat(failures)
        .singleElement()
        .extracting(UpdateException::reason)
        .isEqualTo(UpdateException.Reason.NETWORK);
  }

  @Test
  public void withoutAPetrelAndroidTheJobHasNothingToDo() throws Exception {
    assertThat(PetrelAndroid.instanceOrNull()).isNull();

    assertThat(service.onStartJob(params)).isFalse();

    assertThat(job().calls()).isZero();
  }

  private void build(PetrelAndroidBuilder builder) {
    builder
        .listener(
            new AndroidUpdateListener() {
              @Override
              public void downloadProgress(long done, long total) {
                if (stopOnFirstProgress && stopAnswer == null) {
                  // Android stops the job (its network went away) while the download runs; the
                  // download ends at its next read, however far it got.
                  stopAnswer = service.onStopJob(params);
                }
                Notification shown = notification();
                progressShown.add(
                    new long[] {
                      shown.extras.getInt(Notification.EXTRA_PROGRESS),
                      shown.extras.getInt(Notification.EXTRA_PROGRESS_MAX)
                    });
              }

              @Override
              public void failed(UpdateException failure) {
                failures.add(failure);
              }
            })
        .build();
  }

  /** The job started again on a new service, as Android does after a reschedule. */
  private RecordingJobService rerun() {
    UpdateCheckJobService again =
        Robolectric.buildService(UpdateCheckJobService.class).create().get();
    assertThat(again.onStartJob(params)).isTrue();
    return Shadow.extract(again);
  }

  private RecordingJobService job() {
    return Shadow.extract(service);
  }

  private Notification notification() {
    return shadowOf(fixture.context.getSystemService(NotificationManager.class))
        .getNotification(DownloadNotifier.NOTIFICATION_ID);
  }

  /**
   * What Android hands the service. Its constructors are hidden and differ between SDKs; the
   * service only passes it back to {@code jobFinished}, so an instance with the job's id will do.
   */
  private static JobParameters jobParameters(int jobId) {
    JobParameters params = Shadow.newInstanceOf(JobParameters.class);
    ReflectionHelpers.setField(params, "jobId", jobId);
    return params;
  }

  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }
}
