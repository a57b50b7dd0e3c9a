package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventRateLimiterTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-11-23T18:00:00Z"));
  private final EventRateLimiter limiter = new EventRateLimiter(clock, 100, 10);

  @Test
  void grantsTheBurstThenSaysHowLongToWait() {
    assertThat(limiter.acquire("10.0.0.1", "device-1", 100)).isZero();

    assertThat(limiter.acquire("10.0.0.1", "device-1", 30)).isEqualTo(3);
  }

  @Test
  void refillsWithTimeUpToTheBurst() {
    limiter.acquire("10.0.0.1", "device-1", 100);
    clock.advance(Duration.ofSeconds(3));

    assertThat(limiter.acquire("10.0.0.1", "device-1", 30)).isZero();
    assertThat(limiter.acquire("10.0.0.1", "device-1", 1)).isEqualTo(1);
    clock.advance(Duration.ofHours(1));
    assertThat(limiter.acquire("10.0.0.1", "device-1", 100)).isZero();
    assertThat(limiter.acquire("10.0.0.1", "device-1", 1)).isEqualTo(1);
  }

  @Test
  void keepsSeparateBudgetsPerAddressAndDevice() {
    limiter.acquire("10.0.0.1", "device-1", 100);

    assertThat(limiter.acquire("10.0.0.1", "device-2", 100)).isZero();
    assertThat(limiter.acquire("10.0.0.2", "device-1", 100)).isZero();
    assertThat(limiter.acquire("10.0.0.2", null, 100)).isZero();
  }

  @Test
  void givesBackWhatARefusedRequestTook() {
    limiter.acquire("10.0.0.1", "device-1", 100);
    limiter.release("10.0.0.1", "device-1", 40);

    assertThat(limiter.acquire("10.0.0.1", "device-1", 40)).isZero();
    assertThat(limiter.acquire("10.0.0.1", "device-1", 1)).isEqualTo(1);
  }
}
