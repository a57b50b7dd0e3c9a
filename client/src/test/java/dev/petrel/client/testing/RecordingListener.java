package dev.petrel.client.testing;

import dev.petrel.client.InstallResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateListener;
import dev.petrel.client.VerifiedUpdate;
import java.util.ArrayList;
import java.util.List;

/** Writes down every call as a short line, in order. */
public final class RecordingListener implements UpdateListener {
  private final List<String> calls = new ArrayList<>();
  private final List<long[]> progress = new ArrayList<>();

  @Override
  public synchronized void downloadStarted(Offer offer, long resumedFrom, long total) {
    calls.add("downloadStarted " + offer.version() + " " + resumedFrom + "/" + total);
  }

  @Override
  public synchronized void progress(long done, long total) {
    progress.add(new long[] {done, total});
    if (calls.isEmpty() || !calls.get(calls.size() - 1).equals("progress")) {
      calls.add("progress");
    }
  }

  @Override
  public synchronized void patchApplied(Offer offer, long patchBytes, long fullBytes) {
    calls.add("patchApplied " + offer.version() + " " + patchBytes + "/" + fullBytes);
  }

  @Override
  public synchronized void patchFailed(Offer offer, String reason) {
    calls.add("patchFailed " + reason.split(":", 2)[0]);
  }

  @Override
  public synchronized void verified(VerifiedUpdate update) {
    calls.add("verified " + update.offer().version());
  }

  @Override
  public synchronized void installStarted(VerifiedUpdate update) {
    calls.add("installStarted " + update.offer().version());
  }

  @Override
  public synchronized void installed(InstallResult result) {
    calls.add("installed " + result.installedVersion());
  }

  @Override
  public synchronized void failed(UpdateException failure) {
    calls.add("failed " + failure.reason());
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The last progress report's {@code done}, or -1. */
  public synchronized long lastDone() {
    return progress.isEmpty() ? -1 : progress.get(progress.size() - 1)[0];
  }
}
