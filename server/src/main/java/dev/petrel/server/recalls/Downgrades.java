package dev.petrel.server.recalls;

import dev.petrel.protocol.Platform;

/**
 * Which platforms can install an older version over a newer one. Android's and iOS's installers
 * refuse a lower version code, so a recalled release there is only ever fixed forward; every other
 * platform (windows, macos, linux and any name an app maker adds) is taken to install whatever the
 * updater hands it. Stateless.
 */
public final class Downgrades {
  private Downgrades() {}

  /**
   * Whether {@code platform} allows downgrades: false for {@code android} and {@code ios} and names
   * that start with {@code android-}, {@code android_}, {@code ios-} or {@code ios_} (such as
   * {@code android-tv}), true for every other platform.
   */
  public static boolean allowedOn(Platform platform) {
    return !(isFamily(platform.name(), "android") || isFamily(platform.name(), "ios"));
  }

  private static boolean isFamily(String name, String family) {
    return name.equals(family) || name.startsWith(family + "-") || name.startsWith(family + "_");
  }
}
