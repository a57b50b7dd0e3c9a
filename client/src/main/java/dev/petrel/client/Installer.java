package dev.petrel.client;

/**
 * Puts a verified artifact in place: the platform-specific half of an update. The desktop one is
 * {@code dev.petrel.client.desktop.AppDirectoryInstaller}; an Android app writes its own (hand the
 * file to the package installer). The {@link Updater} calls these methods one at a time (never
 * concurrently from one updater), after all verification has passed.
 *
 * <p>Contract: each method either completes or throws leaving the installed app as it was. Throw
 * {@link UpdateException} with {@link UpdateException.Reason#INSTALL} (or {@code STATE} for a lock
 * held elsewhere) and a message for people.
 */
public interface Installer {
  /** The version currently installed and running, e.g. {@code 1.0.0}. */
  String currentVersion();

  /**
   * Installs {@code update}, whose file has been verified, and makes it the current version.
   *
   * @throws UpdateException if it could not; the previous version must stay current
   */
  InstallResult install(VerifiedUpdate update) throws UpdateException;

  /**
   * Whether {@link #install} only hands the update to the platform, which finishes it on its own
   * later: Android's package installer, whose outcome arrives in a broadcast after {@code install}
   * returned (or, for a self-update that succeeded, only in the next process). Then the updater
   * records the hand-over but reports neither {@code install_succeeded} nor a new installed
   * version; the app reports the outcome through {@link Updater#reportInstallOutcome} when it
   * learns it. Default false: {@code install} returns when the new version is in place.
   */
  default boolean finishesLater() {
    return false;
  }

  /**
   * Switches back to the version that was current before the last install (a user's rollback).
   *
   * @throws UpdateException if there is nothing to go back to or the switch failed
   */
  void rollback() throws UpdateException;

  /**
   * Records that the newly installed version started and works, so it will not be reverted.
   *
   * @throws UpdateException if that could not be recorded
   */
  void markHealthy() throws UpdateException;
}
