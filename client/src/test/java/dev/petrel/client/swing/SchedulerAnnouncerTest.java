package dev.petrel.client.swing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.CheckResult;
import dev.petrel.client.HistoryEntry;
import dev.petrel.client.InstallResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.VerifiedUpdate;
import dev.petrel.client.desktop.UpdaterConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerAnnouncerTest {
  private static final Offer OFFER =
      new Offer(
          "1.0.1",
          2,
          "stable",
          false,
          "notes",
          1000,
          "0".repeat(64),
          URI.create("http://127.0.0.1/a.zip"),
          false,
          "c3RhdGVtZW50",
          "c2lnbmF0dXJl",
          "key",
          null,
          null);

  /** Records what the announcer told the user; settings and history are set per test. */
  private static final class RecordingUi implements SchedulerAnnouncer.Ui {
    UpdaterConfig config = SettingsFormTest.CONFIG;
    List<HistoryEntry> history = List.of();
    boolean historyBroken;
    final List<String> told = new ArrayList<>();

    @Override
    public UpdaterConfig config() {
      return config;
    }

    @Override
    public List<HistoryEntry> history() throws UpdateException {
      if (historyBroken) {
        throw new UpdateException(UpdateException.Reason.STATE, "history.json is unreadable");
      }
      return history;
    }

    @Override
    public void updateFound(Offer offer) {
      told.add("found " + offer.version());
    }

    @Override
    public void installedInBackground(InstallResult result) {
      told.add("installed " + result.installedVersion());
    }
  }

  private final RecordingUi ui = new RecordingUi();
  private final SchedulerAnnouncer announcer = new SchedulerAnnouncer(ui);

  private static UpdaterConfig config(boolean autoDownload, boolean autoInstall) {
    UpdaterConfig c = SettingsFormTest.CONFIG;
    return new UpdaterConfig(
        c.app(),
        c.platform(),
        c.servers(),
        c.github(),
        c.githubApi(),
        c.feeds(),
        c.publicKeys(),
        true,
        6,
        30,
        autoDownload,
        autoInstall,
        true,
        5,
        "stable",
        true,
        true,
        120);
  }

  private static CheckResult found() {
    return new CheckResult(OFFER, false, null, URI.create("http://127.0.0.1"));
  }

  @Test
  void foundUpdateWaitsForTheDownloadWhenTheSchedulerDownloadsItself() {
    ui.config = config(true, false);

    announcer.checked(found());
    assertThat(ui.told).isEmpty();

    announcer.downloaded(new VerifiedUpdate(OFFER, Path.of("a.zip")));
    assertThat(ui.told).containsExactly("found 1.0.1");
  }

  @Test
  void foundUpdateIsAnnouncedAtOnceWithoutBackgroundDownloads() {
    ui.config = config(false, false);

    announcer.checked(found());

    assertThat(ui.told).containsExactly("found 1.0.1");
  }

  @Test
  void nothingFoundSaysNothing() {
    ui.config = config(false, false);

    announcer.checked(new CheckResult(null, false, null, URI.create("http://127.0.0.1")));

    assertThat(ui.told).isEmpty();
  }

  @Test
  void aVersionThisInstallationWentBackFromIsNotAnnounced() {
    ui.config = config(false, false);
    ui.history =
        List.of(new HistoryEntry(Instant.EPOCH, "rollback", "1.0.1", "1.0.0", "succeeded", null));

    announcer.checked(found());

    assertThat(ui.told).isEmpty();
  }

  @Test
  void automaticInstallIsAnnouncedWithARestartOfferNotAsAnUpdate() {
    ui.config = config(true, true);

    announcer.checked(found());
    announcer.downloaded(new VerifiedUpdate(OFFER, Path.of("a.zip")));
    announcer.installed(new InstallResult("1.0.0", "1.0.1", true, ""));

    assertThat(ui.told).containsExactly("installed 1.0.1");
  }

  @Test
  void unreadableHistoryStillAnnounces() {
    ui.config = null;
    ui.historyBroken = true;

    announcer.checked(found());

    assertThat(ui.told).containsExactly("found 1.0.1");
  }
}
