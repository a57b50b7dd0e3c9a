package dev.petrel.client.swing;

import dev.petrel.client.CheckResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.client.desktop.UpdaterConfig;
import dev.petrel.client.desktop.internal.VersionFolders;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import javax.swing.SwingUtilities;

/**
 * The Swing face of an {@link Updater}: the "Update" menu, the update dialog, the progress window,
 * notices, the history, rollback and settings.
 *
 * <p>Network and disk work runs on one background thread owned by this object; dialogs open on the
 * event dispatch thread. At most one download or install runs at a time. Every text that comes from
 * the server or the network is shown as plain text, never as HTML. Public methods are thread-safe.
 */
public final class UpdateUi implements AutoCloseable {
  /** Names of the menu items, for tests and accessibility tools. */
  static final String CHECK = "check";

  static final String HISTORY = "history";
  static final String ROLLBACK = "rollback";
  static final String SETTINGS = "settings";

  private final Updater updater;
  private final Window owner;
  private final String appName;
  private final String installedVersion;
  private final Runnable restart;
  private final AppDirectory appDirectory;
  private final Consumer<UpdaterConfig> onSettingsSaved;
  private final ExecutorService worker;
  private final AtomicBoolean updating = new AtomicBoolean();
  private boolean prompting; // confined to the event dispatch thread

  private UpdateUi(Builder builder) {
    this.updater = Objects.requireNonNull(builder.updater, "updater");
    this.owner = builder.owner;
    this.appName = PlainText.line(builder.appName);
    this.installedVersion = Objects.requireNonNull(builder.installedVersion, "installedVersion");
    this.restart = Objects.requireNonNull(builder.restart, "restart");
    this.appDirectory = builder.appDirectory;
    this.onSettingsSaved = builder.onSettingsSaved;
    this.worker =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "petrel-update-ui");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** A builder; {@code updater}, {@code installedVersion} and {@code restart} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A new "Update" menu: Check for Updates…, Update History…, Rollback Update…, Settings… (the last
   * only when settings were given). Each call builds a new menu; call on the event dispatch thread.
   */
  public JMenu menu() {
    JMenu menu = PlainText.noHtml(new JMenu("Update"));
    menu.setMnemonic(KeyEvent.VK_U);
    menu.add(item("Check for Updates\u2026", CHECK, KeyEvent.VK_C, this::checkForUpdates));
    menu.add(item("Update History\u2026", HISTORY, KeyEvent.VK_H, this::showHistory));
    menu.add(item("Rollback Update\u2026", ROLLBACK, KeyEvent.VK_R, this::rollback));
    if (appDirectory != null) {
      menu.addSeparator();
      menu.add(item("Settings\u2026", SETTINGS, KeyEvent.VK_S, this::showSettings));
    }
    return menu;
  }

  /** Checks now and tells the user the outcome, including "up to date" and errors. */
  public void checkForUpdates() {
    if (updating.get()) {
      onEdt(() -> Messages.info(owner, "Update", "An update is already in progress."));
      return;
    }
    worker.execute(
        () -> {
          try {
            CheckResult result = updater.check();
            onEdt(() -> showCheckResult(result));
          } catch (UpdateException e) {
            onEdt(() -> Messages.error(owner, "Could not check for updates", e.getMessage()));
          }
        });
  }

  /**
   * Checks in the background and, when an update is found, tells the user as {@link #updateFound}
   * does; says nothing when there is none, no source answers, or the offer is a version this
   * installation went back from (a rollback, or a revert after it failed to start; a manual check
   * still offers it). For a check at start-up.
   */
  public void checkQuietly() {
    worker.execute(
        () -> {
          try {
            CheckResult result = updater.check();
            // A version rolled back or reverted from is offered again only when the user asks.
            if (result.updateAvailable()
                && !RollbackPrompt.wentBackFrom(updater.history(), result.offer().version())) {
              updateFound(result.offer());
            }
          } catch (UpdateException e) {
            // A quiet check stays quiet: the next scheduled or manual check tries again.
          }
        });
  }

