package dev.petrel.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.app.AlertDialog;
import android.app.Dialog;
import android.content.DialogInterface;
import android.os.Looper;
import android.view.KeyEvent;
import android.view.View;
import android.widget.Button;
import android.widget.TextView;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowDialog;

/**
 * What the user sees: the dialog with every note since the installed version, the blocking screen.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 34)
public class UpdateScreensTest {
  private AndroidFixture fixture;
  private Activity activity;

  @Before
  public void start() {
    fixture = new AndroidFixture();
    activity = Robolectric.buildActivity(Activity.class).setup().get();
  }

  @After
  public void stop() {
    fixture.close();
  }

  @Test
  public void theDialogShowsTheNotesOfEveryReleaseSinceTheInstalledOneAndOffersLater()
      throws Exception {
    fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 1000), false);
    fixture.publish("1.2.0", 3, AndroidFixture.apk("1.2.0", 1000), false);
    fixture.publish("1.3.0", 4, AndroidFixture.apk("1.3.0", 2048), false);
    PetrelAndroid petrel = fixture.petrel().build();

    petrel.checkAndPrompt(activity);
    Dialog dialog = awaitDialog();

    assertThat(dialog).isInstanceOf(AlertDialog.class);
    String notes = notesOf(dialog);
    assertThat(notes).contains("Notes for 1.3.0", "Notes for 1.2.0", "Notes for 1.1.0");
    assertThat(notes.indexOf("1.3.0")).isLessThan(notes.indexOf("1.2.0"));
    assertThat(notes.indexOf("1.2.0")).isLessThan(notes.indexOf("1.1.0"));
    assertThat(textOf(dialog)).contains("Version 1.3.0");
    Button later = ((AlertDialog) dialog).getButton(DialogInterface.BUTTON_NEGATIVE);
    assertThat(later.getVisibility()).isEqualTo(View.VISIBLE);
    assertThat(later.getText().toString()).isEqualTo("Later");
    assertThat(shadowOf(dialog).isCancelable()).isTrue();
  }

  @Test
  public void aMandatoryUpdateShowsTheBlockingScreenWithoutLater() throws Exception {
    fixture.publish("1.1.0", 2, AndroidFixture.apk("1.1.0", 1000), false);
    fixture.publish("2.0.0", 3, AndroidFixture.apk("2.0.0", 1000), true);
    PetrelAndroid petrel = fixture.petrel().build();

    petrel.checkAndPrompt(activity);
    Dialog screen = awaitDialog();

    assertThat(screen).isNotInstanceOf(AlertDialog.class);
    assertThat(screen.isShowing()).isTrue();
    assertThat(shadowOf(screen).isCancelable()).isFalse();
    assertThat(textOf(screen)).contains("Update required", "Update now").doesNotContain("Later");
    assertThat(notesOf(screen)).contains("Notes for 2.0.0", "Notes for 1.1.0");

    screen.dispatchKeyEvent(new KeyEvent(KeyEvent.ACTION_DOWN, KeyEvent.KEYCODE_BACK));
    screen.dispatchKeyEvent(new KeyEvent(KeyEvent.ACTION_UP, KeyEvent.KEYCODE_BACK));
    shadowOf(Looper.getMainLooper()).idle();
    assertThat(screen.isShowing()).isTrue();
  }

  @Test
  public void theDialogForAMandatoryUpdateHasNoLaterButton() throws Exception {
    fixture.publish("2.0.0", 2, AndroidFixture.apk("2.0.0", 1000), true);
    PetrelAndroid petrel = fixture.petrel().build();
    dev.petrel.client.Offer offer = petrel.check().offer();

    AlertDialog dialog =
        UpdateDialog.show(activity, offer, petrel.changelog(offer), () -> {}, () -> {});

    Button later = dialog.getButton(DialogInterface.BUTTON_NEGATIVE);
    assertThat(later == null || later.getVisibility() != View.VISIBLE).isTrue();
    assertThat(shadowOf(dialog).isCancelable()).isFalse();
  }

  /** Runs the main looper until the prompt's dialog appears (the check runs in the background). */
  private Dialog awaitDialog() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      shadowOf(Looper.getMainLooper()).idle();
      Dialog dialog = ShadowDialog.getLatestDialog();
      if (dialog != null && dialog.isShowing()) {
        return dialog;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no dialog was shown within 15 seconds");
  }

  private static String notesOf(Dialog dialog) {
    View notes = dialog.getWindow().getDecorView().findViewWithTag(UpdateDialog.NOTES_TAG);
    return ((TextView) notes).getText().toString();
  }

  /** Every text in the dialog's window, one after another. */
  private static String textOf(Dialog dialog) {
    StringBuilder all = new StringBuilder();
    collect(dialog.getWindow().getDecorView(), all);
    return all.toString();
  }

  private static void collect(View view, StringBuilder all) {
    if (view instanceof TextView text && view.getVisibility() == View.VISIBLE) {
      all.append(text.getText()).append('\n');
    }
    if (view instanceof android.view.ViewGroup group) {
      for (int i = 0; i < group.getChildCount(); i++) {
        collect(group.getChildAt(i), all);
      }
    }
  }
}
