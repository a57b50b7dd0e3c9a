package dev.petrel.demo;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;

/** The demo desktop app: a window showing its version, updated by Petrel. */
public final class DemoApp {
  private DemoApp() {}

  /** Starts the demo. */
  public static void main(String[] args) {
    DemoVersion version = DemoVersion.ofThisBuild();
    SwingUtilities.invokeLater(
        () -> {
          JFrame frame = DemoWindow.create(version, "Not started by the Petrel launcher.", null);
          frame.setVisible(true);
        });
  }
}
