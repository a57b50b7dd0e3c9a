package dev.petrel.client;

import dev.petrel.client.UpdateException.Reason;
import dev.petrel.client.internal.Config;
import dev.petrel.client.internal.Proof;
import dev.petrel.client.internal.SafeListener;
import dev.petrel.client.internal.VerifiedOffer;
import dev.petrel.protocol.ReleaseStatement;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The bodies of {@link Updater#download}, {@link Updater#install} and {@link Updater#rollback},
 * called under the updater's lock. Each verifies before it touches anything, and records what
 * happened (history, events) only after the fact.
 */
final class Operations {
  private final Updater updater;

  /** The settings before the last install, to return to after a rollback; guarded by the lock. */
  private Config beforeLastInstall;

  Operations(Updater updater) {
    this.updater = updater;
  }

  VerifiedUpdate download(Offer offer, SafeListener listener, Cancellation cancellation)
      throws UpdateException {
    Config config = updater.config();
    VerifiedOffer verified;
    try {
      verified = Updater.verify(offer, config);
    } catch (UpdateException e) {
      report("download_failed", config, offer.version(), offer.versionCode(), e);
      listener.failed(e);
      throw e;
    }
    ReleaseStatement statement = verified.statement();
    report("download_started", config, statement, null);
    try {
      Path file =
          updater
              .downloader()
              .download(
                  offer.downloadUrl(),
                  statement.sha256(),
                  statement.size(),
                  config.downloads(),
                  listener,
                  cancellation);
      VerifiedUpdate update = new VerifiedUpdate(verified.offer(), file);
      report("download_completed", config, statement, null);
      listener.verified(update);
      return update;
    } catch (UpdateException e) {
      if (e.reason() != Reason.CANCELLED) {
        report("download_failed", config, statement, e);
      }
      listener.failed(e);
      throw e;
    }
  }

  InstallResult install(VerifiedUpdate update, SafeListener listener) throws UpdateException {
    Config config = updater.config();
    VerifiedOffer verified;
    Installer installer;
    try {
      installer = updater.requireInstaller("install " + update.offer().version());
      verified = Updater.verify(update.offer(), config);
      requireProvenFile(update.file(), verified.statement());
    } catch (UpdateException e) {
      listener.failed(e);
      throw e;
    }
    ReleaseStatement statement = verified.statement();
    VerifiedUpdate checked = new VerifiedUpdate(verified.offer(), update.file());
    String kind = checked.offer().downgrade() ? "recall" : "install";
    listener.installStarted(checked);
    report("install_started", config, statement, null);
    InstallResult result;
    try {
      result = installer.install(checked);
    } catch (UpdateException | RuntimeException e) {
      UpdateException failure =
          e instanceof UpdateException known
              ? known
              : new UpdateException(Reason.INSTALL, "the installer failed: " + e, e);
      report("install_failed", config, statement, failure);
      record(kind, config, statement.version().toString(), "failed", failure.getMessage());
      listener.failed(failure);
      throw failure;
    }
    record(kind, config, statement.version().toString(), "succeeded", result.detail());
    if (checked.offer().downgrade()) {
      report("recall_applied", config, statement, null);
    }
    report("install_succeeded", config, statement, null);
    beforeLastInstall = config;
    updater.config(config.withInstalled(statement.version(), statement.versionCode()));
    removeOtherDownloads(config.downloads(), update.file());
    listener.installed(result);
    return result;
  }

  void rollback(String reason) throws UpdateException {
    Installer installer = updater.requireInstaller("roll back");
    Config config = updater.config();
    try {
      installer.rollback();
    } catch (UpdateException | RuntimeException e) {
      String message = e.getMessage();
      record("rollback", config, null, "failed", message);
      throw e instanceof UpdateException known
          ? known
          : new UpdateException(Reason.INSTALL, "the installer failed to roll back: " + e, e);
    }
    String now = installer.currentVersion();
    record("rollback", config, now, "succeeded", reason);
    updater
        .reporter()
        .report(
            "reverted",
            config,
            config.installedVersion().toString(),
            config.installedVersionCode(),
            reason == null ? "rolled back by the user" : "rolled back by the user: " + reason);
    Config before = beforeLastInstall;
    if (before != null && before.installedVersion().toString().equals(now)) {
      updater.config(before);
      beforeLastInstall = null;
    }
  }

  private static void requireProvenFile(Path file, ReleaseStatement statement)
      throws UpdateException {
    try {
      if (!Proof.matches(file, statement.sha256(), statement.size())) {
        throw new UpdateException(
            Reason.VERIFICATION,
            "refused: " + file + " no longer has the verified size and SHA-256; download it again");
      }
    } catch (IOException e) {
      throw new UpdateException(Reason.STATE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void record(String kind, Config config, String to, String outcome, String reason) {
    try {
      updater
          .historyStore()
          .append(
              new HistoryEntry(
                  Instant.now(),
                  kind,
                  config.installedVersion().toString(),
                  to,
                  outcome,
                  reason == null || reason.isEmpty() ? null : reason));
    } catch (IOException e) {
      // The history is a record for people; failing to write it must not undo an install.
    }
  }

  private void report(
      String type, Config config, ReleaseStatement statement, UpdateException failure) {
    report(type, config, statement.version().toString(), statement.versionCode(), failure);
  }

  private void report(
      String type, Config config, String version, long code, UpdateException failure) {
    updater
        .reporter()
        .report(type, config, version, code, failure == null ? null : failure.getMessage());
  }

  private static void removeOtherDownloads(Path dir, Path keep) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (!file.getFileName().equals(keep.getFileName())) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      // Old downloads only cost disk space; the next install tries again.
    }
  }
}
