package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Rollback, the health handshake and the history file, after one real install. */
class RollbackTest extends RefusalFixture {
  @Test
  void rollsBackThroughTheInstallerAndRecordsIt() throws Exception {
    updater.rollback("the new toolbar is broken");

    assertThat(Files.readString(appDir.resolve("current"))).isEqualTo("1.0.0");
    assertThat(updater.history())
        .extracting(HistoryEntry::kind, HistoryEntry::toVersion, HistoryEntry::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("install", "1.1.0", "succeeded"),
            org.assertj.core.groups.Tuple.tuple("rollback", "1.0.0", "succeeded"));
    assertThat(updater.installedVersion()).isEqualTo("1.0.0");
    assertThat(outbox())
        .anyMatch(
            event ->
                event.contains("\"type\":\"reverted\"")
                    && event.contains("\"version\":\"1.1.0\"")
                    && event.contains("the new toolbar is broken"));
  }

  @Test
  void aFailedRollbackIsRecordedAndThrown() throws Exception {
    updater.rollback(null);

    assertThatThrownBy(() -> updater.rollback(null))
        .hasMessage("nothing to roll back to")
        .extracting(e -> ((UpdateException) e).reason())
        .isEqualTo(UpdateException.Reason.INSTALL);
    assertThat(updater.history()).last().extracting(HistoryEntry::outcome).isEqualTo("failed");
  }

  @Test
  void marksHealthyThroughTheInstaller() throws Exception {
    updater.markHealthy();

    assertThat(installer.healthyMarks()).isEqualTo(1);
  }

  @Test
  void theHistorySurvivesANewUpdaterOnTheSameStateDir() throws Exception {
    String written = Files.readString(stateDir.resolve("history.json"));

    try (Updater restarted =
        Updater.builder()
            .server(UpdaterServerTest.deadServer())
            .app("notes")
            .platform("linux")
            .installedVersion("1.1.0", 11)
            .trustedKey(pinned.publicKey().base64())
            .stateDir(stateDir)
            .reportEvents(false)
            .build()) {
      assertThat(written).contains("\"kind\":\"install\"").contains("\"to_version\":\"1.1.0\"");
      assertThat(restarted.history()).isEqualTo(updater.history()).hasSize(1);
      assertThat(restarted.deviceId()).isEqualTo(updater.deviceId());
    }
  }
}
