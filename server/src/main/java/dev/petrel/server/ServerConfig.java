package dev.petrel.server;

import dev.petrel.server.deltas.DeltaSettings;
import dev.petrel.server.telemetry.TelemetrySettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a server needs to start: a few settings of the server itself and one settings record
 * per feature. Immutable. Make one with {@link #resolve} (from flags and the environment, as {@code
 * petrel serve} does) or {@link #builder()} (every setting at its default); change one with {@link
 * #toBuilder()}.
 *
 * <p>A feature's settings are a record of their own with their defaults (like {@link
 * TelemetrySettings}), read from flags and the environment by a resolver next to this class (like
 * {@code TelemetryOptions}); here they take one component, and in the {@link Builder} a field with
 * its default, a setter and a line in the copy and in {@link Builder#build()}.
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
 * @param cataloguePollMillis how often to look for catalogue changes made by other nodes (the
 *     fallback on PostgreSQL, where LISTEN/NOTIFY tells at once; the only way on SQLite; default
 *     2000)
 * @param checkRehearsal how many checks a start sends itself in-process before it listens, so that
 *     its check path is compiled before devices arrive (default 20000; 0 sends none; at most 10 s
 *     are spent at the lowest priority and 10 s more at the node's own)
 * @param storage where artifacts are stored and how downloads are answered (default: files under
 *     {@code dataDir/artifacts}, streamed)
 * @param deltas how patches between releases are planned and made
 * @param telemetry how device telemetry is buffered and how long its raw rows are kept
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String databaseUrl,
    String publicUrl,
    String adminToken,
    long maxUploadBytes,
    long cataloguePollMillis,
    int checkRehearsal,
    ArtifactStorage storage,
    DeltaSettings deltas,
    TelemetrySettings telemetry) {

  /** Listens on loopback only unless told otherwise. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Port 8080. */
  public static final int DEFAULT_PORT = 8080;

  /** {@code petrel-data}, relative to the working directory. */
  public static final String DEFAULT_DATA_DIR = "petrel-data";

  /** 2 GiB. */
  public static final long DEFAULT_MAX_UPLOAD = 2L * 1024 * 1024 * 1024;

  /** Other nodes' catalogue changes are looked for every 2 seconds. */
  public static final long DEFAULT_CATALOGUE_POLL_MILLIS = 2000;

  /** A start rehearses 20 000 checks (docs/BENCHMARKS.md, "The restart"). */
  public static final int DEFAULT_CHECK_REHEARSAL = 20_000;

  /** The most checks a start may rehearse. */
  public static final int MAX_CHECK_REHEARSAL = 1_000_000;

  /**
   * Checks that every setting is there and in range.
   *
   * @throws IllegalArgumentException naming the first missing or out-of-range component
   */
  public ServerConfig {
    require(host, "host");
    require(dataDir, "dataDir");
    require(databaseUrl, "databaseUrl");
    require(storage, "storage");
    require(deltas, "deltas");
    require(telemetry, "telemetry");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: expected 0 to 65535, found " + port);
    }
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException(
          "maxUploadBytes: expected a positive size, found " + maxUploadBytes);
    }
    if (cataloguePollMillis < 1) {
      throw new IllegalArgumentException(
          "cataloguePollMillis: expected a positive interval, found " + cataloguePollMillis);
    }
    if (checkRehearsal < 0 || checkRehearsal > MAX_CHECK_REHEARSAL) {
      throw new IllegalArgumentException(
          "checkRehearsal: expected 0 to " + MAX_CHECK_REHEARSAL + ", found " + checkRehearsal);
    }
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": expected a value, found null");
    }
  }

  /**
   * Resolves the configuration, each setting from its command-line flag, else its environment
   * variable, else its default.
   *
   * @param flags values given on the command line, keyed by flag ({@code --port}); absent or null
   *     when not given
   * @param env the environment
   * @throws ConfigException naming the first invalid setting and its expected form
   */
  public static ServerConfig resolve(Map<String, String> flags, Map<String, String> env) {
    return CoreOptions.resolve(new ConfigSource(flags, env));
  }

  /** A builder with every setting at its default, as {@link #resolve} gives with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration, to change some of its settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link ServerConfig}. Every setting starts at its default; setters replace one and
   * return this builder. Not thread-safe.
   */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private Path dataDir = Path.of(DEFAULT_DATA_DIR).toAbsolutePath().normalize();
    private String databaseUrl;
    private String publicUrl;
    private String adminToken;
    private long maxUploadBytes = DEFAULT_MAX_UPLOAD;
    private long cataloguePollMillis = DEFAULT_CATALOGUE_POLL_MILLIS;
    private int checkRehearsal = DEFAULT_CHECK_REHEARSAL;
    private ArtifactStorage storage = ArtifactStorage.FILE_SYSTEM;
    private DeltaSettings deltas = DeltaSettings.DEFAULTS;
    private TelemetrySettings telemetry = TelemetrySettings.DEFAULTS;

    private Builder() {}

    private Builder(ServerConfig config) {
      host = config.host;
      port = config.port;
      dataDir = config.dataDir;
      databaseUrl = config.databaseUrl;
      publicUrl = config.publicUrl;
      adminToken = config.adminToken;
      maxUploadBytes = config.maxUploadBytes;
      cataloguePollMillis = config.cataloguePollMillis;
      checkRehearsal = config.checkRehearsal;
      storage = config.storage;
      deltas = config.deltas;
      telemetry = config.telemetry;
    }

    /** The address to listen on. */
    public Builder host(String address) {
      host = address;
      return this;
    }

    /** The port to listen on; 0 picks a free one. */
    public Builder port(int number) {
      port = number;
      return this;
    }

    /** Where SQLite and file-system artifacts live. */
    public Builder dataDir(Path directory) {
      dataDir = directory;
      return this;
    }

    /**
     * The database; null (the default) means SQLite in {@code petrel.db} of the data directory as
     * it is when {@link #build()} is called.
     */
    public Builder databaseUrl(String jdbcUrl) {
      databaseUrl = jdbcUrl;
      return this;
    }

    /** The base of download URLs handed to devices, without a trailing slash, or null. */
    public Builder publicUrl(String baseUrl) {
      publicUrl = baseUrl;
      return this;
    }

    /** The bootstrap admin token, or null for none. */
    public Builder adminToken(String token) {
      adminToken = token;
      return this;
    }

    /** The largest artifact accepted, in bytes. */
    public Builder maxUploadBytes(long bytes) {
      maxUploadBytes = bytes;
      return this;
    }

    /** How often to look for catalogue changes made by other nodes. */
    public Builder cataloguePollMillis(long millis) {
      cataloguePollMillis = millis;
      return this;
    }

    /** How many checks a start sends itself before it listens; 0 for none. */
    public Builder checkRehearsal(int checks) {
      checkRehearsal = checks;
      return this;
    }

    /** Where artifacts are stored and how downloads are answered. */
    public Builder storage(ArtifactStorage settings) {
      storage = settings;
      return this;
    }

    /** How patches between releases are planned and made. */
    public Builder deltas(DeltaSettings settings) {
      deltas = settings;
      return this;
    }

    /** How device telemetry is buffered and kept. */
    public Builder telemetry(TelemetrySettings settings) {
      telemetry = settings;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException as {@link ServerConfig#ServerConfig} does
     */
    public ServerConfig build() {
      String database =
          databaseUrl != null || dataDir == null
              ? databaseUrl
              : "jdbc:sqlite:" + dataDir.resolve("petrel.db");
      return new ServerConfig(
          host,
          port,
          dataDir,
          database,
          publicUrl,
          adminToken,
          maxUploadBytes,
          cataloguePollMillis,
          checkRehearsal,
          storage,
          deltas,
          telemetry);
    }
  }
}
