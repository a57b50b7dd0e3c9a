package dev.petrel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RolloutBucketTest {
  private static final int DEVICES = 100_000;

  @Test
  void tenPercentRolloutIncludesTenPercentOfDevices() {
    int included = 0;
    for (int i = 0; i < DEVICES; i++) {
      if (RolloutBucket.includes(7, new DeviceId("device-" + i), 1_000)) {
        included++;
      }
    }

    assertThat(included / (double) DEVICES).isBetween(0.095, 0.105);
  }

  @Test
  void raisingTheShareOnlyAddsDevices() {
    for (int i = 0; i < DEVICES; i++) {
      DeviceId device = new DeviceId("device-" + i);
      if (RolloutBucket.includes(7, device, 1_000)) {
        assertThat(RolloutBucket.includes(7, device, 5_000)).isTrue();
      }
    }
  }

  @Test
  void eachReleaseDrawsADifferentCohort() {
    int inBoth = 0;
    int inFirst = 0;
    for (int i = 0; i < DEVICES; i++) {
      DeviceId device = new DeviceId("device-" + i);
      boolean first = RolloutBucket.includes(1, device, 1_000);
      if (first) {
        inFirst++;
        if (RolloutBucket.includes(2, device, 1_000)) {
          inBoth++;
        }
      }
    }

    // Independent cohorts overlap by about 10 % of the first; identical ones by 100 %.
    assertThat(inBoth / (double) inFirst).isBetween(0.07, 0.13);
  }

  @Test
  void boundsAreExclusiveOfZeroAndInclusiveOfAll() {
    DeviceId device = new DeviceId("abc");

    assertThat(RolloutBucket.includes(1, device, 0)).isFalse();
    assertThat(RolloutBucket.includes(1, device, 10_000)).isTrue();
    assertThat(RolloutBucket.of(1, device))
        .isBetween(0, 9_999)
        .isEqualTo(RolloutBucket.of(1, device));
  }
}
