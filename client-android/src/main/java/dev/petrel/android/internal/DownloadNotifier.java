package dev.petrel.android.internal;

import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.graphics.drawable.Icon;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateListener;
import dev.petrel.client.VerifiedUpdate;
import java.util.function.BiConsumer;

/**
 * Shows a download as an ongoing notification with its progress and a Cancel action, and passes the
 * progress on. The notification goes away when the download ends; a finished download in the
 * background leaves a "ready to install" notification that opens the app.
 */
public final class DownloadNotifier implements UpdateListener {
  /** The notification id the download uses. */
  public static final int NOTIFICATION_ID = 0x7e7e1;

  private final Context context;
  private final String channel;
  private final Intent cancelIntent;
  private final BiConsumer<Long, Long> progress;
  private String version = "";

  /**
   * @param cancelIntent the broadcast the Cancel action sends
   * @param progress hears each progress step after the notification shows it
   */
  public DownloadNotifier(
      Context context, String channel, Intent cancelIntent, BiConsumer<Long, Long> progress) {
    this.context = context;
    this.channel = channel;
    this.cancelIntent = cancelIntent;
    this.progress = progress;
  }

  /** Creates the notification channel (idempotent; Android keeps the user's settings). */
  public static void createChannel(Context context, String id, String name) {
    NotificationChannel channel =
        new NotificationChannel(id, name, NotificationManager.IMPORTANCE_LOW);
    channel.setDescription("Downloads of app updates");
    context.getSystemService(NotificationManager.class).createNotificationChannel(channel);
  }

  @Override
  public void downloadStarted(Offer offer, long resumedFrom, long total) {
    version = offer.version();
    show(resumedFrom, total);
  }

  @Override
  public void progress(long done, long total) {
    show(done, total);
    progress.accept(done, total);
  }

  @Override
  public void verified(VerifiedUpdate update) {
    manager().cancel(NOTIFICATION_ID);
  }

  @Override
  public void failed(UpdateException failure) {
    manager().cancel(NOTIFICATION_ID);
  }

  /** Replaces the progress with "ready to install", which opens the app when tapped. */
  public void showReady(Offer offer) {
    Intent launch = context.getPackageManager().getLaunchIntentForPackage(context.getPackageName());
    Notification.Builder ready =
        new Notification.Builder(context, channel)
            .setSmallIcon(android.R.drawable.stat_sys_download_done)
            .setContentTitle("Update " + offer.version() + " is ready")
            .setContentText("Tap to install it")
            .setAutoCancel(true);
    if (launch != null) {
      ready.setContentIntent(
          PendingIntent.getActivity(context, 0, launch, PendingIntent.FLAG_IMMUTABLE));
    }
    manager().notify(NOTIFICATION_ID, ready.build());
  }

  private void show(long done, long total) {
    // Android's progress is an int: bytes while they fit, otherwise kibibytes.
    int shift = total > Integer.MAX_VALUE ? 10 : 0;
    PendingIntent cancel =
        PendingIntent.getBroadcast(
            context,
            0,
            cancelIntent,
            PendingIntent.FLAG_IMMUTABLE | PendingIntent.FLAG_UPDATE_CURRENT);
    Notification notification =
        new Notification.Builder(context, channel)
            .setSmallIcon(android.R.drawable.stat_sys_download)
            .setContentTitle("Downloading update " + version)
            .setContentText(percent(done, total))
            .setProgress((int) (total >> shift), (int) (done >> shift), false)
            .setOngoing(true)
            .setOnlyAlertOnce(true)
            .addAction(
                new Notification.Action.Builder(
                        Icon.createWithResource(context, android.R.drawable.ic_delete),
                        "Cancel",
                        cancel)
                    .build())
            .build();
    manager().notify(NOTIFICATION_ID, notification);
  }

  private static String percent(long done, long total) {
    return total <= 0 ? "" : (done * 100 / total) + " %";
  }

  private NotificationManager manager() {
    return context.getSystemService(NotificationManager.class);
  }
}
