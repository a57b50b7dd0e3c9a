package dev.petrel.android.internal;

import android.content.pm.PackageInstaller;

/** The names and meanings of {@link PackageInstaller}'s status codes, for reports and people. */
public final class InstallStatus {
  /** The version being installed, on the status broadcast. */
  public static final String EXTRA_VERSION = "dev.petrel.android.extra.VERSION";

  /** Its version code, on the status broadcast. */
  public static final String EXTRA_VERSION_CODE = "dev.petrel.android.extra.VERSION_CODE";

  private InstallStatus() {}

  /** A sentence naming the status, its code and Android's own message, if any. */
  public static String describe(int status, String message) {
    String text = name(status) + " (" + status + "): " + meaning(status);
    return message == null || message.trim().isEmpty() ? text : text + "; Android says: " + message;
  }

  /** The constant's name, e.g. {@code STATUS_FAILURE_CONFLICT}. */
  public static String name(int status) {
    return switch (status) {
      case PackageInstaller.STATUS_PENDING_USER_ACTION -> "STATUS_PENDING_USER_ACTION";
      case PackageInstaller.STATUS_SUCCESS -> "STATUS_SUCCESS";
      case PackageInstaller.STATUS_FAILURE -> "STATUS_FAILURE";
      case PackageInstaller.STATUS_FAILURE_BLOCKED -> "STATUS_FAILURE_BLOCKED";
      case PackageInstaller.STATUS_FAILURE_ABORTED -> "STATUS_FAILURE_ABORTED";
      case PackageInstaller.STATUS_FAILURE_INVALID -> "STATUS_FAILURE_INVALID";
      case PackageInstaller.STATUS_FAILURE_CONFLICT -> "STATUS_FAILURE_CONFLICT";
      case PackageInstaller.STATUS_FAILURE_STORAGE -> "STATUS_FAILURE_STORAGE";
      case PackageInstaller.STATUS_FAILURE_INCOMPATIBLE -> "STATUS_FAILURE_INCOMPATIBLE";
      case 8 -> "STATUS_FAILURE_TIMEOUT"; // API 34's constant, written as its value for API 26
      default -> "status";
    };
  }

  private static String meaning(int status) {
    return switch (status) {
      case PackageInstaller.STATUS_PENDING_USER_ACTION -> "waiting for the user to confirm";
      case PackageInstaller.STATUS_SUCCESS -> "installed";
      case PackageInstaller.STATUS_FAILURE_BLOCKED ->
          "blocked by the device's policy or another app";
      case PackageInstaller.STATUS_FAILURE_ABORTED -> "the user or the system cancelled it";
      case PackageInstaller.STATUS_FAILURE_INVALID -> "the APK is invalid or corrupt";
      case PackageInstaller.STATUS_FAILURE_CONFLICT ->
          "it conflicts with the installed app (signature or downgrade)";
      case PackageInstaller.STATUS_FAILURE_STORAGE -> "not enough storage";
      case PackageInstaller.STATUS_FAILURE_INCOMPATIBLE -> "incompatible with this device";
      case 8 -> "the install timed out";
      default -> "the install failed";
    };
  }
}
