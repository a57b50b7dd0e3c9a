package dev.petrel.android;

import android.content.Context;
import android.content.Intent;
import android.content.pm.PackageInstaller;
import android.os.Build;
import dev.petrel.android.internal.InstallStatus;
import dev.petrel.android.internal.SinceApi;

/** What {@link PetrelReceiver} does with one install-status broadcast. */
final class InstallStatusHandler {
  private InstallStatusHandler() {}

  static void handle(Context context, Intent intent, PetrelAndroid petrel) {
    int status = intent.getIntExtra(PackageInstaller.EXTRA_STATUS, PackageInstaller.STATUS_FAILURE);
    if (status == PackageInstaller.STATUS_PENDING_USER_ACTION) {
      Intent confirm = confirmation(intent);
      if (confirm != null) {
        // Started from a receiver, so in a task of its own.
        confirm.addFlags(Intent.FLAG_ACTIVITY_NEW_TASK);
        context.startActivity(confirm);
      }
      if (petrel != null) {
        petrel.userActionRequired();
      }
      return;
    }
    if (petrel == null) {
      return;
    }
    String version = intent.getStringExtra(InstallStatus.EXTRA_VERSION);
    long code = intent.getLongExtra(InstallStatus.EXTRA_VERSION_CODE, -1);
    String failure =
        status == PackageInstaller.STATUS_SUCCESS
            ? null
            : InstallStatus.describe(
                status, intent.getStringExtra(PackageInstaller.EXTRA_STATUS_MESSAGE));
    petrel.installEnded(version, code, failure);
  }

  private static Intent confirmation(Intent intent) {
    return Build.VERSION.SDK_INT >= 33 ? typedIntent(intent) : untypedIntent(intent);
  }

  @SinceApi(33)
  private static Intent typedIntent(Intent intent) {
    return intent.getParcelableExtra(Intent.EXTRA_INTENT, Intent.class);
  }

  @SuppressWarnings("deprecation")
  private static Intent untypedIntent(Intent intent) {
    return intent.getParcelableExtra(Intent.EXTRA_INTENT);
  }
}
