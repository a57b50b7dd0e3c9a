package dev.petrel.android;

import dev.petrel.client.ChangelogEntry;
import dev.petrel.client.Offer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.VerifiedUpdate;
import java.util.List;

/**
 * Hooks into what {@link PetrelAndroid} does, for an app that shows its own screens (or forwards
 * them to Flutter over a platform channel). Every method has an empty default. {@link
 * #updateAvailable} is called on the main thread; the others on the thread that did the work (a
 * background thread, or the main thread for the install-status broadcast). Keep them short and do
 * not throw: an exception is caught and ignored.
 *
 * <p>Order for one update: {@code updateAvailable}, then {@code downloadProgress} zero or more
 * times, then {@code readyToInstall} or {@code failed}; after the install is handed to Android:
 * {@code userActionRequired} (the confirmation is shown), then {@code installFailed} — or nothing,
 * when the update succeeded and Android restarted the app into the new version.
 */
public interface AndroidUpdateListener {
  /**
   * A verified update is available. Return true to show your own screen (then call {@link
   * PetrelAndroid#update(Offer)} when the user agrees); false (the default) lets PetrelAndroid show
   * its dialog, or its blocking screen when {@code offer.mandatory()}.
   *
   * @param changelog the notes of every release since the installed one, newest first
   */
  default boolean updateAvailable(Offer offer, List<ChangelogEntry> changelog) {
    return false;
  }

  /** {@code done} of {@code total} bytes are downloaded. */
  default void downloadProgress(long done, long total) {}

  /** The APK is downloaded and verified; the install is next. */
  default void readyToInstall(VerifiedUpdate update) {}

  /** Android shows its install confirmation to the user. */
  default void userActionRequired() {}

  /**
   * A check, download, APK check or install failed. The message says why for people; refusals start
   * with "refused:".
   */
  default void failed(UpdateException failure) {}

  /**
   * Android's installer ended the install with a failure.
   *
   * @param reason the status name, code and Android's message
   */
  default void installFailed(String reason) {}
}
