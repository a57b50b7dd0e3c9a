package dev.petrel.client;

/**
 * Hears what a download and an install do. Every method has an empty default, so implement only
 * what you show. Called on the thread that called {@link Updater#download} or {@link
 * Updater#install}; keep the methods short (hand work to your UI thread) and do not throw: an
 * exception thrown by a listener is caught and ignored, and never changes the outcome.
 *
 * <p>Call order of one {@link Updater#download}: {@code downloadStarted} once, then {@code
 * progress} zero or more times with a growing {@code done} (at most every 64 KiB and about ten
 * times a second, and once more at the end), then exactly one of {@code verified} or {@code
 * failed}. A download that finds the complete verified file already present calls {@code
 * downloadStarted} with {@code resumedFrom == total}, one {@code progress(total, total)}, then
 * {@code verified}. A download refused before any byte is fetched (the statement does not verify)
 * calls only {@code failed}. When a resume is refused by the server the download restarts at zero:
 * {@code downloadStarted} is not repeated but {@code progress} goes back to a smaller {@code done}.
 *
 * <p>Call order of one {@link Updater#install}: {@code installStarted}, then exactly one of {@code
 * installed} or {@code failed}. A failure before the start (the file changed on disk since it was
 * verified) calls only {@code failed}.
 */
public interface UpdateListener {
  /** A listener that ignores everything. */
  UpdateListener NONE = new UpdateListener() {};

  /**
   * The download begins.
   *
   * @param offer what is downloaded
   * @param resumedFrom bytes already present from an earlier attempt (0 for a fresh start)
   * @param total the artifact's size in bytes
   */
  default void downloadStarted(Offer offer, long resumedFrom, long total) {}

  /** {@code done} of {@code total} bytes are on disk. */
  default void progress(long done, long total) {}

  /**
   * The update was made from a patch instead of the full file: {@code patchBytes} were downloaded
   * where the full file has {@code fullBytes}. Called before {@link #verified}.
   */
  default void patchApplied(Offer offer, long patchBytes, long fullBytes) {}

  /** Applying a downloaded patch has made {@code done} of {@code total} bytes. */
  default void patchProgress(long done, long total) {}

  /**
   * The offered patch could not be used ({@code reason}: no kept base, a corrupt patch, a mismatch,
   * no disk space); the full file is downloaded instead, starting with {@link #downloadStarted}.
   */
  default void patchFailed(Offer offer, String reason) {}

  /** The download is complete and verified; {@link Updater#install} may follow. */
  default void verified(VerifiedUpdate update) {}

  /** The installer is about to run. */
  default void installStarted(VerifiedUpdate update) {}

  /** The installer succeeded. */
  default void installed(InstallResult result) {}

  /** The download or install failed; the same exception is then thrown to the caller. */
  default void failed(UpdateException failure) {}
}
