package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingWriterTest {

  @Test
  void batchesThatAreNotFullStartAtMostOncePerLinger() throws InterruptedException {
    BoundedEventQueue<Integer> queue = new BoundedEventQueue<>(10_000);
    List<Long> starts = new CopyOnWriteArrayList<>();
    List<Integer> written = new CopyOnWriteArrayList<>();
    BatchingWriter<Integer> writer =
        new BatchingWriter<>(
            "test-writer",
            queue,
            1000,
            Duration.ofMillis(200),
            batch -> {
              starts.add(System.nanoTime());
              written.addAll(batch);
            });
    long began = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      queue.offer(i);
      Thread.sleep(10);
    }
    long offering = System.nanoTime() - began;
    writer.close();

    assertThat(written).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    // the last batch may be the one close() wrote at once; every other one waited its linger
    for (int i = 1; i < starts.size() - 1; i++) {
      assertThat(starts.get(i) - starts.get(i - 1))
          .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }
    // items offered for at least 1 s, in batches at least 200 ms apart, and the one at close
    assertThat(starts.size())
        .isBetween(2, (int) (offering / TimeUnit.MILLISECONDS.toNanos(200)) + 2);
  }

  @Test
  void aFullBatchIsWrittenWithoutWaitingAndCloseWritesTheRest() throws InterruptedException {
    BoundedEventQueue<Integer> queue = new BoundedEventQueue<>(1000);
    List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    BatchingWriter<Integer> writer =
        new BatchingWriter<>(
            "test-writer",
            queue,
            10,
            Duration.ofHours(1),
            batch -> batches.add(List.copyOf(batch)));
    offer(queue, 0, 10);
    awaitBatches(batches, 1);
    offer(queue, 10, 10); // a whole batch waits: no hour-long linger
    awaitBatches(batches, 2);
    offer(queue, 20, 3); // not a whole batch: it waits for the linger, or for close()
    Thread.sleep(100);
    assertThat(batches).hasSize(2);

    writer.close();

    assertThat(batches)
        .containsExactly(
            IntStream.range(0, 10).boxed().toList(),
            IntStream.range(10, 20).boxed().toList(),
            List.of(20, 21, 22));
  }

  @Test
  void refusesANegativeLinger() {
    BoundedEventQueue<Integer> queue = new BoundedEventQueue<>(1);
    assertThatThrownBy(
            () -> new BatchingWriter<>("test-writer", queue, 1, Duration.ofMillis(-1), b -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linger");
  }

  private static void offer(BoundedEventQueue<Integer> queue, int from, int count) {
    for (int i = from; i < from + count; i++) {
      assertThat(queue.offer(i)).isTrue();
    }
  }

  private static void awaitBatches(List<List<Integer>> batches, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (batches.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(batches).hasSize(count);
  }
}
