package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.Version;
import java.util.Locale;

/**
 * The version and version code {@code petrel publish} gives a release, from {@code --version},
 * {@code --bump} and {@code --version-code}: checked locally when built, completed from the newest
 * release on the platform by {@link #resolve} when a bump or a default code needs it.
 */
final class ReleaseNumbering {
  /** A release's version and version code. */
  record Numbered(Version version, long code) {}

  private final Version requested;
  private final Version.Bump bump;
  private final Long versionCode;

  /**
   * @param version {@code --version}, or null (exclusive with {@code bump})
   * @param bump {@code --bump}, or null
   * @param versionCode {@code --version-code}, or null
   */
  ReleaseNumbering(UsageErrors usage, String version, String bump, Long versionCode) {
    Long code = versionCode;
    Version parsed = null;
    if (version != null) {
      parsed = usage.parse(() -> Version.parse("--version", version));
      if (parsed.build() != null) {
        code = buildNumber(usage, parsed, versionCode);
        parsed = parsed.core();
      }
    }
    if (code != null && (code < 1 || code > ReleaseStatement.MAX_INTEGER)) {
      throw usage.error("--version-code: expected 1 to " + ReleaseStatement.MAX_INTEGER);
    }
    this.requested = parsed;
    this.bump = bump == null ? null : bump(usage, bump);
    this.versionCode = code;
  }

  /** 1.2.0+7 is the server's shorthand for version 1.2.0, code 7. */
  private static long buildNumber(UsageErrors usage, Version version, Long versionCode) {
    if (version.buildNumber().isEmpty()) {
      throw usage.error(
          "--version: build metadata must be a build number (1.2.0+7) or left out; found '"
              + version
              + "'");
    }
    long fromBuild = version.buildNumber().getAsLong();
    if (versionCode != null && versionCode != fromBuild) {
      throw usage.error(
          "--version "
              + version
              + " carries build number "
              + fromBuild
              + " but --version-code is "
              + versionCode);
    }
    return fromBuild;
  }

  private static Version.Bump bump(UsageErrors usage, String text) {
    try {
      return Version.Bump.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage.error("--bump: expected patch, minor or major, found '" + text + "'");
    }
  }

  /**
   * The version and code, reading the newest release of the app on {@code platform} when {@code
   * --bump} or a default code needs it.
   *
   * @throws CommandFailedException for {@code --bump} without a release to bump from, or a newest
   *     code that leaves no room for +1
   */
  Numbered resolve(PetrelApi api, AppOption app, Platform platform) {
    if (bump == null && versionCode != null) {
      return new Numbered(requested, versionCode);
    }
    JsonNode newest = newest(api, app, platform);
    Version version = requested;
    if (bump != null) {
      if (newest == null) {
        throw new CommandFailedException(
            "--bump: "
                + app.id()
                + " has no release on "
                + platform
                + " yet to bump from; give the first version with --version");
      }
      version = Version.parse("version", newest.path("version").asText()).core().bump(bump);
    }
    long code = versionCode != null ? versionCode : newest == null ? 1 : nextCode(newest);
    return new Numbered(version, code);
  }

  /** The newest release of the app on {@code platform} (highest version code), or null. */
  private static JsonNode newest(PetrelApi api, AppOption app, Platform platform) {
    JsonNode releases =
        api.get(
                app.path()
                    + "/releases?platform="
                    + PetrelApi.segment(platform.name())
                    + "&limit=1")
            .path("releases");
    return releases.isEmpty() ? null : releases.get(0);
  }

  private static long nextCode(JsonNode newest) {
    long code = newest.path("version_code").asLong();
    if (code >= ReleaseStatement.MAX_INTEGER) {
      throw new CommandFailedException(
          "the newest release has version code " + code + "; give --version-code");
    }
    return code + 1;
  }
}
