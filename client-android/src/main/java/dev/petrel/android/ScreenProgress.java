package dev.petrel.android;

import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.UpdateListener;
import dev.petrel.client.VerifiedUpdate;
import java.util.function.BiConsumer;

/** Passes a download's events to the notification and its progress to a screen as well. */
final class ScreenProgress implements UpdateListener {
  private final UpdateListener notification;
  private final BiConsumer<Long, Long> screen;

  ScreenProgress(UpdateListener notification, BiConsumer<Long, Long> screen) {
    this.notification = notification;
    this.screen = screen;
  }

  @Override
  public void downloadStarted(Offer offer, long resumedFrom, long total) {
    notification.downloadStarted(offer, resumedFrom, total);
  }

  @Override
  public void progress(long done, long total) {
    notification.progress(done, total);
    screen.accept(done, total);
  }

  @Override
  public void verified(VerifiedUpdate update) {
    notification.verified(update);
  }

  @Override
  public void failed(UpdateException failure) {
    notification.failed(failure);
  }
}
