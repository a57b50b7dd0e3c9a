package dev.petrel.client.swing;

import dev.petrel.client.InstallResult;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateListener;
import dev.petrel.client.VerifiedUpdate;

/** The core's listener, handing each event to a {@link ProgressRelay} (and so to the EDT). */
final class RelayListener implements UpdateListener {
  private final ProgressRelay relay;

  RelayListener(ProgressRelay relay) {
    this.relay = relay;
  }

  @Override
  public void downloadStarted(Offer offer, long resumedFrom, long total) {
    relay.downloadStarted(resumedFrom, total);
  }

  @Override
  public void progress(long done, long total) {
    relay.progress(done, total);
  }

  @Override
  public void verified(VerifiedUpdate update) {
    relay.verified();
  }

  @Override
  public void installStarted(VerifiedUpdate update) {
    relay.installStarted();
  }

  @Override
  public void installed(InstallResult result) {
    relay.installed(result.restartRequired());
  }

  @Override
  public void failed(UpdateException failure) {
    relay.failed(failure.reason() == UpdateException.Reason.CANCELLED, failure.getMessage());
  }
}
