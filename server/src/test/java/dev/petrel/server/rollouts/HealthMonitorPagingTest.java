package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.db.Database;
import dev.petrel.server.testing.ServerTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health monitor reads every running release, page by page, not only the newest page. */
class HealthMonitorPagingTest extends ServerTest {
  private static final int PAGE = 2;

  @Test
  void everyRunningReleaseIsWatchedWhenThereAreMoreThanOnePage() {
    RolloutClient api = new RolloutClient(server);
    List<Long> releases = new ArrayList<>();
    for (int code = 1; code <= 2 * PAGE + 1; code++) {
      releases.add(api.publish("1.0." + code, code, ""));
    }
    long oldest = releases.get(0);
    FakeHealthCounts counts = new FakeHealthCounts();
    releases.forEach(id -> counts.report(id, 40, 10));

    int halted;
    try (Database database = Database.open(server.jdbcUrl())) {
      HealthMonitor monitor =
          new HealthMonitor(
              database.jdbi(), new AuditLog(server.clock()), server.clock(), () -> {}, PAGE);
      halted = monitor.runOnce(counts);
    }

    assertThat(halted).isEqualTo(releases.size());
    assertThat(counts.askedSince(oldest)).isNotNull();
    assertThat(server.queryLong("SELECT COUNT(*) FROM rollouts WHERE state = 'halted'"))
        .isEqualTo(releases.size());
  }

  @Test
  void aReleaseBelowTheFirstPageIsHaltedWhileHealthyNewerOnesAreNot() {
    RolloutClient api = new RolloutClient(server);
    long oldest = api.publish("1.0.1", 1, "");
    for (int code = 2; code <= 2 * PAGE + 1; code++) {
      api.publish("1.0." + code, code, "");
    }
    FakeHealthCounts counts = new FakeHealthCounts().report(oldest, 40, 10);

    int halted;
    try (Database database = Database.open(server.jdbcUrl())) {
      halted =
          new HealthMonitor(
                  database.jdbi(), new AuditLog(server.clock()), server.clock(), () -> {}, PAGE)
              .runOnce(counts);
    }

    assertThat(halted).isEqualTo(1);
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM rollouts WHERE state = 'halted' AND release_id = " + oldest))
        .isEqualTo(1);
  }
}
