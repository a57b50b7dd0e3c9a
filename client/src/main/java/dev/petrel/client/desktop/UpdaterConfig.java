package dev.petrel.client.desktop;

import dev.petrel.client.desktop.internal.AtomicFiles;
import dev.petrel.client.desktop.internal.JsonObject;
import dev.petrel.client.desktop.internal.JsonWriter;
import dev.petrel.client.internal.GitHubRepo;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The updater's settings, {@code updater_config.json} in the app directory: the seed's keys plus
 * where to look for updates and what to trust. Read strictly (unknown keys, wrong types and values
 * out of range are errors naming the key, what was expected and what was found) and written
 * atomically. Immutable; change it with the {@code with…} methods or the canonical constructor.
 *
 * @param app the app id on the server (required)
 * @param platform the platform releases are built for; default from the OS ({@code linux}, {@code
 *     windows}, {@code macos})
 * @param servers Petrel servers, asked in order (http or https URLs)
 * @param github GitHub repositories ({@code OWNER/REPO}) whose releases {@code petrel publish
 *     --github} made, asked after the servers
 * @param githubApi the GitHub REST API they are read from; default {@code https://api.github.com}
 *     (a GitHub Enterprise server's is {@code https://HOST/api/v3})
 * @param feeds signed static feed URLs, asked after the servers and GitHub; servers, GitHub
 *     repositories and feeds together ≥ 1
 * @param publicKeys pinned release public keys (base64), at least one
 * @param autoCheck check on a schedule; default true
 * @param checkIntervalHours hours between scheduled checks, 1..720; default 6
 * @param checkJitterMinutes up to this many random minutes added to each interval, 0..720; default
 *     30
 * @param autoDownload download an offered update in the background; default true
 * @param autoInstall install a downloaded update without asking; default false
 * @param backupBeforeUpdate keep older versions as backups; default true
 * @param maxBackups older versions kept, 0..50; default 5
 * @param updateChannel {@code stable} (default), {@code beta}, {@code alpha}, or a channel the app
 *     defines on its server (e.g. {@code internal})
 * @param notifications tell the user about updates; default true
 * @param rollbackEnabled allow a user's rollback; default true
 * @param healthTimeoutSeconds seconds a new version has to report healthy, 5..3600; default 120
 */
public record UpdaterConfig(
    String app,
    String platform,
    List<URI> servers,
    List<String> github,
    URI githubApi,
    List<URI> feeds,
    List<String> publicKeys,
    boolean autoCheck,
    int checkIntervalHours,
    int checkJitterMinutes,
    boolean autoDownload,
    boolean autoInstall,
    boolean backupBeforeUpdate,
    int maxBackups,
    String updateChannel,
    boolean notifications,
    boolean rollbackEnabled,
    int healthTimeoutSeconds) {
  /** The file's name in the app directory. */
  public static final String FILE_NAME = "updater_config.json";

  private static final int MAX_BYTES = 256 * 1024;

  /** Validates every setting; see the parameter list for bounds. */
  public UpdaterConfig {
    AppId.parse("app", app);
    Platform.parse("platform", platform);
    servers = List.copyOf(servers);
    github = List.copyOf(github);
    feeds = List.copyOf(feeds);
    publicKeys = List.copyOf(publicKeys);
    servers.forEach(uri -> requireHttp("servers", uri));
    requireHttp("github_api", githubApi);
    for (String repo : github) {
      try {
        GitHubRepo.parse("github", repo, githubApi);
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("github", e.getMessage());
      }
    }
    feeds.forEach(uri -> requireHttp("feeds", uri));
    if (servers.isEmpty() && github.isEmpty() && feeds.isEmpty()) {
      throw new InvalidValueException(
          "servers", "servers: expected at least one server, GitHub repository or feed, got none");
    }
    if (publicKeys.isEmpty()) {
      throw new InvalidValueException(
          "public_keys", "public_keys: expected at least one pinned release key, got none");
    }
    range("check_interval_hours", checkIntervalHours, 1, 720);
    range("check_jitter_minutes", checkJitterMinutes, 0, 720);
    range("max_backups", maxBackups, 0, 50);
    range("health_timeout_seconds", healthTimeoutSeconds, 5, 3600);
    Channel.parse("update_channel", updateChannel);
  }

  /** A config with the defaults for everything but where to look and what to trust. */
  public static UpdaterConfig defaults(String app, List<URI> servers, List<String> publicKeys) {
    return new UpdaterConfig(
        app,
        osPlatform(),
        servers,
        List.of(),
        GitHubRepo.GITHUB_API,
        List.of(),
        publicKeys,
        true,
        6,
        30,
        true,
        false,
        true,
        5,
        "stable",
        true,
        true,
        120);
  }

  /** The platform name of this OS: {@code windows}, {@code macos} or {@code linux}. */
  public static String osPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return "windows";
    }
    return os.contains("mac") ? "macos" : "linux";
  }

  /** The scheduled check interval. */
  public Duration checkInterval() {
    return Duration.ofHours(checkIntervalHours);
  }

  /** How long a new version has to report healthy. */
  public Duration healthTimeout() {
    return Duration.ofSeconds(healthTimeoutSeconds);
  }

  /** Reads {@code updater_config.json} of {@code dir}. */
  public static UpdaterConfig read(AppDirectory dir) throws IOException {
    return read(dir.configFile());
  }

  /**
   * Reads and validates a config file.
   *
   * @throws InvalidValueException naming the file, the key, what was expected and what was found
   */
  public static UpdaterConfig read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new InvalidValueException(
          FILE_NAME, file + ": expected at most " + MAX_BYTES + " bytes");
    }
    return parse(file.toString(), Files.readAllBytes(file));
  }

  /** Parses and validates config JSON; {@code what} names it in errors. */
  public static UpdaterConfig parse(String what, byte[] json) {
    JsonObject o = JsonObject.parse(what, json);
    try {
      UpdaterConfig config =
          new UpdaterConfig(
              o.string("app", 64),
              o.string("platform", 32, osPlatform()),
              uris(o, "servers"),
              o.strings("github", 16, 141),
              uri(o, "github_api", GitHubRepo.GITHUB_API),
              uris(o, "feeds"),
              o.strings("public_keys", 16, 128),
              o.bool("auto_check", true),
              (int) o.integer("check_interval_hours", 1, 720, 6),
              (int) o.integer("check_jitter_minutes", 0, 720, 30),
              o.bool("auto_download", true),
              o.bool("auto_install", false),
              o.bool("backup_before_update", true),
              (int) o.integer("max_backups", 0, 50, 5),
              o.string("update_channel", 16, "stable"),
              o.bool("notifications", true),
              o.bool("rollback_enabled", true),
              (int) o.integer("health_timeout_seconds", 5, 3600, 120));
      o.requireNoOtherKeys();
      return config;
    } catch (InvalidValueException e) {
      if (e.getMessage().startsWith(what)) {
        throw e;
      }
      throw new InvalidValueException(e.field(), what + ": " + e.getMessage());
    }
  }

  /** Writes this config to {@code dir}'s {@code updater_config.json} atomically. */
  public void write(AppDirectory dir) throws IOException {
    AtomicFiles.write(dir.configFile(), JsonWriter.write(toJson()));
  }

  /** The JSON object of this config, keys in the documented order. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("app", app);
    json.put("platform", platform);
    json.put("servers", strings(servers));
    json.put("github", new ArrayList<Object>(github));
    json.put("github_api", githubApi.toString());
    json.put("feeds", strings(feeds));
    json.put("public_keys", publicKeys);
    json.put("auto_check", autoCheck);
    json.put("check_interval_hours", (long) checkIntervalHours);
    json.put("check_jitter_minutes", (long) checkJitterMinutes);
    json.put("auto_download", autoDownload);
    json.put("auto_install", autoInstall);
    json.put("backup_before_update", backupBeforeUpdate);
    json.put("max_backups", (long) maxBackups);
    json.put("update_channel", updateChannel);
    json.put("notifications", notifications);
    json.put("rollback_enabled", rollbackEnabled);
    json.put("health_timeout_seconds", (long) healthTimeoutSeconds);
    return json;
  }

  private static List<URI> uris(JsonObject o, String key) {
    List<URI> uris = new ArrayList<>();
    for (String text : o.strings(key, 16, 2048)) {
      try {
        uris.add(new URI(text));
      } catch (URISyntaxException e) {
        throw o.mismatch(key, "http or https URLs", text);
      }
    }
    return uris;
  }

  private static URI uri(JsonObject o, String key, URI fallback) {
    if (!o.has(key)) {
      return fallback;
    }
    String text = o.string(key, 2048);
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw o.mismatch(key, "an http or https URL", text);
    }
  }

  private static List<Object> strings(List<URI> uris) {
    List<Object> out = new ArrayList<>();
    uris.forEach(uri -> out.add(uri.toString()));
    return out;
  }

  private static void requireHttp(String key, URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new InvalidValueException(
          key, key + ": expected http or https URLs, got '" + uri + "'");
    }
  }

  private static void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidValueException(
          key, key + ": expected an integer " + min + ".." + max + ", got " + value);
    }
  }
}
