package dev.petrel.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.db.Database;
import dev.petrel.server.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The check telemetry writer with its aggregates keeps every check it was given and reports its
 * rate: run with {@code -Dprobe.n=200000} to measure (docs/BENCHMARKS.md); the default 20 000 keeps
 * the suite quick. Checks come from 100 000 devices, two thirds offered a release.
 */
class CheckWriterRateTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void writesEveryCheckWithItsAggregates(TestDatabase kind) throws Exception {
    TestDatabase.Prepared prepared = kind.prepare(dir);
    try (Database db = Database.open(prepared.jdbcUrl())) {
      int n = Integer.getInteger("probe.n", 20_000);
      CheckRecorder recorder = new CheckRecorder(db.jdbi(), n, 1000, CheckRecorder.LINGER);
      Instant now = Instant.now();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        recorder.record(
            new CheckEvent(
                "default",
                "android",
                "stable",
                "dev-" + (i % 100_000),
                "1.0.0+1",
                1L,
                i % 3 == 0 ? null : 5L,
                i % 3 == 0 ? null : "1.1.0",
                now.plusMillis(i / 10)));
      }
      while (recorder.recorded() + recorder.failed() < n) {
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(recorder.failed()).isZero();
      assertThat(recorder.shed()).isZero();
      long summed =
          db.jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery("SELECT SUM(n) FROM telemetry_daily WHERE metric = 'checks'")
                          .mapTo(Long.class)
                          .one());
      assertThat(summed).isEqualTo(n);
      System.out.printf(
          "PROBE %s: %d checks written in %.1f s = %.0f/s (failed %d)%n",
          kind, n, seconds, n / seconds, recorder.failed());
      recorder.close();
    } finally {
      prepared.cleanup().run();
    }
  }
}
