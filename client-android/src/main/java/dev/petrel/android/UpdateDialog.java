package dev.petrel.android;

import android.app.Activity;
import android.app.AlertDialog;
import android.widget.LinearLayout;
import android.widget.TextView;
import dev.petrel.android.internal.NotesText;
import dev.petrel.android.internal.Views;
import dev.petrel.client.ChangelogEntry;
import dev.petrel.client.Offer;
import java.util.List;

/**
 * The update dialog: the offered version and its download size, the notes of every release since
 * the installed one as plain text, and "Update" and "Later" buttons — "Later" left out, and the
 * dialog not cancellable, when the update is mandatory. Built from framework views only. Show it on
 * the main thread; {@link PetrelAndroid} shows it for you unless your {@link AndroidUpdateListener}
 * draws its own.
 */
public final class UpdateDialog {
  /** The view tag of the notes text, for tests and accessibility tools. */
  public static final String NOTES_TAG = "petrel-notes";

  private UpdateDialog() {}

  /**
   * Shows the dialog over {@code activity}.
   *
   * @param changelog the notes since the installed version, newest first ({@link
   *     PetrelAndroid#changelog})
   * @param onUpdate run on the main thread when the user taps "Update"
   * @param onLater run on the main thread when the user taps "Later" or dismisses the dialog; never
   *     for a mandatory update
   * @return the dialog, already showing
   */
  public static AlertDialog show(
      Activity activity,
      Offer offer,
      List<ChangelogEntry> changelog,
      Runnable onUpdate,
      Runnable onLater) {
    LinearLayout content = Views.column(activity);
    content.addView(Views.text(activity, NotesText.versionAndSize(activity, offer), 14));
    TextView notes = Views.text(activity, NotesText.changelog(changelog), 14);
    notes.setTag(NOTES_TAG);
    content.addView(Views.scrolling(activity, notes));
    AlertDialog.Builder builder =
        new AlertDialog.Builder(activity)
            .setTitle(offer.mandatory() ? "Update required" : "Update available")
            .setView(content)
            .setCancelable(!offer.mandatory())
            .setPositiveButton("Update", (dialog, which) -> onUpdate.run());
    if (!offer.mandatory()) {
      builder
          .setNegativeButton("Later", (dialog, which) -> onLater.run())
          .setOnCancelListener(dialog -> onLater.run());
    }
    AlertDialog dialog = builder.create();
    dialog.setCanceledOnTouchOutside(!offer.mandatory());
    dialog.show();
    return dialog;
  }
}
