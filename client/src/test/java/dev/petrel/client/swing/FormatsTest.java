package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void sizesUseDecimalUnitsWithOneDecimal() {
    assertThat(Formats.size(0)).isEqualTo("0 B");
    assertThat(Formats.size(999)).isEqualTo("999 B");
    assertThat(Formats.size(1_500)).isEqualTo("1.5 kB");
    assertThat(Formats.size(24_700_000)).isEqualTo("24.7 MB");
    assertThat(Formats.size(999_999)).isEqualTo("1.0 MB");
    assertThat(Formats.size(1_073_741_824L)).isEqualTo("1.1 GB");
    assertThat(Formats.size(-1)).isEqualTo("unknown size");
  }

  @Test
  void percentIsClampedAndUnknownWithoutTotal() {
    assertThat(Formats.percent(50, 200)).isEqualTo(25);
    assertThat(Formats.percent(300, 200)).isEqualTo(100);
    assertThat(Formats.percent(10, 0)).isEqualTo(-1);
  }

  @Test
  void progressNamesBothCountsAndThePercent() {
    assertThat(Formats.progress(12_300_000, 45_600_000)).isEqualTo("12.3 MB of 45.6 MB (26 %)");
    assertThat(Formats.progress(12_300_000, -1)).isEqualTo("12.3 MB");
  }

  @Test
  void whenIsMinutePrecisionInTheGivenZone() {
    Instant at = Instant.parse("2026-11-23T18:05:59Z");

    assertThat(Formats.when(at, ZoneOffset.UTC)).isEqualTo("2026-11-23 18:05");
    assertThat(Formats.when(null, ZoneOffset.UTC)).isEqualTo("\u2014");
  }
}
