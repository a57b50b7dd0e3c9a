package dev.petrel.android;

import android.content.Context;
import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import dev.petrel.android.internal.CheckJobs;
import dev.petrel.android.internal.DownloadNotifier;
import dev.petrel.android.internal.PendingInstall;
import dev.petrel.android.internal.SessionInstaller;
import dev.petrel.android.internal.Versions;
import dev.petrel.client.Updater;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects {@link PetrelAndroid}'s settings. Required: at least one server, the app id and at least
 * one pinned release key. The installed version and version code are read from {@code
 * PackageManager} ({@code versionName} must be {@code MAJOR.MINOR.PATCH}); the platform is {@code
 * android}; the state (downloads, history, outbox, device id) lives in {@code
 * getNoBackupFilesDir()/petrel}, which backups never copy to another device. Not thread-safe;
 * {@link #build()} validates everything and throws {@link IllegalArgumentException} naming the
 * first bad setting.
 */
public final class PetrelAndroidBuilder {
  private final Context context;
  private final List<URI> servers = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();
  private String app;
  private String channel = "stable";
  private String notificationChannel = "petrel-updates";
  private String notificationChannelName = "App updates";
  private Duration checkInterval = Duration.ofHours(6);
  private Duration checkJitter = Duration.ofHours(1);
  private boolean unmeteredOnly;
  private boolean installInBackground;
  private boolean reportEvents = true;
  private int jobId = 0x7e7e1;
  private AndroidUpdateListener listener = new AndroidUpdateListener() {};

  PetrelAndroidBuilder(Context context) {
    this.context = Objects.requireNonNull(context, "context").getApplicationContext();
  }

  /** Adds a Petrel server (its base URL); servers are asked in the order added. */
  public PetrelAndroidBuilder server(URI baseUrl) {
    servers.add(Objects.requireNonNull(baseUrl, "server"));
    return this;
  }

  /** The app id, as registered on the server (required). */
  public PetrelAndroidBuilder app(String app) {
    this.app = app;
    return this;
  }

  /** The channel: {@code stable} (the default), {@code beta} or {@code alpha}. */
  public PetrelAndroidBuilder channel(String channel) {
    this.channel = channel;
    return this;
  }

  /**
   * Pins a release public key (base64 of the 32 Ed25519 key bytes); repeat during a key rotation.
   * At least one is required: unsigned releases are always refused.
   */
  public PetrelAndroidBuilder trustedKey(String base64) {
    keys.add(base64);
    return this;
  }

  /**
   * The notification channel the download's progress is shown in; default id {@code
   * petrel-updates}, named "App updates". Created if missing, with low importance (no sound).
   */
  public PetrelAndroidBuilder notificationChannel(String id, String name) {
    this.notificationChannel = id;
    this.notificationChannelName = name;
    return this;
  }

  /**
   * How often the background job checks; default 6 hours, at least 15 minutes (Android's shortest
   * period).
   */
  public PetrelAndroidBuilder checkEvery(Duration interval) {
    this.checkInterval = interval;
    return this;
  }

  /**
   * The window at the end of each period in which Android may run the check, so devices spread out;
   * default 1 hour, at least 5 minutes and at most the interval.
   */
  public PetrelAndroidBuilder checkJitter(Duration jitter) {
    this.checkJitter = jitter;
    return this;
  }

  /** Whether the background job waits for an unmetered network (Wi-Fi); default false. */
  public PetrelAndroidBuilder unmeteredOnly(boolean unmetered) {
    this.unmeteredOnly = unmetered;
    return this;
  }

  /**
   * Whether the background job installs what it downloaded (silently on Android 12+ where Android
   * allows a self-update without asking); default false: it leaves a "ready to install"
   * notification.
   */
  public PetrelAndroidBuilder installInBackground(boolean install) {
    this.installInBackground = install;
    return this;
  }

  /** Whether to report events to the servers; default true. */
  public PetrelAndroidBuilder reportEvents(boolean report) {
    this.reportEvents = report;
    return this;
  }

  /** The JobScheduler job id of the background check; default {@code 0x7e7e1}. */
  public PetrelAndroidBuilder jobId(int jobId) {
    this.jobId = jobId;
    return this;
  }

  /** Hooks for an app that draws its own screens; see {@link AndroidUpdateListener}. */
  public PetrelAndroidBuilder listener(AndroidUpdateListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Validates the settings, builds the updater, creates the notification channel, confirms an
   * update that landed since the last start, reports {@code app_started} and makes the result
   * {@link PetrelAndroid#instance()} (closing an earlier one).
   *
   * @throws IllegalArgumentException naming the first missing or bad setting
   */
  public PetrelAndroid build() {
    requireDuration("checkEvery", checkInterval, CheckJobs.MIN_INTERVAL);
    requireDuration("checkJitter", checkJitter, CheckJobs.MIN_JITTER);
    if (checkJitter.compareTo(checkInterval) > 0) {
      throw new IllegalArgumentException(
          "checkJitter: expected at most checkEvery (" + checkInterval + "), found " + checkJitter);
    }
    if (notificationChannel == null || notificationChannel.isEmpty()) {
      throw new IllegalArgumentException("notificationChannel: expected an id, found none");
    }
    PackageInfo own = ownPackage();
    long installedCode = Versions.code(own);
    Path state = context.getNoBackupFilesDir().toPath().resolve("petrel");
    PendingInstall pending = new PendingInstall(state.resolve("pending-install"));
    SessionInstaller installer =
        new SessionInstaller(
            context,
            PetrelAndroid.inspector(context),
            pending,
            PetrelReceiver.class,
            PetrelReceiver.ACTION_INSTALL_STATUS,
            own.versionName);
    Updater.Builder core =
        Updater.builder()
            .app(app)
            .platform("android")
            .channel(channel)
            .installedVersion(own.versionName, installedCode)
            .stateDir(state)
            .installer(installer)
            .reportEvents(reportEvents);
    servers.forEach(core::server);
    keys.forEach(core::trustedKey);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("server: expected at least one Petrel server, found none");
    }
    Updater updater = core.build();
    DownloadNotifier.createChannel(context, notificationChannel, notificationChannelName);
    PetrelAndroid petrel =
        new PetrelAndroid(
            context,
            updater,
            new PetrelSettings(
                notificationChannel,
                jobId,
                checkInterval,
                checkJitter,
                unmeteredOnly,
                installInBackground,
                listener,
                installedCode),
            pending);
    petrel.confirmLandedInstall();
    updater.reportStarted();
    PetrelAndroid.register(petrel);
    return petrel;
  }

  private PackageInfo ownPackage() {
    try {
      return context.getPackageManager().getPackageInfo(context.getPackageName(), 0);
    } catch (PackageManager.NameNotFoundException e) {
      throw new IllegalStateException(
          "PackageManager does not know this app's own package " + context.getPackageName(), e);
    }
  }

  private static void requireDuration(String name, Duration value, Duration least) {
    if (value == null || value.compareTo(least) < 0) {
      throw new IllegalArgumentException(
          name + ": expected at least " + least + ", found " + value);
    }
  }
}
