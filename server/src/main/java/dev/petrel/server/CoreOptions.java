package dev.petrel.server;

import java.nio.file.Path;

/**
 * Reads the server's own settings from flags and the environment and asks each feature's resolver
 * for its settings; {@link ServerConfig#resolve} is its public face.
 */
final class CoreOptions {
  static final Setting HOST = new Setting("--host", "PETREL_HOST");
  static final Setting PORT = new Setting("--port", "PETREL_PORT");
  static final Setting DATA_DIR = new Setting("--data-dir", "PETREL_DATA_DIR");
  static final Setting DATABASE_URL = new Setting("--database-url", "PETREL_DATABASE_URL");
  static final Setting PUBLIC_URL = new Setting("--public-url", "PETREL_PUBLIC_URL");
  static final Setting ADMIN_TOKEN = Setting.envOnly("PETREL_ADMIN_TOKEN");
  static final Setting MAX_UPLOAD = new Setting("--max-upload-size", "PETREL_MAX_UPLOAD_SIZE");
  static final Setting CATALOGUE_POLL =
      new Setting("--catalogue-poll-ms", "PETREL_CATALOGUE_POLL_MS");
  static final Setting CHECK_REHEARSAL = new Setting("--check-rehearsal", "PETREL_CHECK_REHEARSAL");

  private CoreOptions() {}

  /** Resolves every setting; the first invalid one stops it with a {@link ConfigException}. */
  static ServerConfig resolve(ConfigSource source) {
    String host = host(source);
    int port =
        (int)
            source.number(PORT, ServerConfig.DEFAULT_PORT, 0, 65_535, "an integer from 0 to 65535");
    Path dataDir = source.path(DATA_DIR, ServerConfig.DEFAULT_DATA_DIR);
    return ServerConfig.builder()
        .host(host)
        .port(port)
        .dataDir(dataDir)
        .databaseUrl(databaseUrl(source))
        .publicUrl(source.httpUrl(PUBLIC_URL))
        .adminToken(adminToken(source))
        .maxUploadBytes(source.size(MAX_UPLOAD, ServerConfig.DEFAULT_MAX_UPLOAD))
        .telemetry(TelemetryOptions.resolve(source))
        .cataloguePollMillis(
            source.number(
                CATALOGUE_POLL,
                ServerConfig.DEFAULT_CATALOGUE_POLL_MILLIS,
                100,
                3_600_000,
                "milliseconds from 100 to 3600000"))
        .checkRehearsal(
            (int)
                source.number(
                    CHECK_REHEARSAL,
                    ServerConfig.DEFAULT_CHECK_REHEARSAL,
                    0,
                    ServerConfig.MAX_CHECK_REHEARSAL,
                    "a number of checks from 0 to " + ServerConfig.MAX_CHECK_REHEARSAL))
        .storage(ArtifactStorage.resolve(source))
        .deltas(DeltaOptions.resolve(source))
        .build();
  }

  private static String host(ConfigSource source) {
    String host = source.text(HOST, ServerConfig.DEFAULT_HOST);
    if (host.isBlank() || host.length() > 255) {
      throw HOST.invalid("a host name or IP address to listen on", host);
    }
    return host;
  }

  /** The given JDBC URL, or null to let the builder put SQLite in the data directory. */
  private static String databaseUrl(ConfigSource source) {
    String url = source.text(DATABASE_URL, null);
    if (url != null && !url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      throw DATABASE_URL.invalid("a jdbc:sqlite: or jdbc:postgresql: URL", url);
    }
    return url;
  }

  /** Read from the environment only, so the secret stays out of process listings. */
  private static String adminToken(ConfigSource source) {
    String token = source.text(ADMIN_TOKEN, null);
    if (token != null && (token.length() < 32 || token.length() > 256 || token.isBlank())) {
      throw new ConfigException(
          "PETREL_ADMIN_TOKEN: expected 32 to 256 characters (use a long random value), found "
              + token.length()
              + " characters");
    }
    return token;
  }
}
