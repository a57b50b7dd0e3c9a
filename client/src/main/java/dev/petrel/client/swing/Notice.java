package dev.petrel.client.swing;

import java.awt.AWTException;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dialog;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.GraphicsEnvironment;
import java.awt.Insets;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.Toolkit;
import java.awt.TrayIcon;
import java.awt.Window;
import java.awt.image.BufferedImage;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.Timer;

/**
 * A non-invasive "update available" notice: a tray balloon where the system has a tray, else a
 * small window in the corner of the screen that does not take the focus and closes itself.
 */
final class Notice {
  static final String OPEN = "open";
  static final String DISMISS = "dismiss";

  /** How long the corner window stays when nobody touches it. */
  static final int WINDOW_MILLIS = 30_000;

  private Notice() {}

  /**
   * Shows {@code title} and {@code text}; {@code onOpen} runs (on the event dispatch thread) when
   * the user clicks the notice. Must be called on the event dispatch thread.
   */
  static void show(Window owner, String title, String text, Runnable onOpen) {
    if (!GraphicsEnvironment.isHeadless()
        && SystemTray.isSupported()
        && tray(title, text, onOpen)) {
      return;
    }
    window(owner, title, text, onOpen);
  }

  private static boolean tray(String title, String text, Runnable onOpen) {
    SystemTray tray = SystemTray.getSystemTray();
    TrayIcon icon = new TrayIcon(icon(tray.getTrayIconSize().width), PlainText.line(title));
    icon.setImageAutoSize(true);
    icon.addActionListener(
        event -> {
          tray.remove(icon);
          onOpen.run();
        });
    try {
      tray.add(icon);
    } catch (AWTException e) {
      return false;
    }
    // Tray balloons are drawn by the desktop, never as HTML; the text is cleaned all the same.
    icon.displayMessage(PlainText.line(title), PlainText.line(text), TrayIcon.MessageType.INFO);
    return true;
  }

  private static void window(Window owner, String title, String text, Runnable onOpen) {
    JDialog window = new JDialog(owner, PlainText.line(title), Dialog.ModalityType.MODELESS);
    window.setFocusableWindowState(false);
    window.setAlwaysOnTop(true);
    window.setContentPane(content(title, text, window::dispose, onOpen));
    window.pack();
    // The corner of the owner's screen, above a task bar; the default screen without an owner.
    GraphicsConfiguration config = owner == null ? null : owner.getGraphicsConfiguration();
    Rectangle screen;
    if (config == null) {
      screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
    } else {
      Insets insets = Toolkit.getDefaultToolkit().getScreenInsets(config);
      Rectangle bounds = config.getBounds();
      screen =
          new Rectangle(
              bounds.x + insets.left,
              bounds.y + insets.top,
              bounds.width - insets.left - insets.right,
              bounds.height - insets.top - insets.bottom);
    }
    window.setLocation(
        screen.x + screen.width - window.getWidth() - 24,
        screen.y + screen.height - window.getHeight() - 24);
    Timer timer = new Timer(WINDOW_MILLIS, event -> window.dispose());
    timer.setRepeats(false);
    timer.start();
    window.setVisible(true);
  }

  /** The corner window's content (works headless). */
  static JPanel content(String title, String text, Runnable close, Runnable onOpen) {
    JPanel lines = new JPanel();
    lines.setLayout(new BoxLayout(lines, BoxLayout.Y_AXIS));
    JLabel heading = PlainText.label(title);
    heading.setFont(heading.getFont().deriveFont(Font.BOLD));
    lines.add(heading);
    lines.add(PlainText.label(text));
    JButton open = Components.named(PlainText.button("Show"), OPEN);
    open.addActionListener(
        event -> {
          close.run();
          onOpen.run();
        });
    JButton dismiss = Components.named(PlainText.button("Dismiss"), DISMISS);
    dismiss.addActionListener(event -> close.run());
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
    buttons.add(dismiss);
    buttons.add(open);
    JPanel content = new JPanel(new BorderLayout(0, 4));
    content.setBorder(BorderFactory.createEmptyBorder(10, 12, 6, 12));
    content.add(lines, BorderLayout.CENTER);
    content.add(buttons, BorderLayout.SOUTH);
    return content;
  }

  /** A plain round badge with an arrow, drawn so the library ships no image files. */
  static BufferedImage icon(int size) {
    int side = Math.max(size, 16);
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(0x1F, 0x6F, 0xB2));
    g.fillOval(0, 0, side - 1, side - 1);
    g.setColor(Color.WHITE);
    int mid = side / 2;
    int[] xs = {mid - side / 4, mid + side / 4, mid};
    int[] ys = {mid - side / 16, mid - side / 16, mid + side / 4};
    g.fillPolygon(xs, ys, 3);
    g.fillRect(mid - side / 12, side / 5, side / 6, side / 3);
    g.dispose();
    return image;
  }
}
