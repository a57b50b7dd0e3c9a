package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.swing.ProgressModel.Phase;
import java.util.ArrayList;
import java.util.List;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

class ProgressRelayTest {
  @Test
  void deliversEventsOnTheEventDispatchThreadInOrderAndCoalescesProgress() throws Exception {
    ProgressModel model = new ProgressModel("1.0.1", () -> {});
    List<String> seen = new ArrayList<>();
    model.observe(
        () -> {
          assertThat(SwingUtilities.isEventDispatchThread()).isTrue();
          seen.add(model.phase() + " " + model.percent());
        });
    ProgressRelay relay = new ProgressRelay(model);
    int steps = 10_000;

    // Block the event queue so the worker's events pile up, as during a busy repaint.
    Object gate = new Object();
    synchronized (gate) {
      SwingUtilities.invokeLater(
          () -> {
            synchronized (gate) {
              gate.notifyAll();
            }
          });
      Thread worker =
          new Thread(
              () -> {
                relay.downloadStarted(0, steps);
                for (int i = 1; i <= steps - 1; i++) {
                  relay.progress(i, steps);
                }
                relay.verified();
                relay.installStarted();
                relay.installed(true);
              });
      worker.start();
      worker.join();
    }
    SwingUtilities.invokeAndWait(() -> {});

    assertThat(model.phase()).isEqualTo(Phase.INSTALLED);
    // 9,999 progress calls while the queue was blocked became one update with the latest figures.
    assertThat(seen)
        .containsExactly(
            "DOWNLOADING 0", "DOWNLOADING 99", "VERIFYING 100", "INSTALLING -1", "INSTALLED 100");
  }

  @Test
  void failureReachesTheModel() throws Exception {
    ProgressModel model = new ProgressModel("1.0.1", () -> {});
    ProgressRelay relay = new ProgressRelay(model);

    relay.downloadStarted(0, 10);
    relay.failed(true, "cancelled");
    SwingUtilities.invokeAndWait(() -> {});

    assertThat(model.phase()).isEqualTo(Phase.CANCELLED);
  }
}
