package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedEventQueueTest {

  @Test
  void refusesOffersBeyondCapacityUntilDrained() {
    BoundedEventQueue<Integer> queue = new BoundedEventQueue<>(2);

    assertThat(queue.offer(1)).isTrue();
    assertThat(queue.offer(2)).isTrue();
    assertThat(queue.offer(3)).isFalse();
    List<Integer> drained = new ArrayList<>();
    assertThat(queue.drainTo(drained, 10)).isEqualTo(2);
    assertThat(drained).containsExactly(1, 2);
    assertThat(queue.offer(4)).isTrue();
    assertThat(queue.size()).isEqualTo(1);
  }

  @Test
  void takesAWholeBatchOrNoneOfIt() {
    BoundedEventQueue<Integer> queue = new BoundedEventQueue<>(5);

    assertThat(queue.offerAll(List.of(1, 2, 3))).isTrue();
    assertThat(queue.offerAll(List.of(4, 5, 6))).isFalse();
    assertThat(queue.size()).isEqualTo(3);
    assertThat(queue.offerAll(List.of(4, 5))).isTrue();
    List<Integer> drained = new ArrayList<>();
    queue.drainTo(drained, 10);
    assertThat(drained).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void drainsAtMostTheRequestedNumberInOrder() {
    BoundedEventQueue<Integer> queue = new BoundedEventQueue<>(10);
    for (int i = 0; i < 5; i++) {
      queue.offer(i);
    }
    List<Integer> drained = new ArrayList<>();

    assertThat(queue.drainTo(drained, 3)).isEqualTo(3);
    assertThat(drained).containsExactly(0, 1, 2);
    assertThat(queue.size()).isEqualTo(2);
  }

  @Test
  void everyOfferIsEitherTakenOrRefusedUnderConcurrentProducers() throws Exception {
    BoundedEventQueue<Integer> queue = new BoundedEventQueue<>(1_000);
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    int producers = 4;
    int offersEach = 50_000;
    ExecutorService pool = Executors.newFixedThreadPool(producers);
    CountDownLatch done = new CountDownLatch(producers);
    for (int p = 0; p < producers; p++) {
      pool.execute(
          () -> {
            for (int i = 0; i < offersEach; i++) {
              (queue.offer(i) ? accepted : refused).incrementAndGet();
            }
            done.countDown();
          });
    }
    int taken = 0;
    List<Integer> sink = new ArrayList<>();
    while (done.getCount() > 0 || !queue.isEmpty()) {
      taken += queue.drainTo(sink, 500);
      sink.clear();
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    taken += queue.drainTo(sink, Integer.MAX_VALUE);

    assertThat(accepted.get() + refused.get()).isEqualTo(producers * offersEach);
    assertThat(taken).isEqualTo(accepted.get());
    assertThat(queue.size()).isZero();
  }
}
