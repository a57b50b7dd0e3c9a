package dev.petrel.client.internal;

import dev.petrel.client.InstallResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateListener;
import dev.petrel.client.VerifiedUpdate;

/** Calls a caller's listener, swallowing what it throws so it never changes an outcome. */
public final class SafeListener implements UpdateListener, Downloader.Progress {
  private final UpdateListener listener;
  private final Offer offer;

  public SafeListener(UpdateListener listener, Offer offer) {
    this.listener = listener == null ? UpdateListener.NONE : listener;
    this.offer = offer;
  }

  @Override
  public void started(long resumedFrom, long total) {
    downloadStarted(offer, resumedFrom, total);
  }

  @Override
  public void downloadStarted(Offer offer, long resumedFrom, long total) {
    run(() -> listener.downloadStarted(offer, resumedFrom, total));
  }

  @Override
  public void progress(long done, long total) {
    run(() -> listener.progress(done, total));
  }

  @Override
  public void patchApplied(Offer offer, long patchBytes, long fullBytes) {
    run(() -> listener.patchApplied(offer, patchBytes, fullBytes));
  }

  @Override
  public void patchFailed(Offer offer, String reason) {
    run(() -> listener.patchFailed(offer, reason));
  }

  /** How far applying a patch has got; progress of the new file's expanded form. */
  public void patchProgress(long done, long total) {
    run(() -> listener.patchProgress(done, total));
  }

  /** The offer this listener is about. */
  public Offer offer() {
    return offer;
  }

  @Override
  public void verified(VerifiedUpdate update) {
    run(() -> listener.verified(update));
  }

  @Override
  public void installStarted(VerifiedUpdate update) {
    run(() -> listener.installStarted(update));
  }

  @Override
  public void installed(InstallResult result) {
    run(() -> listener.installed(result));
  }

  @Override
  public void failed(UpdateException failure) {
    run(() -> listener.failed(failure));
  }

  private static void run(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      // A listener's bug must not change what the updater does.
    }
  }
}