  /**
   * Tells the user that {@code offer} is available: a mandatory update opens the update dialog at
   * once; any other shows a non-invasive notice (a tray balloon, else a small corner window) that
   * opens the dialog when clicked, unless {@code notifications} is off in the settings. For
   * background checks such as the scheduler's.
   */
  public void updateFound(Offer offer) {
    Objects.requireNonNull(offer, "offer");
    if (offer.mandatory()) {
      offerUpdate(offer);
      return;
    }
    worker.execute(
        () -> {
          UpdaterConfig config = appDirectory == null ? null : readConfig();
          if (config != null && !config.notifications()) {
            return;
          }
          onEdt(
              () -> {
                UpdatePrompt prompt = prompt(offer);
                Notice.show(
                    owner, prompt.noticeTitle(), prompt.noticeText(), () -> offerUpdate(offer));
              });
        });
  }

  /** Shows the update dialog for {@code offer} now; "Update" downloads and installs it. */
  public void offerUpdate(Offer offer) {
    Objects.requireNonNull(offer, "offer");
    onEdt(
        () -> {
          // One update dialog at a time: a notice clicked while the dialog is open does nothing.
          if (prompting || updating.get()) {
            return;
          }
          prompting = true;
          UpdatePrompt.Choice choice;
          try {
            choice = UpdateDialog.show(owner, prompt(offer));
          } finally {
            prompting = false;
          }
          if (choice == UpdatePrompt.Choice.UPDATE) {
            downloadAndInstall(offer);
          }
        });
  }

  /** Opens the update history. */
  public void showHistory() {
    worker.execute(
        () -> {
          List<HistoryRow> rows;
          try {
            rows = Adapters.rows(updater.history());
          } catch (UpdateException e) {
            onEdt(() -> Messages.error(owner, "Could not read the update history", e.getMessage()));
            return;
          }
          onEdt(
              () ->
                  HistoryDialog.open(
                      owner, appName, new HistoryTableModel(rows, ZoneId.systemDefault())));
        });
  }

  /** Asks for confirmation, rolls back to the previous version and offers to restart. */
  public void rollback() {
    worker.execute(
        () -> {
          String previous;
          try {
            previous = previousVersion();
          } catch (UpdateException | IOException e) {
            onEdt(
                () -> Messages.error(owner, "Could not find the previous version", e.getMessage()));
            return;
          }
          UpdaterConfig config = appDirectory == null ? null : readConfig();
          boolean enabled = appDirectory == null || (config != null && config.rollbackEnabled());
          RollbackPrompt prompt = new RollbackPrompt(installedVersion, previous, enabled);
          onEdt(() -> confirmRollback(prompt));
        });
  }

  /**
   * Opens the settings dialog for {@code updater_config.json} (only when an app directory was given
   * to the builder); a saved change is written atomically and handed to the builder's listener.
   */
  public void showSettings() {
    if (appDirectory == null) {
      return;
    }
    worker.execute(
        () -> {
          UpdaterConfig config;
          try {
            config = UpdaterConfig.read(appDirectory);
          } catch (IOException | IllegalArgumentException e) {
            onEdt(
                () -> Messages.error(owner, "Could not read the update settings", e.getMessage()));
            return;
          }
          onEdt(() -> SettingsDialog.open(owner, config, saved -> save(config, saved)));
        });
  }

  /** Stops the background thread; a running download is abandoned (it resumes next time). */
  @Override
  public void close() {
    worker.shutdownNow();
  }

  private void showCheckResult(CheckResult result) {
    if (result.updateAvailable()) {
      offerUpdate(result.offer());
    } else if (result.currentRecalled()) {
      String why = result.recallMessage() == null ? "" : " " + result.recallMessage();
      Messages.info(owner, "Update", "This version was withdrawn by its publisher." + why);
    } else {
      Messages.info(owner, "Update", "You have the latest version (" + installedVersion + ").");
    }
  }

  private void downloadAndInstall(Offer offer) {
    if (!updating.compareAndSet(false, true)) {
      Messages.info(owner, "Update", "An update is already in progress.");
      return;
    }
    dev.petrel.client.Cancellation cancellation = new dev.petrel.client.Cancellation();
    ProgressModel model = new ProgressModel(offer.version(), cancellation::cancel);
    ProgressDialog.open(owner, model, restart);
    RelayListener listener = new RelayListener(new ProgressRelay(model));
    worker.execute(
        () -> {
          try {
            updater.install(updater.download(offer, listener, cancellation), listener);
          } catch (UpdateException e) {
            listener.failed(e);
          } finally {
            updating.set(false);
          }
        });
  }

