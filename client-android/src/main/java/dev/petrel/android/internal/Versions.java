package dev.petrel.android.internal;

import android.content.pm.PackageInfo;
import android.os.Build;

/** The version code of a package, read the way its API level allows. */
public final class Versions {
  private Versions() {}

  /** The full version code (with {@code versionCodeMajor} from Android 9 on). */
  public static long code(PackageInfo info) {
    return Build.VERSION.SDK_INT >= 28 ? longCode(info) : intCode(info);
  }

  @SinceApi(28)
  private static long longCode(PackageInfo info) {
    return info.getLongVersionCode();
  }

  @SuppressWarnings("deprecation")
  private static long intCode(PackageInfo info) {
    return info.versionCode;
  }
}
