package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.HistoryEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollbackPromptTest {
  private static HistoryEntry entry(String kind, String from, String to, String outcome) {
    return new HistoryEntry(Instant.EPOCH, kind, from, to, outcome, null);
  }

  @Test
  void previousVersionIsWhereTheLastSuccessfulInstallOfTheCurrentOneCameFrom() {
    List<HistoryEntry> history =
        List.of(
            entry("install", "1.0.0", "1.0.1", "succeeded"),
            entry("install", "1.0.1", "1.0.2", "failed"),
            entry("download", "1.0.1", "1.0.2", "succeeded"),
            entry("install", "0.9.0", "1.0.1", "succeeded"),
            entry("rollback", "1.0.2", "1.0.1", "succeeded"));

    assertThat(RollbackPrompt.previousVersion(history, "1.0.1")).isEqualTo("0.9.0");
    assertThat(RollbackPrompt.previousVersion(history, "1.0.2")).isNull();
    assertThat(RollbackPrompt.previousVersion(List.of(), "1.0.1")).isNull();
  }

  @Test
  void knowsWhichVersionsThisInstallationWentBackFrom() {
    List<HistoryEntry> history =
        List.of(
            entry("install", "1.0.0", "1.0.1", "succeeded"),
            entry("rollback", "1.0.1", "1.0.0", "succeeded"),
            entry("rollback", "1.0.3", "1.0.0", "failed"),
            entry("revert", "1.0.2", "1.0.0", "succeeded"));

    assertThat(RollbackPrompt.wentBackFrom(history, "1.0.1")).isTrue();
    assertThat(RollbackPrompt.wentBackFrom(history, "1.0.3")).isFalse();
    assertThat(RollbackPrompt.wentBackFrom(history, "1.0.2")).isTrue();
    assertThat(RollbackPrompt.wentBackFrom(history, "1.0.0")).isFalse();
    assertThat(RollbackPrompt.wentBackFrom(List.of(), "1.0.1")).isFalse();
  }

  @Test
  void asksToGoBackWhenThereIsAPreviousVersion() {
    RollbackPrompt prompt = new RollbackPrompt("1.0.1", "1.0.0", true);

    assertThat(prompt.possible()).isTrue();
    assertThat(prompt.message())
        .isEqualTo("Go back from version 1.0.1 to version 1.0.0? The app restarts on 1.0.0.");
    assertThat(prompt.confirmCaption()).isEqualTo("Roll back");
    assertThat(prompt.reason()).isEqualTo("rolled back by the user from 1.0.1 to 1.0.0");
  }

  @Test
  void refusesWhenTurnedOffInTheSettings() {
    RollbackPrompt prompt = new RollbackPrompt("1.0.1", "1.0.0", false);

    assertThat(prompt.possible()).isFalse();
    assertThat(prompt.message()).isEqualTo("Rolling back is turned off in the update settings.");
  }

  @Test
  void refusesWhenThereIsNothingToGoBackTo() {
    assertThat(new RollbackPrompt("1.0.0", null, true).possible()).isFalse();
    assertThat(new RollbackPrompt("1.0.0", "1.0.0", true).possible()).isFalse();
    assertThat(new RollbackPrompt("1.0.0", null, true).message())
        .isEqualTo("There is no earlier version of the app to go back to.");
  }
}
