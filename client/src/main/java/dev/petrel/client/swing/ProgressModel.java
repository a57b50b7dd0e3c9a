package dev.petrel.client.swing;

import java.util.ArrayList;
import java.util.List;

/**
 * The download/install progress dialog's state, without Swing. It follows the core's listener
 * events (download started, progress, verified, install started, installed, failed) and says what
 * the dialog shows: the status line, the byte count, the bar's percent and which buttons work.
 *
 * <p>Confined to the event dispatch thread: {@link ProgressRelay} carries the updater's events
 * there. Events after the end (installed, failed or cancelled) are ignored.
 */
final class ProgressModel {
  /** Where the update stands. */
  enum Phase {
    STARTING,
    DOWNLOADING,
    VERIFYING,
    INSTALLING,
    INSTALLED,
    FAILED,
    CANCELLED;

    boolean finished() {
      return this == INSTALLED || this == FAILED || this == CANCELLED;
    }
  }

  private final String version;
  private final Runnable cancelAction;
  private final List<Runnable> observers = new ArrayList<>();
  private Phase phase = Phase.STARTING;
  private long done;
  private long total = -1;
  private long resumedFrom;
  private boolean cancelRequested;
  private String failure = "";
  private boolean restartRequired;

  /**
   * @param version the version being installed
   * @param cancelAction run once when the user asks to cancel (e.g. the core's cancellation)
   */
  ProgressModel(String version, Runnable cancelAction) {
    this.version = PlainText.line(version);
    this.cancelAction = cancelAction;
  }

  /** Adds {@code observer}, run after every change. */
  void observe(Runnable observer) {
    observers.add(observer);
  }

  void downloadStarted(long resumedFrom, long total) {
    if (move(Phase.DOWNLOADING)) {
      this.resumedFrom = Math.max(0, resumedFrom);
      this.done = this.resumedFrom;
      this.total = total;
      changed();
    }
  }

  void progress(long done, long total) {
    if (phase == Phase.DOWNLOADING || phase == Phase.STARTING) {
      phase = Phase.DOWNLOADING;
      this.done = done;
      this.total = total;
      if (total > 0 && done >= total) {
        phase = Phase.VERIFYING;
      }
      changed();
    }
  }

  void verified() {
    if (move(Phase.VERIFYING)) {
      if (total > 0) {
        done = total;
      }
      changed();
    }
  }

  void installStarted() {
    if (move(Phase.INSTALLING)) {
      changed();
    }
  }

  /** The install succeeded; {@code restartRequired} when the app must restart to run it. */
  void installed(boolean restartRequired) {
    if (move(Phase.INSTALLED)) {
      this.restartRequired = restartRequired;
      changed();
    }
  }

  /** The update ended without installing; {@code cancelled} when the user's cancel ended it. */
  void failed(boolean cancelled, String message) {
    if (move(cancelled ? Phase.CANCELLED : Phase.FAILED)) {
      failure = PlainText.line(message);
      changed();
    }
  }

  /** The user pressed "Cancel": runs the cancel action once, while cancelling is possible. */
  void requestCancel() {
    if (cancelEnabled()) {
      cancelRequested = true;
      cancelAction.run();
      changed();
    }
  }

  Phase phase() {
    return phase;
  }

  String title() {
    return "Updating to " + version;
  }

  /** The status line. */
  String status() {
    if (cancelRequested && !phase.finished()) {
      return "Cancelling\u2026";
    }
    return switch (phase) {
      case STARTING -> "Connecting\u2026";
      case DOWNLOADING ->
          (resumedFrom > 0 ? "Resuming the download of " : "Downloading ") + version + "\u2026";
      case VERIFYING -> "Checking the signature and checksum\u2026";
      case INSTALLING -> "Installing " + version + "\u2026";
      case INSTALLED ->
          "Version " + version + " is installed." + (restartRequired ? " Restart to use it." : "");
      case FAILED -> "The update failed: " + failure;
      case CANCELLED -> "The update was cancelled. Nothing was changed.";
    };
  }

  /** The byte count under the bar, e.g. {@code "12.3 MB of 45.6 MB (27 %)"}, or "". */
  String detail() {
    return switch (phase) {
      case DOWNLOADING, VERIFYING -> Formats.progress(done, total);
      default -> "";
    };
  }

  /** The bar's value, 0–100, or -1 for an indeterminate bar. */
  int percent() {
    return switch (phase) {
      case DOWNLOADING, VERIFYING -> Formats.percent(done, total);
      case INSTALLED -> 100;
      default -> -1;
    };
  }

  /** Cancelling is possible until installing starts, once. */
  boolean cancelEnabled() {
    return !cancelRequested
        && (phase == Phase.STARTING || phase == Phase.DOWNLOADING || phase == Phase.VERIFYING);
  }

  /** The cancel button is shown until the update ends. */
  boolean cancelVisible() {
    return !phase.finished();
  }

  /** "Restart now" is offered once the new version is installed. */
  boolean restartVisible() {
    return phase == Phase.INSTALLED && restartRequired;
  }

  /** The close button ("Close", or "Later" after an install) is shown once the update ends. */
  boolean closeVisible() {
    return phase.finished();
  }

  String closeCaption() {
    return restartVisible() ? "Restart later" : "Close";
  }

  private boolean move(Phase next) {
    if (phase.finished() || next.ordinal() < phase.ordinal()) {
      return false;
    }
    phase = next;
    return true;
  }

  private void changed() {
    for (Runnable observer : observers) {
      observer.run();
    }
  }
}
