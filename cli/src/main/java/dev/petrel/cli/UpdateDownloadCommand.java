package dev.petrel.cli;

import dev.petrel.client.Cancellation;
import dev.petrel.client.CheckResult;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateListener;
import dev.petrel.client.Updater;
import dev.petrel.client.VerifiedUpdate;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code petrel update download}. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description =
        "Checks, then downloads and verifies the offered release into .petrel/downloads"
            + " (resuming an earlier partial download). Installs nothing.")
final class UpdateDownloadCommand extends UpdaterCommand {
  @Override
  void run(Updater updater, PrintWriter out) throws UpdateException {
    VerifiedUpdate update = download(updater, out);
    if (update != null) {
      out.println("downloaded and verified " + update.offer().version() + ": " + update.file());
    }
  }

  /** Checks and downloads; null (after saying so) when there is nothing newer. */
  static VerifiedUpdate download(Updater updater, PrintWriter out) throws UpdateException {
    CheckResult result = updater.check();
    if (!result.updateAvailable()) {
      out.println("up to date: " + updater.installedVersion());
      return null;
    }
    UpdateCheckCommand.print(out, updater.installedVersion(), result.offer());
    return updater.download(result.offer(), new Progress(out), Cancellation.none());
  }

  /**
   * A line at the start, resume point and every quarter of the download, and whether the update was
   * made from a patch (with the bytes saved) or the patch could not be used.
   */
  private static final class Progress implements UpdateListener {
    private final PrintWriter out;
    private int shown = -1;

    Progress(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void downloadStarted(dev.petrel.client.Offer offer, long resumedFrom, long total) {
      if (resumedFrom >= total) {
        out.println("using the finished download (" + total + " bytes)");
      } else if (resumedFrom > 0) {
        out.println("resuming at " + resumedFrom + " of " + total + " bytes");
      } else {
        out.println("downloading " + total + " bytes");
      }
      out.flush();
    }

    @Override
    public void patchApplied(dev.petrel.client.Offer offer, long patchBytes, long fullBytes) {
      long saved = fullBytes - patchBytes;
      out.println(
          "made from a patch: downloaded "
              + patchBytes
              + " of "
              + fullBytes
              + " bytes, saved "
              + saved
              + " bytes ("
              + (fullBytes == 0 ? 0 : saved * 100 / fullBytes)
              + " %)");
      out.flush();
    }

    @Override
    public void patchFailed(dev.petrel.client.Offer offer, String reason) {
      out.println("the patch could not be used (" + reason + "); downloading the full file");
      out.flush();
    }

    @Override
    public void progress(long done, long total) {
      int quarter = total == 0 ? 4 : (int) (done * 4 / total);
      if (quarter != shown) {
        shown = quarter;
        out.println("  " + (quarter * 25) + " %");
        out.flush();
      }
    }
  }
}
