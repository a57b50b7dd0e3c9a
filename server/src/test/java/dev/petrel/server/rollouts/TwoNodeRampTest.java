package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.PetrelServer;
import dev.petrel.server.testing.ServerTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Two nodes on one database running the rollout jobs at the same moment take each step once. */
class TwoNodeRampTest extends ServerTest {
  static final String RAMP =
      """
      "ramp":[{"basis_points":100,"min_dwell_minutes":10},{"basis_points":1000,"min_dwell_minutes":10},
              {"basis_points":10000}]""";

  @Test
  void eachStepIsTakenByExactlyOneNode() throws Exception {
    RolloutClient api = new RolloutClient(server);
    long release = api.publish("1.2.0", 3, RAMP);
    Path otherData = server.config().dataDir().resolveSibling("data-2");
    try (PetrelServer second = server.startAnotherNode(otherData, 100, server.clock())) {
      for (int step = 0; step < 2; step++) {
        server.clock().advance(Duration.ofMinutes(10));
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Integer> first = runAfter(start, server.server());
        CompletableFuture<Integer> other = runAfter(start, second);
        start.countDown();

        assertThat(first.get() + other.get()).isEqualTo(1);
      }
    }

    assertThat(api.status(release).get("basis_points").asInt()).isEqualTo(10000);
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM rollout_history WHERE action = 'ramp' AND release_id = "
                    + release))
        .isEqualTo(2);
  }

  private static CompletableFuture<Integer> runAfter(CountDownLatch start, PetrelServer node) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return node.rolloutJobs().runOnce().advanced();
        });
  }
}
