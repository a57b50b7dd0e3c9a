package dev.petrel.android;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;

/**
 * Receives Android's install status for the sessions {@link PetrelAndroid} commits, and the
 * download notification's Cancel action. Declare it in the app's manifest, not exported:
 *
 * <pre>{@code
 * <receiver android:name="dev.petrel.android.PetrelReceiver" android:exported="false"/>
 * }</pre>
 *
 * <p>On {@code STATUS_PENDING_USER_ACTION} it starts Android's confirmation; other statuses are
 * reported and passed to the {@link AndroidUpdateListener}. It works with the {@link PetrelAndroid}
 * built in {@code Application.onCreate}; without one it still starts the confirmation.
 */
public final class PetrelReceiver extends BroadcastReceiver {
  /** The action of the install-status broadcast. */
  public static final String ACTION_INSTALL_STATUS = "dev.petrel.android.action.INSTALL_STATUS";

  /** The action of the notification's Cancel button. */
  public static final String ACTION_CANCEL_DOWNLOAD = "dev.petrel.android.action.CANCEL_DOWNLOAD";

  @Override
  public void onReceive(Context context, Intent intent) {
    String action = intent.getAction();
    PetrelAndroid petrel = PetrelAndroid.instanceOrNull();
    if (ACTION_INSTALL_STATUS.equals(action)) {
      InstallStatusHandler.handle(context, intent, petrel);
    } else if (ACTION_CANCEL_DOWNLOAD.equals(action) && petrel != null) {
      petrel.cancelDownload();
    }
  }
}
