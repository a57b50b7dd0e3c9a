package dev.petrel.client.swing;

import dev.petrel.client.desktop.UpdaterConfig;
import dev.petrel.protocol.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The settings dialog's state and rules, without Swing: the seed's keys of {@code
 * updater_config.json} as the user edits them, which fields are active, and validation through
 * {@link UpdaterConfig} (its messages are shown, labelled with the field's caption).
 *
 * <p>Where to look for updates and which keys to trust are not editable here: they are the app
 * maker's choice, not the user's. Confined to the event dispatch thread.
 */
final class SettingsForm {
  /** The channels offered, most stable first. */
  static final List<String> CHANNELS = List.of("stable", "beta", "alpha");

  /** Captions of the fields, by config key. */
  static final Map<String, String> CAPTIONS =
      Map.of(
          "check_interval_hours", "Check every (hours)",
          "max_backups", "Versions to keep",
          "update_channel", "Channel");

  private final UpdaterConfig base;
  boolean autoCheck;
  String checkIntervalHours;
  boolean autoDownload;
  boolean autoInstall;
  boolean backupBeforeUpdate;
  String maxBackups;
  String updateChannel;
  boolean notifications;
  boolean rollbackEnabled;

  SettingsForm(UpdaterConfig config) {
    this.base = config;
    autoCheck = config.autoCheck();
    checkIntervalHours = Integer.toString(config.checkIntervalHours());
    autoDownload = config.autoDownload();
    autoInstall = config.autoInstall();
    backupBeforeUpdate = config.backupBeforeUpdate();
    maxBackups = Integer.toString(config.maxBackups());
    updateChannel = config.updateChannel();
    notifications = config.notifications();
    rollbackEnabled = config.rollbackEnabled();
  }

  /**
   * The channels to choose from: stable, beta, alpha, and the configured one when it is an app's
   * own channel (so saving never changes it silently).
   */
  List<String> channels() {
    if (CHANNELS.contains(base.updateChannel())) {
      return CHANNELS;
    }
    List<String> channels = new ArrayList<>(CHANNELS);
    channels.add(base.updateChannel());
    return List.copyOf(channels);
  }

  /** The interval only matters when checking on a schedule. */
  boolean intervalEnabled() {
    return autoCheck;
  }

  /** Background downloads follow background checks. */
  boolean autoDownloadEnabled() {
    return autoCheck;
  }

  /** Installing without asking needs a background download first. */
  boolean autoInstallEnabled() {
    return autoCheck && autoDownload;
  }

  /** The number of kept versions only matters when keeping backups. */
  boolean maxBackupsEnabled() {
    return backupBeforeUpdate;
  }

  /** The outcome of {@link #validate()}: a config to save, or the problems to show. */
  record Result(UpdaterConfig config, List<String> problems) {
    boolean valid() {
      return config != null;
    }
  }

  /**
   * Checks the fields: numbers must be whole numbers, then {@link UpdaterConfig} checks every
   * bound. Returns the config to save (everything not shown here kept as it was) or the problems.
   */
  Result validate() {
    List<String> problems = new ArrayList<>();
    Integer interval = wholeNumber("check_interval_hours", checkIntervalHours, problems);
    Integer backups = wholeNumber("max_backups", maxBackups, problems);
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    try {
      return new Result(
          new UpdaterConfig(
              base.app(),
              base.platform(),
              base.servers(),
              base.github(),
              base.githubApi(),
              base.feeds(),
              base.publicKeys(),
              autoCheck,
              interval,
              base.checkJitterMinutes(),
              autoDownload,
              autoInstall,
              backupBeforeUpdate,
              backups,
              updateChannel,
              notifications,
              rollbackEnabled,
              base.healthTimeoutSeconds()),
          List.of());
    } catch (InvalidValueException e) {
      return new Result(null, List.of(labelled(e)));
    }
  }

  /** A note for after saving, e.g. that a new channel applies from the next start; or "". */
  String savedNote(UpdaterConfig saved) {
    if (!saved.updateChannel().equals(base.updateChannel())) {
      return "The " + saved.updateChannel() + " channel is used from the next start of the app.";
    }
    return "";
  }

  private static Integer wholeNumber(String key, String text, List<String> problems) {
    String trimmed = text == null ? "" : text.strip();
    try {
      return Integer.valueOf(trimmed);
    } catch (NumberFormatException e) {
      problems.add(
          CAPTIONS.get(key)
              + ": expected a whole number, found \""
              + PlainText.line(trimmed)
              + "\"");
      return null;
    }
  }

  private static String labelled(InvalidValueException e) {
    String caption = CAPTIONS.get(e.field());
    String message = PlainText.line(e.getMessage());
    String prefix = e.field() + ": ";
    if (caption != null && message.startsWith(prefix)) {
      return caption + ": " + message.substring(prefix.length());
    }
    return message;
  }
}
