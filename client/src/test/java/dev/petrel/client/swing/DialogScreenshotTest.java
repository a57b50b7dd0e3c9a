package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real update dialog in a window under Xvfb, in FlatLaf's light and dark looks: the screenshot
 * has the dialog's size, and the dark one is darker. Needs {@code xvfb-run} (Debian's xvfb, which
 * .ci/run installs); elsewhere it is skipped with a notice.
 */
class DialogScreenshotTest {
  @TempDir Path dir;

  @Test
  void theDialogRendersInTheLightAndTheDarkLook() throws Exception {
    Assumptions.assumeTrue(
        new File("/usr/bin/xvfb-run").canExecute(),
        "NOTICE: xvfb-run is missing (apt-get install xvfb); the screenshot test is skipped");
    BufferedImage light = screenshot("light");
    BufferedImage dark = screenshot("dark");

    assertThat(light.getWidth()).isBetween(300, 1200);
    assertThat(light.getHeight()).isBetween(150, 800);
    assertThat(luminance(light)).isGreaterThan(150);
    assertThat(luminance(dark)).isLessThan(110);
  }

  private BufferedImage screenshot(String theme) throws Exception {
    Path out = dir.resolve(theme + ".png");
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/xvfb-run");
    command.add("-a");
    command.add("-s");
    command.add("-screen 0 1280x800x24");
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DialogScreenshotMain.class.getName());
    command.add(out.toString());
    command.add(theme);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(theme + ".log").toFile())
            .start();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(dir.resolve(theme + ".log"))).isZero();
    return ImageIO.read(out.toFile());
  }

  /** The mean of (r + g + b) / 3 over every pixel, 0 (black) to 255 (white). */
  private static double luminance(BufferedImage image) {
    long sum = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        sum += (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
      }
    }
    return sum / (double) (image.getWidth() * image.getHeight());
  }
}
