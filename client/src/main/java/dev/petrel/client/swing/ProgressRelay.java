package dev.petrel.client.swing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.SwingUtilities;

/**
 * Carries the updater's events from its worker thread to a {@link ProgressModel} on the event
 * dispatch thread, in order.
 *
 * <p>A download reports progress far more often than a screen can show it, so progress is
 * coalesced: at most one progress update waits in the event queue at a time, and it shows the
 * latest figures when it runs. The other events are each delivered once. Thread-safe.
 */
final class ProgressRelay {
  private final ProgressModel model;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong total = new AtomicLong(-1);
  private final AtomicBoolean progressQueued = new AtomicBoolean();

  ProgressRelay(ProgressModel model) {
    this.model = model;
  }

  void downloadStarted(long resumedFrom, long total) {
    SwingUtilities.invokeLater(() -> model.downloadStarted(resumedFrom, total));
  }

  void progress(long done, long total) {
    this.done.set(done);
    this.total.set(total);
    if (progressQueued.compareAndSet(false, true)) {
      SwingUtilities.invokeLater(
          () -> {
            progressQueued.set(false);
            model.progress(this.done.get(), this.total.get());
          });
    }
  }

  void verified() {
    SwingUtilities.invokeLater(model::verified);
  }

  void installStarted() {
    SwingUtilities.invokeLater(model::installStarted);
  }

  void installed(boolean restartRequired) {
    SwingUtilities.invokeLater(() -> model.installed(restartRequired));
  }

  void failed(boolean cancelled, String message) {
    SwingUtilities.invokeLater(() -> model.failed(cancelled, message));
  }
}
