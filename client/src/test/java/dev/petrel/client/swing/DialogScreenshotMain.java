package dev.petrel.client.swing;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.List;
import javax.imageio.ImageIO;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;

/**
 * Shows the real update dialog in a window (it needs a display: run it under Xvfb) and writes a
 * screenshot of it: {@code DialogScreenshotMain OUT.png [light|dark]}. The README's and
 * docs/desktop-ui.md's picture of the dialog is made with it; {@code DialogScreenshotTest} runs it.
 */
public final class DialogScreenshotMain {
  private DialogScreenshotMain() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("petrel.ui.theme", args.length > 1 ? args[1] : "light");
    OfferSummary offer =
        new OfferSummary(
            "1.0.3",
            "• Dark mode follows the system\n• Faster start-up",
            24_700_000,
            false,
            false,
            List.of(
                new OfferSummary.VersionNotes("1.0.2", "Fixed a crash when saving", true),
                new OfferSummary.VersionNotes("1.0.1", "• New export menu", false)));
    UpdatePrompt prompt = new UpdatePrompt("Petrel Demo", "1.0.0", offer);
    JDialog[] shown = new JDialog[1];
    SwingUtilities.invokeAndWait(
        () -> {
          LookAndFeels.install();
          JDialog dialog = new JDialog((java.awt.Frame) null, prompt.title());
          dialog.setContentPane(UpdateDialog.content(prompt, choice -> {}));
          dialog.pack();
          dialog.setLocation(40, 40);
          dialog.setVisible(true);
          shown[0] = dialog;
        });
    Thread.sleep(1500);
    Rectangle[] bounds = new Rectangle[1];
    SwingUtilities.invokeAndWait(() -> bounds[0] = shown[0].getBounds());
    BufferedImage image = new Robot().createScreenCapture(bounds[0]);
    ImageIO.write(image, "png", new File(args[0]));
    SwingUtilities.invokeAndWait(shown[0]::dispose);
    System.exit(0);
  }
}
