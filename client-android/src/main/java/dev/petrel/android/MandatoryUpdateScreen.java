package dev.petrel.android;

import android.app.Activity;
import android.app.Dialog;
import android.view.KeyEvent;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.ProgressBar;
import android.widget.TextView;
import dev.petrel.android.internal.NotesText;
import dev.petrel.android.internal.Views;
import dev.petrel.client.ChangelogEntry;
import dev.petrel.client.Offer;
import java.util.List;

/**
 * The blocking screen for a mandatory update: it fills the window, cannot be dismissed (Back and
 * touches outside do nothing), shows the version, size and the notes since the installed version,
 * and has one button, "Update now", after which it shows the download's progress. Built from
 * framework views only; call its methods on the main thread.
 */
public final class MandatoryUpdateScreen {
  private final Dialog dialog;
  private final Button update;
  private final ProgressBar progress;
  private final TextView status;

  private MandatoryUpdateScreen(
      Activity activity, Offer offer, List<ChangelogEntry> changelog, Runnable onUpdate) {
    dialog = new Dialog(activity, android.R.style.Theme_DeviceDefault_NoActionBar_Fullscreen);
    dialog.setCancelable(false);
    dialog.setCanceledOnTouchOutside(false);
    dialog.setOnKeyListener((d, code, event) -> code == KeyEvent.KEYCODE_BACK);
    LinearLayout content = Views.column(activity);
    content.addView(Views.text(activity, "Update required", 22));
    content.addView(
        Views.text(
            activity,
            "This version of the app can no longer be used. Install the update to continue.",
            16));
    content.addView(Views.text(activity, NotesText.versionAndSize(activity, offer), 14));
    TextView notes = Views.text(activity, NotesText.changelog(changelog), 14);
    notes.setTag(UpdateDialog.NOTES_TAG);
    content.addView(Views.scrolling(activity, notes));
    progress = new ProgressBar(activity, null, android.R.attr.progressBarStyleHorizontal);
    progress.setVisibility(ProgressBar.GONE);
    content.addView(progress);
    status = Views.text(activity, "", 14);
    content.addView(status);
    update = new Button(activity);
    update.setText("Update now");
    update.setOnClickListener(
        view -> {
          update.setEnabled(false);
          status.setText("Downloading…");
          onUpdate.run();
        });
    content.addView(update);
    dialog.setContentView(content);
  }

  /**
   * Shows the screen over {@code activity}.
   *
   * @param onUpdate run on the main thread when the user taps "Update now"
   */
  public static MandatoryUpdateScreen show(
      Activity activity, Offer offer, List<ChangelogEntry> changelog, Runnable onUpdate) {
    MandatoryUpdateScreen screen = new MandatoryUpdateScreen(activity, offer, changelog, onUpdate);
    screen.dialog.show();
    return screen;
  }

  /** Shows {@code done} of {@code total} bytes downloaded. */
  public void showProgress(long done, long total) {
    int shift = total > Integer.MAX_VALUE ? 10 : 0;
    progress.setVisibility(ProgressBar.VISIBLE);
    progress.setMax((int) (total >> shift));
    progress.setProgress((int) (done >> shift));
    status.setText("Downloading… " + (total <= 0 ? 0 : done * 100 / total) + " %");
  }

  /** Shows why the update failed and lets the user try again. */
  public void showFailure(String message) {
    progress.setVisibility(ProgressBar.GONE);
    status.setText(message);
    update.setEnabled(true);
    update.setText("Try again");
  }

  /** The dialog that holds the screen. */
  public Dialog dialog() {
    return dialog;
  }
}
