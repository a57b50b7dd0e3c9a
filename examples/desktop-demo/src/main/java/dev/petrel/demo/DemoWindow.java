package dev.petrel.demo;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JPanel;
import javax.swing.SwingConstants;
import javax.swing.WindowConstants;

/** The demo's main window: its name and version in large letters, and a status line. */
final class DemoWindow {
  static final String TITLE = "Petrel Demo";

  private DemoWindow() {}

  /** Builds the window (not yet visible) with a File menu. */
  static JFrame create(DemoVersion version, String status) {
    JFrame frame = new JFrame(TITLE + " " + version.version());
    frame.setDefaultCloseOperation(WindowConstants.EXIT_ON_CLOSE);
    JMenuBar bar = new JMenuBar();
    JMenu file = new JMenu("File");
    JMenuItem quit = new JMenuItem("Quit");
    quit.addActionListener(event -> frame.dispose());
    file.add(quit);
    bar.add(file);
    frame.setJMenuBar(bar);
    frame.setContentPane(content(version, status));
    frame.setSize(560, 320);
    frame.setLocationRelativeTo(null);
    return frame;
  }

  /** Adds {@code menu} to the window's menu bar. */
  static void addMenu(JFrame frame, JMenu menu) {
    frame.getJMenuBar().add(menu);
    frame.getJMenuBar().revalidate();
  }

  /** The window's content (works headless). */
  static JPanel content(DemoVersion version, String status) {
    JLabel name = new JLabel(TITLE, SwingConstants.CENTER);
    name.setFont(name.getFont().deriveFont(Font.BOLD, 28f));
    JLabel shown = new JLabel("Version " + version.version(), SwingConstants.CENTER);
    shown.setName("version");
    shown.setFont(shown.getFont().deriveFont(Font.PLAIN, 44f));
    shown.setForeground(colourOf(version));
    // HTML off before the text is set: the status may quote a server's or a file's words.
    JLabel statusLine = new JLabel("", SwingConstants.CENTER);
    statusLine.putClientProperty("html.disable", Boolean.TRUE);
    statusLine.setText(status);
    statusLine.setName("status");
    JPanel content = new JPanel(new BorderLayout(0, 12));
    content.setBorder(BorderFactory.createEmptyBorder(32, 24, 24, 24));
    content.add(name, BorderLayout.NORTH);
    content.add(shown, BorderLayout.CENTER);
    content.add(statusLine, BorderLayout.SOUTH);
    return content;
  }

  /** A colour per version code, so an update is visible at a glance. */
  static Color colourOf(DemoVersion version) {
    Color[] palette = {
      new Color(0x1F, 0x6F, 0xB2), new Color(0x2E, 0x8B, 0x57), new Color(0xB2, 0x4A, 0x1F)
    };
    return palette[Math.floorMod(version.versionCode() - 1, palette.length)];
  }
}
