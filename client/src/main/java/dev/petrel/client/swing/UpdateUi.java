package dev.petrel.client.swing;

import dev.petrel.client.Cancellation;
import dev.petrel.client.CheckResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.client.desktop.UpdateScheduler;
import dev.petrel.client.desktop.UpdaterConfig;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.swing.JMenu;
import javax.swing.JMenuItem;

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

  private final UiContext ui;
  private final AtomicBoolean updating = new AtomicBoolean();
  private boolean prompting; // confined to the event dispatch thread

  private UpdateUi(Builder builder) {
    this.ui =
        new UiContext(
            Objects.requireNonNull(builder.updater, "updater"),
            builder.owner,
            builder.appName,
            Objects.requireNonNull(builder.installedVersion, "installedVersion"),
            Objects.requireNonNull(builder.restart, "restart"),
            builder.appDirectory,
            builder.onSettingsSaved);
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
    if (ui.appDirectory != null) {
      menu.addSeparator();
      menu.add(item("Settings\u2026", SETTINGS, KeyEvent.VK_S, this::showSettings));
    }
    return menu;
  }

  /** Checks now and tells the user the outcome, including "up to date" and errors. */
  public void checkForUpdates() {
    if (updating.get()) {
      UiContext.onEdt(() -> Messages.info(ui.owner, "Update", "An update is already in progress."));
      return;
    }
    ui.background(
        () -> {
          try {
            CheckResult result = ui.updater.check();
            UiContext.onEdt(() -> showCheckResult(result));
          } catch (UpdateException e) {
            ui.error("Could not check for updates", e.getMessage());
          }
        });
  }

  /**
   * A listener for {@link UpdateScheduler} runs that tells the user what they found: an update the
   * scheduler does not download itself (or once it is downloaded) as {@link #updateFound}; one it
   * installed ({@code auto_install}) with a notice offering a restart. A version this installation
   * went back from (the user's rollback, or the launcher's revert after a failed start) is not
   * announced; a manual check still offers it.
   */
  public UpdateScheduler.Listener schedulerListener() {
    return SchedulerAnnouncer.of(ui, this::updateFound);
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
    ui.background(
        () -> {
          UpdaterConfig config = ui.config();
          if (config != null && !config.notifications()) {
            return;
          }
          UiContext.onEdt(
              () -> {
                UpdatePrompt prompt = prompt(offer);
                Notice.show(
                    ui.owner, prompt.noticeTitle(), prompt.noticeText(), () -> offerUpdate(offer));
              });
        });
  }

  /**
   * Shows the update dialog for {@code offer}, with the notes of every release since the installed
   * one (fetched in the background first); "Update" downloads and installs it.
   */
  public void offerUpdate(Offer offer) {
    Objects.requireNonNull(offer, "offer");
    ui.background(
        () -> {
          OfferSummary summary = Adapters.summary(offer, ui.updater.changelog(offer));
          UiContext.onEdt(() -> prompt(offer, summary));
        });
  }

  private void prompt(Offer offer, OfferSummary summary) {
    // One update dialog at a time: a notice clicked while the dialog is open does nothing.
    if (prompting || updating.get()) {
      return;
    }
    prompting = true;
    UpdatePrompt.Choice choice;
    try {
      choice =
          UpdateDialog.show(ui.owner, new UpdatePrompt(ui.appName, ui.installedVersion, summary));
    } finally {
      prompting = false;
    }
    if (choice == UpdatePrompt.Choice.UPDATE) {
      downloadAndInstall(offer);
    }
  }

  /** Opens the update history. */
  public void showHistory() {
    ui.background(
        () -> {
          List<HistoryRow> rows;
          try {
            rows = Adapters.rows(ui.updater.history());
          } catch (UpdateException e) {
            ui.error("Could not read the update history", e.getMessage());
            return;
          }
          UiContext.onEdt(
              () ->
                  HistoryDialog.open(
                      ui.owner, ui.appName, new HistoryTableModel(rows, ZoneId.systemDefault())));
        });
  }

  /** Asks for confirmation, rolls back to the previous version and offers to restart. */
  public void rollback() {
    new RollbackFlow(ui).start();
  }

  /**
   * Opens the settings dialog for {@code updater_config.json} (only when an app directory was given
   * to the builder); a saved change is written atomically and handed to the builder's listener.
   */
  public void showSettings() {
    new SettingsFlow(ui).start();
  }

  /** Stops the background thread; a running download is abandoned (it resumes next time). */
  @Override
  public void close() {
    ui.close();
  }

  private void showCheckResult(CheckResult result) {
    if (result.updateAvailable()) {
      offerUpdate(result.offer());
    } else if (result.currentRecalled()) {
      String why = result.recallMessage() == null ? "" : " " + result.recallMessage();
      Messages.info(ui.owner, "Update", "This version was withdrawn by its publisher." + why);
    } else {
      Messages.info(
          ui.owner, "Update", "You have the latest version (" + ui.installedVersion + ").");
    }
  }

  private void downloadAndInstall(Offer offer) {
    if (!updating.compareAndSet(false, true)) {
      Messages.info(ui.owner, "Update", "An update is already in progress.");
      return;
    }
    Cancellation cancellation = new Cancellation();
    ProgressModel model = new ProgressModel(offer.version(), cancellation::cancel);
    ProgressDialog.open(ui.owner, model, ui.restart);
    RelayListener listener = new RelayListener(new ProgressRelay(model));
    ui.background(
        () -> {
          try {
            ui.updater.install(ui.updater.download(offer, listener, cancellation), listener);
          } catch (UpdateException e) {
            listener.failed(e);
          } finally {
            updating.set(false);
          }
        });
  }

  private UpdatePrompt prompt(Offer offer) {
    return new UpdatePrompt(ui.appName, ui.installedVersion, Adapters.summary(offer));
  }

  private JMenuItem item(String text, String name, int mnemonic, Runnable action) {
    JMenuItem item = Components.named(PlainText.noHtml(new JMenuItem(text, mnemonic)), name);
    item.addActionListener(event -> action.run());
    return item;
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
