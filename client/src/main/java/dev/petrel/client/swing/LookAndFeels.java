package dev.petrel.client.swing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.swing.UIManager;

/**
 * Chooses the look of the update screens: FlatLaf, light or dark as the system is, when FlatLaf is
 * on the class path (it is an optional dependency of the library: add {@code com.formdev:flatlaf}
 * to the app), else the platform's own look.
 *
 * <p>The system's preference is read where it can be: the {@code petrel.ui.theme} system property
 * or {@code PETREL_UI_THEME} environment variable ({@code light}, {@code dark} or {@code system})
 * first; then macOS's {@code AppleInterfaceStyle}, Windows' {@code AppsUseLightTheme}, GNOME's
 * {@code color-scheme} and a {@code GTK_THEME} ending in {@code :dark}. Each probe is a short
 * command with a one-second limit; anything unknown means light.
 */
public final class LookAndFeels {
  static final String FLAT_LIGHT = "com.formdev.flatlaf.FlatLightLaf";
  static final String FLAT_DARK = "com.formdev.flatlaf.FlatDarkLaf";

  private LookAndFeels() {}

  /** The light or dark preference. */
  public enum Theme {
    LIGHT,
    DARK
  }

  /**
   * Installs the look: call once, on the event dispatch thread or before any window is created.
   * Never throws; when nothing can be installed the current look stays.
   *
   * @return the class name of the look and feel now in use
   */
  public static String install() {
    String wanted = FlatLafPresent.check() ? flatFor(preferredTheme()) : systemLook();
    try {
      UIManager.setLookAndFeel(wanted);
    } catch (ReflectiveOperationException | javax.swing.UnsupportedLookAndFeelException e) {
      // Keep the current look: a plain look is better than no update screens.
    }
    return UIManager.getLookAndFeel().getClass().getName();
  }

  /** The theme the user or the system asks for (see the class comment); light when unknown. */
  public static Theme preferredTheme() {
    String chosen = System.getProperty("petrel.ui.theme", System.getenv("PETREL_UI_THEME"));
    Theme explicit = parse(chosen);
    if (explicit != null) {
      return explicit;
    }
    return detectSystemTheme(System.getProperty("os.name", ""), System.getenv("GTK_THEME"));
  }

  static String flatFor(Theme theme) {
    return theme == Theme.DARK ? FLAT_DARK : FLAT_LIGHT;
  }

  /** {@code light} or {@code dark} (any case), or null for anything else including "system". */
  static Theme parse(String text) {
    if (text == null) {
      return null;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "light":
        return Theme.LIGHT;
      case "dark":
        return Theme.DARK;
      default:
        return null;
    }
  }

  static Theme detectSystemTheme(String osName, String gtkTheme) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return output(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).contains("Dark")
          ? Theme.DARK
          : Theme.LIGHT;
    }
    if (os.contains("windows")) {
      String value =
          output(
              List.of(
                  "reg",
                  "query",
                  "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                  "/v",
                  "AppsUseLightTheme"));
      return value.contains("0x0") ? Theme.DARK : Theme.LIGHT;
    }
    if (gtkTheme != null && gtkTheme.toLowerCase(Locale.ROOT).endsWith(":dark")) {
      return Theme.DARK;
    }
    String scheme =
        output(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
    return scheme.contains("prefer-dark") ? Theme.DARK : Theme.LIGHT;
  }

  /** What {@code command} prints within a second (at most 4 KiB), or "" when it cannot run. */
  static String output(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStream in = process.getInputStream()) {
        if (!process.waitFor(1, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return "";
        }
        return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static String systemLook() {
    return UIManager.getSystemLookAndFeelClassName();
  }

  /** Whether FlatLaf can be loaded, asked once. */
  private static final class FlatLafPresent {
    private static final boolean PRESENT = load();

    static boolean check() {
      return PRESENT;
    }

    private static boolean load() {
      try {
        Class.forName(FLAT_LIGHT, false, LookAndFeels.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
  }
}
