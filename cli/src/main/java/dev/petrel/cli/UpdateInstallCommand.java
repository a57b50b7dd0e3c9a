package dev.petrel.cli;

import dev.petrel.client.InstallResult;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateListener;
import dev.petrel.client.Updater;
import dev.petrel.client.VerifiedUpdate;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code petrel update install}. */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description =
        "Checks, downloads (or reuses a finished download), verifies and installs the offered"
            + " release; the app runs it from its next start through the launcher.")
final class UpdateInstallCommand extends UpdaterCommand {
  @Override
  void run(Updater updater, PrintWriter out) throws UpdateException {
    VerifiedUpdate update = UpdateDownloadCommand.download(updater, out);
    if (update != null) {
      InstallResult result = updater.install(update, UpdateListener.NONE);
      out.println(
          "installed "
              + result.installedVersion()
              + (result.previousVersion() == null ? "" : " (was " + result.previousVersion() + ")")
              + "; it starts at the next launch and must report healthy, or it is reverted");
    }
  }
}