  private void confirmRollback(RollbackPrompt prompt) {
    if (!prompt.possible()) {
      Messages.info(owner, prompt.title(), prompt.message());
      return;
    }
    if (!Messages.confirm(owner, prompt.title(), prompt.message(), prompt.confirmCaption())) {
      return;
    }
    worker.execute(
        () -> {
          try {
            updater.rollback(prompt.reason());
            onEdt(
                () -> {
                  if (Messages.confirm(
                      owner, prompt.title(), prompt.doneMessage(), "Restart now", "Later")) {
                    restart.run();
                  }
                });
          } catch (UpdateException e) {
            onEdt(() -> Messages.error(owner, "Could not roll back", e.getMessage()));
          }
        });
  }

  private void save(UpdaterConfig before, UpdaterConfig saved) {
    String note = new SettingsForm(before).savedNote(saved);
    worker.execute(
        () -> {
          try {
            saved.write(appDirectory);
          } catch (IOException e) {
            onEdt(
                () -> Messages.error(owner, "Could not save the update settings", e.getMessage()));
            return;
          }
          onSettingsSaved.accept(saved);
          if (!note.isEmpty()) {
            onEdt(() -> Messages.info(owner, "Update settings", note));
          }
        });
  }

  /** The version a rollback returns to, as the desktop installer chooses it; or null. */
  private String previousVersion() throws UpdateException, IOException {
    if (appDirectory != null) {
      return VersionFolders.previousOf(appDirectory, installedVersion).orElse(null);
    }
    return RollbackPrompt.previousVersion(updater.history(), installedVersion);
  }

  private UpdaterConfig readConfig() {
    try {
      return UpdaterConfig.read(appDirectory);
    } catch (IOException | IllegalArgumentException e) {
      // An unreadable config allows nothing the file might forbid.
      return null;
    }
  }

  private UpdatePrompt prompt(Offer offer) {
    return new UpdatePrompt(appName, installedVersion, Adapters.summary(offer));
  }

  private JMenuItem item(String text, String name, int mnemonic, Runnable action) {
    JMenuItem item = Components.named(PlainText.noHtml(new JMenuItem(text, mnemonic)), name);
    item.addActionListener(event -> action.run());
    return item;
  }

  private static void onEdt(Runnable task) {
    if (SwingUtilities.isEventDispatchThread()) {
      task.run();
    } else {
      SwingUtilities.invokeLater(task);
    }
  }

  /** Collects an {@link UpdateUi}'s settings. Not thread-safe. */
  public static final class Builder {
    private Updater updater;
    private Window owner;
    private String appName = "";
    private String installedVersion;
    private Runnable restart;
    private AppDirectory appDirectory;
    private Consumer<UpdaterConfig> onSettingsSaved = saved -> {};

    private Builder() {}

    /** The updater to drive (required). */
    public Builder updater(Updater updater) {
      this.updater = updater;
      return this;
    }

    /** The window the dialogs belong to; null centres them on the screen. */
    public Builder owner(Window owner) {
      this.owner = owner;
      return this;
    }

    /** The app's name as users know it, used in titles; default none. */
    public Builder appName(String appName) {
      this.appName = appName == null ? "" : appName;
      return this;
    }

    /** The running version, as shown to users (required). */
    public Builder installedVersion(String version) {
      this.installedVersion = version;
      return this;
    }

    /**
     * What "Restart now" does after an install or rollback (required), e.g. {@code () ->
     * System.exit(AppDirectory.RESTART_EXIT_CODE)} under the Petrel launcher.
     */
    public Builder restart(Runnable restart) {
      this.restart = restart;
      return this;
    }

    /**
     * The app directory whose {@code updater_config.json} the Settings… dialog edits (and whose
     * {@code rollback_enabled} the rollback honours); without one the menu has no Settings… item.
     */
    public Builder appDirectory(AppDirectory appDirectory) {
      this.appDirectory = appDirectory;
      return this;
    }

    /**
     * Called (on a background thread) after the settings dialog saved a changed config, e.g. to
     * reschedule checks; default nothing.
     */
    public Builder onSettingsSaved(Consumer<UpdaterConfig> listener) {
      this.onSettingsSaved = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Builds the UI; throws {@link NullPointerException} naming a missing required part. */
    public UpdateUi build() {
      return new UpdateUi(this);
    }
  }
}
