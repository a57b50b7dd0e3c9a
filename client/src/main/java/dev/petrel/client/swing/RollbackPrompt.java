package dev.petrel.client.swing;

import dev.petrel.client.HistoryEntry;
import java.util.List;

/**
 * The "Rollback Update" confirmation, without Swing: whether a rollback is possible and what the
 * question says. A rollback switches back to the version that was current before the last install
 * and restarts the app on it.
 */
final class RollbackPrompt {
  private final String currentVersion;
  private final String previousVersion;
  private final boolean enabled;

  /**
   * @param currentVersion the running version
   * @param previousVersion the version a rollback returns to, or null when unknown or none
   * @param enabled whether the settings allow rollbacks ({@code rollback_enabled})
   */
  RollbackPrompt(String currentVersion, String previousVersion, boolean enabled) {
    this.currentVersion = PlainText.line(currentVersion);
    this.previousVersion = previousVersion == null ? "" : PlainText.line(previousVersion);
    this.enabled = enabled;
  }

  /**
   * For installers other than the app directory's: the version before the last successful install
   * of {@code currentVersion}, from the history (oldest first, as the updater returns it), or null
   * when there is none. (In an app directory the installer goes back to the newest older version
   * installed, and the UI asks it.)
   */
  static String previousVersion(List<HistoryEntry> history, String currentVersion) {
    for (int i = history.size() - 1; i >= 0; i--) {
      HistoryEntry entry = history.get(i);
      boolean installed = "install".equals(entry.kind()) || "recall".equals(entry.kind());
      if (installed
          && "succeeded".equals(entry.outcome())
          && currentVersion.equals(entry.toVersion())) {
        return entry.fromVersion();
      }
    }
    return null;
  }

  /**
   * Whether the history holds a successful switch away from {@code version}: the user's rollback,
   * or the launcher's automatic revert after it failed to start.
   */
  static boolean wentBackFrom(List<HistoryEntry> history, String version) {
    return history.stream()
        .anyMatch(
            entry ->
                ("rollback".equals(entry.kind()) || "revert".equals(entry.kind()))
                    && "succeeded".equals(entry.outcome())
                    && version.equals(entry.fromVersion()));
  }

  /** Whether "Roll back" may be pressed. */
  boolean possible() {
    return enabled && !previousVersion.isEmpty() && !previousVersion.equals(currentVersion);
  }

  String title() {
    return "Roll back the update";
  }

  /** The question, or why a rollback is not possible. */
  String message() {
    if (!enabled) {
      return "Rolling back is turned off in the update settings.";
    }
    if (!possible()) {
      return "There is no earlier version of the app to go back to.";
    }
    return "Go back from version "
        + currentVersion
        + " to version "
        + previousVersion
        + "? The app restarts on "
        + previousVersion
        + ".";
  }

  String confirmCaption() {
    return "Roll back";
  }

  /** The line shown after a rollback succeeded. */
  String doneMessage() {
    return "Version " + previousVersion + " is current again. Restart the app to use it.";
  }

  /** The reason written to the history and reported to the server. */
  String reason() {
    return "rolled back by the user from " + currentVersion + " to " + previousVersion;
  }
}
