package dev.petrel.server;

import dev.petrel.server.deltas.DeltaSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a server needs to start. {@link #resolve} takes each setting from its command-line
 * flag, else its environment variable, else the default.
 *
 * @param host the address to listen on (default {@code 127.0.0.1})
 * @param port the port (default 8080; 0 picks a free one)
 * @param dataDir where SQLite and artifacts live (default {@code ./petrel-data})
 * @param databaseUrl a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL (default SQLite in
 *     {@code dataDir})
 * @param publicUrl the base of download URLs handed to devices, without a trailing slash, or null
 *     to use {@code http://host:port}
 * @param adminToken a bootstrap admin token, or null
 * @param maxUploadBytes the largest artifact accepted (default 2 GiB)
 * @param telemetryQueue how many check events may wait to be written before new ones are shed, and
 *     how many client events may wait before event requests are refused with 503 (two queues)
 * @param cataloguePollMillis how often to look for catalogue changes made by other nodes (the
 *     fallback on PostgreSQL, where LISTEN/NOTIFY tells at once; the only way on SQLite)
 * @param storage where artifacts are stored and how downloads are answered (default: files under
 *     {@code dataDir/artifacts}, streamed)
 * @param deltas how patches between releases are planned and made
 * @param telemetryRetentionDays how many days raw {@code update_checks} and {@code client_events}
 *     rows are kept (default 14); the daily aggregates the figures read are kept beyond that
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String databaseUrl,
    String publicUrl,
    String adminToken,
    long maxUploadBytes,
    int telemetryQueue,
    long cataloguePollMillis,
    ArtifactStorage storage,
    DeltaSettings deltas,
    int telemetryRetentionDays) {

  /** Raw telemetry rows are kept 14 days by default. */
  public static final int DEFAULT_RETENTION_DAYS = 14;

  /** 2 GiB. */
  public static final long DEFAULT_MAX_UPLOAD = 2L * 1024 * 1024 * 1024;

  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,15})\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)");

  /** Requires a storage and a delta configuration. */
  public ServerConfig {
    if (storage == null) {
      throw new IllegalArgumentException("storage: expected a configuration, found null");
    }
    if (deltas == null) {
      throw new IllegalArgumentException("deltas: expected a configuration, found null");
    }
  }

  /** A configuration with files under {@code dataDir/artifacts} and default deltas. */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      String databaseUrl,
      String publicUrl,
      String adminToken,
      long maxUploadBytes,
      int telemetryQueue,
      long cataloguePollMillis,
      int telemetryRetentionDays) {
    this(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        maxUploadBytes,
        telemetryQueue,
        cataloguePollMillis,
        ArtifactStorage.FILE_SYSTEM,
        DeltaSettings.DEFAULTS,
        telemetryRetentionDays);
  }

  /** A configuration keeping raw telemetry the default 14 days. */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      String databaseUrl,
      String publicUrl,
      String adminToken,
      long maxUploadBytes,
      int telemetryQueue,
      long cataloguePollMillis,
      ArtifactStorage storage,
      DeltaSettings deltas) {
    this(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        maxUploadBytes,
        telemetryQueue,
        cataloguePollMillis,
        storage,
        deltas,
        DEFAULT_RETENTION_DAYS);
  }

  /** A configuration with the default delta settings. */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      String databaseUrl,
      String publicUrl,
      String adminToken,
      long maxUploadBytes,
      int telemetryQueue,
      long cataloguePollMillis,
      ArtifactStorage storage) {
    this(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        maxUploadBytes,
        telemetryQueue,
        cataloguePollMillis,
        storage,
        DeltaSettings.DEFAULTS,
        DEFAULT_RETENTION_DAYS);
  }

  /** A configuration that keeps artifacts in {@code dataDir/artifacts} and streams downloads. */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      String databaseUrl,
      String publicUrl,
      String adminToken,
      long maxUploadBytes,
      int telemetryQueue,
      long cataloguePollMillis) {
    this(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        maxUploadBytes,
        telemetryQueue,
        cataloguePollMillis,
        ArtifactStorage.FILE_SYSTEM,
        DeltaSettings.DEFAULTS,
        DEFAULT_RETENTION_DAYS);
  }

  /** One setting: its flag, its environment variable, its default. */
  record Setting(String flag, String env) {
    String describe() {
      return env == null ? flag : flag + " / " + env;
    }
  }

  private static final Setting HOST = new Setting("--host", "PETREL_HOST");
  private static final Setting PORT = new Setting("--port", "PETREL_PORT");
  private static final Setting DATA_DIR = new Setting("--data-dir", "PETREL_DATA_DIR");
  private static final Setting DATABASE_URL = new Setting("--database-url", "PETREL_DATABASE_URL");
  private static final Setting PUBLIC_URL = new Setting("--public-url", "PETREL_PUBLIC_URL");
  private static final Setting ADMIN_TOKEN =
      new Setting("PETREL_ADMIN_TOKEN", "PETREL_ADMIN_TOKEN");
  private static final Setting MAX_UPLOAD =
      new Setting("--max-upload-size", "PETREL_MAX_UPLOAD_SIZE");
  private static final Setting TELEMETRY_QUEUE =
      new Setting("--telemetry-queue", "PETREL_TELEMETRY_QUEUE");
  private static final Setting CATALOGUE_POLL =
      new Setting("--catalogue-poll-ms", "PETREL_CATALOGUE_POLL_MS");
  private static final Setting RETENTION =
      new Setting("--telemetry-retention-days", "PETREL_TELEMETRY_RETENTION_DAYS");

  /**
   * Resolves the configuration.
   *
   * @param flags values given on the command line, keyed by flag ({@code --port}); absent or null
   *     when not given
   * @param env the environment
   * @throws ConfigException naming the first invalid setting and its expected form
   */
  public static ServerConfig resolve(Map<String, String> flags, Map<String, String> env) {
    String host = pick(HOST, flags, env, "127.0.0.1");
    if (host.isBlank() || host.length() > 255) {
      throw invalid(HOST, "a host name or IP address to listen on", host);
    }
    int port =
        (int) number(PORT, pick(PORT, flags, env, "8080"), 0, 65_535, "an integer from 0 to 65535");
    Path dataDir = path(DATA_DIR, pick(DATA_DIR, flags, env, "petrel-data"));
    String databaseUrl = pick(DATABASE_URL, flags, env, null);
    if (databaseUrl == null) {
      databaseUrl = "jdbc:sqlite:" + dataDir.resolve("petrel.db");
    } else if (!databaseUrl.startsWith("jdbc:sqlite:")
        && !databaseUrl.startsWith("jdbc:postgresql:")) {
      throw invalid(DATABASE_URL, "a jdbc:sqlite: or jdbc:postgresql: URL", databaseUrl);
    }
    String publicUrl = publicUrl(pick(PUBLIC_URL, flags, env, null));
    String adminToken = pick(ADMIN_TOKEN, Map.of(), env, null);
    if (adminToken != null
        && (adminToken.length() < 32 || adminToken.length() > 256 || adminToken.isBlank())) {
      throw new ConfigException(
          "PETREL_ADMIN_TOKEN: expected 32 to 256 characters (use a long random value), found "
              + adminToken.length()
              + " characters");
    }
    long maxUpload = size(MAX_UPLOAD, pick(MAX_UPLOAD, flags, env, null));
    int queue =
        (int)
            number(
                TELEMETRY_QUEUE,
                pick(TELEMETRY_QUEUE, flags, env, "100000"),
                1,
                10_000_000,
                "an integer from 1 to 10000000");
    long poll =
        number(
            CATALOGUE_POLL,
            pick(CATALOGUE_POLL, flags, env, "2000"),
            100,
            3_600_000,
            "milliseconds from 100 to 3600000");
    ArtifactStorage storage = ArtifactStorage.resolve(flags, env);
    DeltaSettings deltas = DeltaOptions.resolve(flags, env);
    int retention =
        (int)
            number(
                RETENTION,
                pick(RETENTION, flags, env, "" + DEFAULT_RETENTION_DAYS),
                1,
                3650,
                "a number of days from 1 to 3650");
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        maxUpload,
        queue,
        poll,
        storage,
        deltas,
        retention);
  }

  /** This configuration with another artifact size limit. */
  public ServerConfig withMaxUploadBytes(long bytes) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        bytes,
        telemetryQueue,
        cataloguePollMillis,
        storage,
        deltas,
        telemetryRetentionDays);
  }

  /** This configuration with another bootstrap admin token (null for none). */
  public ServerConfig withAdminToken(String token) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        token,
        maxUploadBytes,
        telemetryQueue,
        cataloguePollMillis,
        storage,
        deltas,
        telemetryRetentionDays);
  }

  /** This configuration with another telemetry queue capacity. */
  public ServerConfig withTelemetryQueue(int events) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        maxUploadBytes,
        events,
        cataloguePollMillis,
        storage,
        deltas,
        telemetryRetentionDays);
  }

  /** This configuration for a second node on the same database: port 0, its own data directory. */
  public ServerConfig asAnotherNode(Path otherDataDir, long pollMillis) {
    return new ServerConfig(
        host,
        0,
        otherDataDir,
        databaseUrl,
        null,
        adminToken,
        maxUploadBytes,
        telemetryQueue,
        pollMillis,
        storage,
        deltas,
        telemetryRetentionDays);
  }

  /** This configuration with another artifact storage. */
  public ServerConfig withStorage(ArtifactStorage otherStorage) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        maxUploadBytes,
        telemetryQueue,
        cataloguePollMillis,
        otherStorage,
        deltas,
        telemetryRetentionDays);
  }

  /** This configuration with another retention of raw telemetry rows. */
  public ServerConfig withTelemetryRetentionDays(int days) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        maxUploadBytes,
        telemetryQueue,
        cataloguePollMillis,
        storage,
        deltas,
        days);
  }

  /** This configuration with other delta settings. */
  public ServerConfig withDeltas(DeltaSettings otherDeltas) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        publicUrl,
        adminToken,
        maxUploadBytes,
        telemetryQueue,
        cataloguePollMillis,
        storage,
        otherDeltas,
        telemetryRetentionDays);
  }

  static String pick(
      Setting setting, Map<String, String> flags, Map<String, String> env, String fallback) {
    String flag = flags.get(setting.flag());
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get(setting.env());
    return fromEnv != null && !fromEnv.isEmpty() ? fromEnv : fallback;
  }

  static long number(Setting setting, String text, long min, long max, String expected) {
    try {
      long value = Long.parseLong(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(setting, expected, text);
  }

  private static Path path(Setting setting, String text) {
    try {
      return Path.of(text).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalid(setting, "a directory path", text);
    }
  }

  private static String publicUrl(String text) {
    return httpUrl(PUBLIC_URL, text);
  }

  /** An http(s) URL without query or fragment, its trailing slash removed; null stays null. */
  static String httpUrl(Setting setting, String text) {
    if (text == null) {
      return null;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw invalid(setting, "an http(s) URL such as https://updates.example.com", text);
  }

  /** Parses {@code 2GiB}, {@code 500MB}, {@code 1048576}; K, M, G and T without B are binary. */
  static long size(Setting setting, String text) {
    if (text == null) {
      return DEFAULT_MAX_UPLOAD;
    }
    Matcher matcher = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      long unit =
          switch (matcher.group(2)) {
            case "", "b" -> 1L;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            default -> 1L << 40;
          };
      if (amount > 0 && amount <= Long.MAX_VALUE / unit) {
        return amount * unit;
      }
    }
    throw invalid(setting, "a positive size such as 2GiB, 500MB or 1048576", text);
  }

  static ConfigException invalid(Setting setting, String expected, String found) {
    return new ConfigException(
        setting.describe() + ": expected " + expected + ", found '" + found + "'");
  }
}
