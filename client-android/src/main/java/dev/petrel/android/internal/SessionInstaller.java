package dev.petrel.android.internal;

import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.content.IntentSender;
import android.content.pm.PackageInstaller;
import android.os.Build;
import dev.petrel.client.InstallResult;
import dev.petrel.client.Installer;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateException.Reason;
import dev.petrel.client.VerifiedUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;

/**
 * Installs a verified APK through a {@link PackageInstaller} session: the APK checks first (no
 * session is opened for an APK Android would refuse), then the file streamed into the session,
 * {@code fsync}ed and committed with a status receiver. Android finishes the install on its own
 * ({@link #finishesLater()}): the outcome arrives at the receiver, or, for a self-update that
 * succeeded, shows as the new version code at the next start.
 */
public final class SessionInstaller implements Installer {
  /** The session's one file. */
  static final String APK_NAME = "base.apk";

  private final Context context;
  private final ApkInspector inspector;
  private final PendingInstall pending;
  private final Class<?> statusReceiver;
  private final String statusAction;
  private final String installedVersion;

  /**
   * @param statusReceiver the broadcast receiver the session's status goes to
   * @param statusAction the action of that broadcast
   */
  public SessionInstaller(
      Context context,
      ApkInspector inspector,
      PendingInstall pending,
      Class<?> statusReceiver,
      String statusAction,
      String installedVersion) {
    this.context = context;
    this.inspector = inspector;
    this.pending = pending;
    this.statusReceiver = statusReceiver;
    this.statusAction = statusAction;
    this.installedVersion = installedVersion;
  }

  @Override
  public String currentVersion() {
    return installedVersion;
  }

  @Override
  public boolean finishesLater() {
    return true;
  }

  @Override
  public InstallResult install(VerifiedUpdate update) throws UpdateException {
    Offer offer = update.offer();
    inspector.check(update.file(), offer.versionCode());
    PackageInstaller installer = context.getPackageManager().getPackageInstaller();
    int session;
    try {
      session = installer.createSession(params(offer.size()));
    } catch (IOException | RuntimeException e) {
      throw new UpdateException(
          Reason.INSTALL, "Android refused to open an install session: " + e.getMessage(), e);
    }
    try (PackageInstaller.Session open = installer.openSession(session)) {
      write(update, open);
      pending.save(offer.version(), offer.versionCode(), session);
      open.commit(statusSender(session, offer));
    } catch (IOException | RuntimeException e) {
      installer.abandonSession(session);
      pending.clear();
      throw new UpdateException(
          Reason.INSTALL,
          "cannot hand " + offer.version() + " to Android's installer: " + e.getMessage(),
          e);
    }
    return new InstallResult(
        installedVersion,
        offer.version(),
        true,
        "handed to Android's package installer (session " + session + ")");
  }

  /** Android keeps no earlier version of an app to go back to. */
  @Override
  public void rollback() throws UpdateException {
    throw new UpdateException(
        Reason.INSTALL,
        "Android cannot roll an app back; publish a fix forward or a signed recall");
  }

  /** Nothing to record: Android replaced the app whole, and there is nothing to revert to. */
  @Override
  public void markHealthy() {}

  private PackageInstaller.SessionParams params(long size) {
    PackageInstaller.SessionParams params =
        new PackageInstaller.SessionParams(PackageInstaller.SessionParams.MODE_FULL_INSTALL);
    params.setAppPackageName(context.getPackageName());
    params.setSize(size);
    if (Build.VERSION.SDK_INT >= 31) {
      withoutUserAction(params);
    }
    return params;
  }

  /** Android 12+: an app updating itself may be installed without asking, where Android allows. */
  @SinceApi(31)
  private static void withoutUserAction(PackageInstaller.SessionParams params) {
    params.setRequireUserAction(PackageInstaller.SessionParams.USER_ACTION_NOT_REQUIRED);
  }

  /** Streams the file into the session and syncs it to disk before the commit. */
  private static void write(VerifiedUpdate update, PackageInstaller.Session session)
      throws IOException {
    long size = update.offer().size();
    try (InputStream in = Files.newInputStream(update.file());
        OutputStream out = session.openWrite(APK_NAME, 0, size)) {
      byte[] buffer = new byte[64 * 1024];
      long written = 0;
      for (int read; (read = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, read);
        written += read;
      }
      if (written != size) {
        throw new IOException("wrote " + written + " bytes, expected " + size);
      }
      session.fsync(out);
    }
  }

  private IntentSender statusSender(int session, Offer offer) {
    Intent intent =
        new Intent(context, statusReceiver)
            .setAction(statusAction)
            .setPackage(context.getPackageName())
            .putExtra(InstallStatus.EXTRA_VERSION, offer.version())
            .putExtra(InstallStatus.EXTRA_VERSION_CODE, offer.versionCode());
    // Mutable: the installer adds the status extras to this intent.
    int flags = PendingIntent.FLAG_UPDATE_CURRENT;
    if (Build.VERSION.SDK_INT >= 31) {
      flags |= PendingIntent.FLAG_MUTABLE;
    }
    return PendingIntent.getBroadcast(context, session, intent, flags).getIntentSender();
  }
}
