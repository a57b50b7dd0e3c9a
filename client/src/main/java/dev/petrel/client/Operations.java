package dev.petrel.client;

import dev.petrel.client.UpdateException.Reason;
import dev.petrel.client.internal.BaseArtifact;
import dev.petrel.client.internal.Config;
import dev.petrel.client.internal.Downloader;
import dev.petrel.client.internal.HistoryStore;
import dev.petrel.client.internal.Http;
import dev.petrel.client.internal.OfferVerifier;
import dev.petrel.client.internal.PatchDownload;
import dev.petrel.client.internal.Proof;
import dev.petrel.client.internal.Reporter;
import dev.petrel.client.internal.SafeListener;
import dev.petrel.client.internal.VerifiedOffer;
import dev.petrel.protocol.ReleaseStatement;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The bodies of {@link Updater#download}, {@link Updater#install} and {@link Updater#rollback},
 * called under the updater's lock. Each verifies before it touches anything, and records what
 * happened (history, events) only after the fact. Owns the current settings (the installed version
 * changes with an install or rollback), the downloader and the history.
 */
final class Operations {
  private final Installer installer;
  private final Downloader downloader;
  private final PatchDownload patches;
  private final HistoryStore history;
  private final Reporter reporter;

  /** The current settings; the installed version in them changes after an install or rollback. */
  private volatile Config config;

  /** The settings before the last install, to return to after a rollback; guarded by the lock. */
  private Config beforeLastInstall;

  /**
   * @param installer what installs, or null when the updater was built without one
   */
  Operations(Config config, Installer installer, Http http, Reporter reporter) {
    this.config = config;
    this.installer = installer;
    this.downloader = new Downloader(http, config.maxRetryAfter(), config.downloadAttempts());
    this.patches = new PatchDownload(downloader);
    this.history = new HistoryStore(config.historyFile());
    this.reporter = reporter;
  }

  /** The current settings; readable from any thread. */
  Config config() {
    return config;
  }

  /**
   * The history, oldest first.
   *
   * @throws UpdateException {@code STATE} when it cannot be read
   */
  List<HistoryEntry> history() throws UpdateException {
    try {
      return history.read();
    } catch (IOException e) {
      throw new UpdateException(Reason.STATE, "cannot read the history: " + e.getMessage(), e);
    }
  }

  /**
   * The installer, for {@code action}.
   *
   * @throws UpdateException {@code STATE} when the updater was built without one
   */
  Installer requireInstaller(String action) throws UpdateException {
    if (installer == null) {
      throw new UpdateException(
          Reason.STATE, "cannot " + action + ": this updater was built without an installer");
    }
    return installer;
  }

  VerifiedUpdate download(Offer offer, SafeListener listener, Cancellation cancellation)
      throws UpdateException {
    Config config = this.config;
    VerifiedOffer verified;
    try {
      verified = OfferVerifier.verify(offer, config);
    } catch (UpdateException e) {
      report("download_failed", config, offer.version(), offer.versionCode(), e);
      listener.failed(e);
      throw e;
    }
    ReleaseStatement statement = verified.statement();
    VerifiedUpdate patched = fromPatch(verified.offer(), statement, config, listener, cancellation);
    if (patched != null) {
      return patched;
    }
    report("download_started", config, statement, null);
    try {
      Path file =
          downloader.download(
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

  /**
   * The update made from the offer's patch, or null when there is none for this device or it failed
   * (then {@code delta_failed} is reported and the caller downloads the full file).
   */
  private VerifiedUpdate fromPatch(
      Offer offer,
      ReleaseStatement statement,
      Config config,
      SafeListener listener,
      Cancellation cancellation)
      throws UpdateException {
    PatchDownload.Outcome outcome;
    try {
      outcome = patches.tryPatch(offer, statement, config, listener, cancellation);
    } catch (UpdateException e) {
      listener.failed(e);
      throw e;
    }
    if (outcome.failure() != null) {
      report(
          "delta_failed",
          config,
          statement.version().toString(),
          statement.versionCode(),
          outcome.failure());
      listener.patchFailed(offer, outcome.failure());
      return null;
    }
    if (outcome.file() == null) {
      return null;
    }
    VerifiedUpdate update = new VerifiedUpdate(offer, outcome.file());
    report("delta_applied", config, statement, null);
    listener.patchApplied(offer, offer.patch().size(), statement.size());
    listener.verified(update);
    return update;
  }

  InstallResult install(VerifiedUpdate update, SafeListener listener) throws UpdateException {
    Config config = this.config;
    VerifiedOffer verified;
    Installer installer;
    try {
      installer = requireInstaller("install " + update.offer().version());
      verified = OfferVerifier.verify(update.offer(), config);
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
    if (installer.finishesLater()) {
      // The platform finishes it; the outcome is reported when it is known (reportInstallOutcome).
      // The artifact becomes the next patch's base now: the new version starts in a new process.
      record(kind, config, statement.version().toString(), "handed over", result.detail());
      BaseArtifact.keep(config.base(), update.file(), statement.sha256().hex());
      listener.installed(result);
      return result;
    }
    record(kind, config, statement.version().toString(), "succeeded", result.detail());
    if (checked.offer().downgrade()) {
      report("recall_applied", config, statement, null);
    }
    report("install_succeeded", config, statement, null);
    beforeLastInstall = config;
    this.config = config.withInstalled(statement.version(), statement.versionCode());
    BaseArtifact.keep(config.base(), update.file(), statement.sha256().hex());
    removeOtherDownloads(config.downloads(), update.file());
    listener.installed(result);
    return result;
  }

  /**
   * Reports how an install that the platform finished on its own ended, and records it in the
   * history.
   */
  void reportInstallOutcome(String version, long versionCode, String failure) {
    Config config = this.config;
    boolean succeeded = failure == null;
    record("install", config, version, succeeded ? "succeeded" : "failed", failure);
    reporter.report(
        succeeded ? "install_succeeded" : "install_failed", config, version, versionCode, failure);
  }

  void rollback(String reason) throws UpdateException {
    Installer installer = requireInstaller("roll back");
    Config config = this.config;
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
    reporter.report(
        "reverted",
        config,
        config.installedVersion().toString(),
        config.installedVersionCode(),
        reason == null ? "rolled back by the user" : "rolled back by the user: " + reason);
    Config before = beforeLastInstall;
    if (before != null && before.installedVersion().toString().equals(now)) {
      this.config = before;
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
      history.append(
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
    report(type, config, version, code, failure == null ? null : failure.getMessage());
  }

  private void report(String type, Config config, String version, long code, String reason) {
    reporter.report(type, config, version, code, reason);
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
