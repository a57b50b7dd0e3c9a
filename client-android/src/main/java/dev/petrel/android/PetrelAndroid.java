package dev.petrel.android;

import android.app.Activity;
import android.content.Context;
import android.content.Intent;
import android.os.Handler;
import android.os.Looper;
import dev.petrel.android.internal.ApkInspector;
import dev.petrel.android.internal.CheckJobs;
import dev.petrel.android.internal.DownloadNotifier;
import dev.petrel.android.internal.PendingInstall;
import dev.petrel.client.Cancellation;
import dev.petrel.client.ChangelogEntry;
import dev.petrel.client.CheckResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateListener;
import dev.petrel.client.Updater;
import dev.petrel.client.VerifiedUpdate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Petrel's updater for an Android app (API 26+): checks a Petrel server for a signed release,
 * downloads it with a progress notification (resumable, verified against pinned release keys by the
 * core {@link Updater}), checks the APK the way Android will (package, version code, signing
 * certificate) before the user is asked anything, and installs it through a {@code
 * PackageInstaller} session. Build one in {@code Application.onCreate} with {@link
 * #builder(Context)}; the background job and the install-status receiver use that instance.
 *
 * <p>Blocking methods ({@link #check}, {@link #download}, {@link #install}) must not run on the
 * main thread; {@link #checkAndPrompt} and {@link #update} do their work on a background thread of
 * their own (one at a time) and show their screens on the main thread. Thread-safe.
 *
 * <p>Reported events (through the core's outbox, sent in batches): those of the core updater, an
 * {@code install_failed} with the reason for an APK refused here or a failure status from Android,
 * {@code install_succeeded} when Android reports success or the next start finds the new version
 * code installed, and {@code app_started} once per process.
 */
public final class PetrelAndroid implements AutoCloseable {
  private static volatile PetrelAndroid instance;

  private final Context context;
  private final Updater updater;
  private final PetrelSettings settings;
  private final PendingInstall pending;
  private final ExecutorService worker;
  private final Handler main = new Handler(Looper.getMainLooper());
  private volatile Cancellation download = new Cancellation();

  PetrelAndroid(Context context, Updater updater, PetrelSettings settings, PendingInstall pending) {
    this.context = context;
    this.updater = updater;
    this.settings = settings;
    this.pending = pending;
    this.worker =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "petrel-android");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A builder for the app of {@code context}. */
  public static PetrelAndroidBuilder builder(Context context) {
    return new PetrelAndroidBuilder(context);
  }

  /**
   * The instance built last in this process.
   *
   * @throws IllegalStateException when none was built (build it in {@code Application.onCreate})
   */
  public static PetrelAndroid instance() {
    PetrelAndroid current = instance;
    if (current == null) {
      throw new IllegalStateException(
          "no PetrelAndroid was built in this process; build one in Application.onCreate");
    }
    return current;
  }

  static PetrelAndroid instanceOrNull() {
    return instance;
  }

  static void register(PetrelAndroid built) {
    PetrelAndroid before = instance;
    instance = built;
    if (before != null && before != built) {
      before.closeQuietly();
    }
  }

  /**
   * Asks the servers for a newer release (blocking; not on the main thread).
   *
   * @throws UpdateException when no server could answer
   */
  public CheckResult check() throws UpdateException {
    return updater.check();
  }

  /** The notes of every release since the installed one up to {@code offer}, newest first. */
  public List<ChangelogEntry> changelog(Offer offer) {
    return updater.changelog(offer);
  }

  /**
   * Downloads and verifies {@code offer} (blocking), resuming an earlier partial download, with a
   * progress notification whose Cancel action (or {@link #cancelDownload()}) stops it.
   *
   * @throws UpdateException as {@link Updater#download}
   */
  public VerifiedUpdate download(Offer offer) throws UpdateException {
    Cancellation cancellation = new Cancellation();
    download = cancellation;
    return updater.download(offer, notifier(), cancellation);
  }

  /**
   * Checks the downloaded APK (package name, version code, signing certificate) and hands it to
   * Android's installer (blocking). Android then asks the user where it must, and reports the
   * outcome to {@link PetrelReceiver}; a self-update that succeeds restarts the app.
   *
   * @throws UpdateException {@code INSTALL} with a message starting "refused:" when the APK must
   *     not be installed (no session was opened), or when no session could be written
   */
  public void install(VerifiedUpdate update) throws UpdateException {
    updater.install(update, UpdateListener.NONE);
  }

  /**
   * Checks in the background and, when there is an update, shows it over {@code activity}: the
   * {@link UpdateDialog}, or the {@link MandatoryUpdateScreen} when it is mandatory — unless the
   * {@link AndroidUpdateListener} draws its own. When the user agrees, downloads and installs.
   */
  public void checkAndPrompt(Activity activity) {
    Objects.requireNonNull(activity, "activity");
    worker.execute(
        () -> {
          CheckResult result;
          try {
            result = updater.check();
          } catch (UpdateException e) {
            failed(e);
            return;
          }
          if (result.updateAvailable()) {
            Offer offer = result.offer();
            List<ChangelogEntry> changelog = updater.changelog(offer);
            main.post(() -> prompt(activity, offer, changelog));
          }
        });
  }

  /** Downloads and installs {@code offer} in the background (after your own screen asked). */
  public void update(Offer offer) {
    Objects.requireNonNull(offer, "offer");
    worker.execute(() -> downloadAndInstall(offer, null));
  }

  /**
   * Schedules the periodic background check ({@link UpdateCheckJobService}): with a network
   * (unmetered when so configured), at the configured interval with jitter, kept across reboots
   * (the app needs {@code RECEIVE_BOOT_COMPLETED}). Replaces an earlier schedule.
   *
   * @return whether JobScheduler accepted the job
   */
  public boolean scheduleChecks() {
    return CheckJobs.schedule(
        context,
        settings.jobId(),
        UpdateCheckJobService.class,
        settings.checkInterval(),
        settings.checkJitter(),
        settings.unmeteredOnly());
  }

  /** Cancels the periodic background check. */
  public void cancelScheduledChecks() {
    CheckJobs.cancel(context, settings.jobId());
  }

  /** Stops the running download, if any; its partial file is kept for a resume. */
  public void cancelDownload() {
    download.cancel();
  }

  /** The installed version, as {@code PackageManager} reports it (e.g. {@code 1.2.0}). */
  public String installedVersion() {
    return updater.installedVersion();
  }

  /** The installed version code, as {@code PackageManager} reports it. */
  public long installedVersionCode() {
    return settings.installedVersionCode();
  }

  /** The core updater, for what this class does not wrap (history, device id). */
  public Updater updater() {
    return updater;
  }

  /** Stops the background thread and the event sender; unsent events wait in the outbox. */
  @Override
  public void close() {
    if (instance == this) {
      instance = null;
    }
    closeQuietly();
  }

  private void closeQuietly() {
    worker.shutdownNow();
    updater.close();
  }

  /**
   * The background job's work; {@code finished} hears whether the job should run again soon. The
   * job's cancellation is in place before this returns, so a {@link #cancelDownload()} (Android
   * stopping the job) during the check also stops the download that would follow.
   */
  void checkInBackground(Consumer<Boolean> finished) {
    Cancellation cancellation = new Cancellation();
    download = cancellation;
    worker.execute(
        () -> {
          boolean retry = false;
          try {
            CheckResult result = updater.check();
            if (result.updateAvailable()) {
              VerifiedUpdate update = updater.download(result.offer(), notifier(), cancellation);
              safely(() -> settings.listener().readyToInstall(update));
              if (settings.installInBackground()) {
                install(update);
              } else {
                notifier().showReady(update.offer());
              }
            }
          } catch (UpdateException e) {
            failed(e);
            retry =
                e.reason() == UpdateException.Reason.NETWORK
                    || e.reason() == UpdateException.Reason.CANCELLED;
          } finally {
            finished.accept(retry);
          }
        });
  }

  void userActionRequired() {
    safely(() -> settings.listener().userActionRequired());
  }

  /** Android's installer ended an install: report it, forget it, tell the listener. */
  void installEnded(String version, long versionCode, String failure) {
    PendingInstall.Entry entry = pending.read();
    if (version == null && entry != null) {
      version = entry.version();
      versionCode = entry.versionCode();
    }
    if (version != null) {
      updater.reportInstallOutcome(version, versionCode, failure);
    }
    pending.clear();
    if (failure != null) {
      String reason = failure;
      safely(() -> settings.listener().installFailed(reason));
    }
  }

  /** At start: an install handed over earlier that landed is confirmed. */
  void confirmLandedInstall() {
    PendingInstall.Entry entry = pending.read();
    if (entry != null && settings.installedVersionCode() >= entry.versionCode()) {
      updater.reportInstallOutcome(entry.version(), entry.versionCode(), null);
      pending.clear();
    }
  }

  private void prompt(Activity activity, Offer offer, List<ChangelogEntry> changelog) {
    boolean handled;
    try {
      handled = settings.listener().updateAvailable(offer, changelog);
    } catch (RuntimeException e) {
      handled = false;
    }
    if (handled || activity.isFinishing()) {
      return;
    }
    if (offer.mandatory()) {
      MandatoryUpdateScreen[] screen = new MandatoryUpdateScreen[1];
      screen[0] =
          MandatoryUpdateScreen.show(
              activity,
              offer,
              changelog,
              () -> worker.execute(() -> downloadAndInstall(offer, screen[0])));
    } else {
      UpdateDialog.show(activity, offer, changelog, () -> update(offer), () -> {});
    }
  }

  private void downloadAndInstall(Offer offer, MandatoryUpdateScreen screen) {
    try {
      Cancellation cancellation = new Cancellation();
      download = cancellation;
      UpdateListener listener =
          screen == null
              ? notifier()
              : new ScreenProgress(
                  notifier(), (done, total) -> main.post(() -> screen.showProgress(done, total)));
      VerifiedUpdate update = updater.download(offer, listener, cancellation);
      safely(() -> settings.listener().readyToInstall(update));
      install(update);
    } catch (UpdateException e) {
      failed(e);
      if (screen != null) {
        main.post(() -> screen.showFailure(e.getMessage()));
      }
    }
  }

  private DownloadNotifier notifier() {
    Intent cancel =
        new Intent(context, PetrelReceiver.class)
            .setAction(PetrelReceiver.ACTION_CANCEL_DOWNLOAD)
            .setPackage(context.getPackageName());
    return new DownloadNotifier(
        context,
        settings.notificationChannel(),
        cancel,
        (done, total) -> safely(() -> settings.listener().downloadProgress(done, total)));
  }

  private void failed(UpdateException e) {
    safely(() -> settings.listener().failed(e));
  }

  private static void safely(Runnable hook) {
    try {
      hook.run();
    } catch (RuntimeException e) {
      // A listener's exception never changes the outcome.
    }
  }

  /** Builds an {@link ApkInspector} for {@code context}'s own package. */
  static ApkInspector inspector(Context context) {
    return new ApkInspector(context.getPackageManager(), context.getPackageName());
  }
}
