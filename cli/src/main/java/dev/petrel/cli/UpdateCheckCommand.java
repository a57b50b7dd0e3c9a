package dev.petrel.cli;

import dev.petrel.client.CheckResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code petrel update check}. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Asks the configured sources for a newer, correctly signed release.")
final class UpdateCheckCommand extends UpdaterCommand {
  @Override
  void run(Updater updater, PrintWriter out) throws UpdateException {
    CheckResult result = updater.check();
    if (result.currentRecalled()) {
      out.println(
          "installed "
              + updater.installedVersion()
              + " was recalled"
              + (result.recallMessage() == null ? "" : ": " + result.recallMessage()));
    }
    if (!result.updateAvailable()) {
      out.println("up to date: " + updater.installedVersion() + " (from " + result.source() + ")");
    } else {
      print(out, updater.installedVersion(), result.offer());
    }
  }

  static void print(PrintWriter out, String installed, Offer offer) {
    out.println(
        (offer.downgrade() ? "downgrade available: " : "update available: ")
            + installed
            + " -> "
            + offer.version()
            + " (code "
            + offer.versionCode()
            + ", "
            + offer.channel()
            + ", "
            + offer.size()
            + " bytes"
            + (offer.mandatory() ? ", mandatory" : "")
            + ")");
    if (offer.releaseNotes() != null && !offer.releaseNotes().isEmpty()) {
      out.println("notes: " + offer.releaseNotes());
    }
  }
}
