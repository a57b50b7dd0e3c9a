package dev.petrel.server.ios;

import dev.petrel.delta.zip.CentralDirectory;
import dev.petrel.server.archives.MalformedArchiveException;
import dev.petrel.server.archives.ZipDirectory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an IPA's {@code Payload/<name>.app/Info.plist} says about the app inside it.
 *
 * @param bundleId {@code CFBundleIdentifier}
 * @param shortVersion {@code CFBundleShortVersionString}, the version users see
 * @param bundleVersion {@code CFBundleVersion}, the build number
 * @param title {@code CFBundleDisplayName}, else {@code CFBundleName}, else the bundle id
 */
public record IpaInfo(String bundleId, String shortVersion, String bundleVersion, String title) {
  private static final int MAX_TEXT = 255;
  private static final Pattern INFO_PLIST = Pattern.compile("Payload/[^/]+\\.app/Info\\.plist");

  /**
   * Reads the Info.plist of the one app bundle in {@code ipa}.
   *
   * @throws MalformedArchiveException when there is not exactly one, or it lacks a required key
   */
  public static IpaInfo read(ZipDirectory ipa) throws IOException {
    List<CentralDirectory.Entry> plists =
        ipa.entries().stream().filter(e -> INFO_PLIST.matcher(e.name()).matches()).toList();
    if (plists.size() != 1) {
      throw new MalformedArchiveException(
          "an IPA holds exactly one Payload/<name>.app/Info.plist, this archive holds "
              + plists.size());
    }
    Object root = PropertyList.parse(ipa.contents(plists.get(0)));
    if (!(root instanceof Map<?, ?> info)) {
      throw new MalformedArchiveException(plists.get(0).name() + " is not a dictionary");
    }
    String bundleId = required(info, "CFBundleIdentifier");
    if (bundleId.length() > MAX_TEXT) {
      throw new MalformedArchiveException("CFBundleIdentifier is longer than " + MAX_TEXT);
    }
    String title = optional(info, "CFBundleDisplayName");
    if (title == null) {
      title = optional(info, "CFBundleName");
    }
    return new IpaInfo(
        bundleId,
        required(info, "CFBundleShortVersionString"),
        required(info, "CFBundleVersion"),
        title == null ? bundleId : title.substring(0, Math.min(title.length(), MAX_TEXT)));
  }

  private static String required(Map<?, ?> info, String key) {
    String value = optional(info, key);
    if (value == null) {
      throw new MalformedArchiveException("Info.plist has no " + key + " string");
    }
    return value;
  }

  private static String optional(Map<?, ?> info, String key) {
    return info.get(key) instanceof String text && !text.isBlank() ? text.strip() : null;
  }
}
