package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry policy both telemetry writers share: when it retries, when it gives up. */
class BatchRetryTest {
  final List<String> told = new ArrayList<>();

  @Test
  void retriesAFailedWriteUntilItSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BatchRetry retry = new BatchRetry(3, () -> false);

    boolean written =
        retry.write(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new SQLException("locked " + calls.get());
              }
            },
            (attempt, e) -> told.add("retrying " + attempt + ": " + e.getMessage()),
            (attempt, e) -> told.add("gave up " + attempt));

    assertThat(written).isTrue();
    assertThat(calls).hasValue(3);
    assertThat(told).containsExactly("retrying 1: locked 1", "retrying 2: locked 2");
  }

  @Test
  void givesUpAfterTheCountedAttemptsAndSaysWhy() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    BatchRetry retry = new BatchRetry(3, () -> true);

    boolean written =
        retry.write(
            () -> {
              calls.incrementAndGet();
              throw new IllegalStateException("database gone");
            },
            (attempt, e) -> told.add("retrying " + attempt),
            (attempt, e) -> told.add("gave up " + attempt + ": " + e.getMessage()));

    assertThat(written).isFalse();
    assertThat(calls).hasValue(3);
    assertThat(told).containsExactly("retrying 1", "retrying 2", "gave up 3: database gone");
  }

  @Test
  void countsOnlyTheFailuresOnceCountingStarts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicBoolean closing = new AtomicBoolean();
    BatchRetry retry = new BatchRetry(2, closing::get);

    boolean written =
        retry.write(
            () -> {
              if (calls.incrementAndGet() == 3) {
                closing.set(true);
              }
              throw new SQLException("down");
            },
            (attempt, e) -> told.add("retrying " + attempt),
            (attempt, e) -> told.add("gave up " + attempt));

    assertThat(written).isFalse();
    assertThat(calls).hasValue(4);
    assertThat(told).containsExactly("retrying 1", "retrying 2", "retrying 3", "gave up 4");
  }
}
