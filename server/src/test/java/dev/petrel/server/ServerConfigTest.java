package dev.petrel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.server.deltas.DeltaSettings;
import dev.petrel.server.telemetry.TelemetrySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {

  @Test
  void defaultsServeLocallyFromPetrelData() {
    ServerConfig config = ServerConfig.resolve(Map.of(), Map.of());

    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.dataDir()).isEqualTo(Path.of("petrel-data").toAbsolutePath());
    assertThat(config.databaseUrl())
        .isEqualTo("jdbc:sqlite:" + config.dataDir().resolve("petrel.db"));
    assertThat(config.maxUploadBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(config.publicUrl()).isNull();
    assertThat(config.adminToken()).isNull();
    assertThat(config.telemetry().retentionDays()).isEqualTo(14);
    assertThat(config.cataloguePollMillis()).isEqualTo(2000);
    assertThat(config.checkRehearsal()).isEqualTo(20_000);
    assertThat(config.telemetry().queue()).isEqualTo(100_000);
    assertThat(config.storage()).isEqualTo(ArtifactStorage.FILE_SYSTEM);
    assertThat(config.deltas()).isEqualTo(DeltaSettings.DEFAULTS);
  }

  @Test
  void theBuilderStartsAtTheDefaultsResolveGivesWithNothingSet() {
    assertThat(ServerConfig.builder().build()).isEqualTo(ServerConfig.resolve(Map.of(), Map.of()));
  }

  @Test
  void toBuilderChangesOnlyWhatIsSetAndKeepsTheDatabase() {
    ServerConfig config = ServerConfig.resolve(Map.of("--port", "9000"), Map.of());

    ServerConfig other = config.toBuilder().dataDir(Path.of("/srv/other")).build();

    assertThat(other.dataDir()).isEqualTo(Path.of("/srv/other"));
    assertThat(other.databaseUrl()).isEqualTo(config.databaseUrl());
    assertThat(other.toBuilder().dataDir(config.dataDir()).build()).isEqualTo(config);
  }

  @Test
  void theBuilderPutsSqliteInTheDataDirectoryWhenNoDatabaseIsGiven() {
    ServerConfig config = ServerConfig.builder().dataDir(Path.of("/srv/petrel")).build();

    assertThat(config.databaseUrl())
        .isEqualTo("jdbc:sqlite:" + Path.of("/srv/petrel").resolve("petrel.db"));
  }

  @Test
  void theBuilderRefusesMissingOrOutOfRangeSettings() {
    assertThatThrownBy(() -> ServerConfig.builder().port(70_000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: expected 0 to 65535, found 70000");
    assertThatThrownBy(() -> ServerConfig.builder().storage(null).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storage: expected a value, found null");
    assertThatThrownBy(() -> new TelemetrySettings(100, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retentionDays: expected at least 1 day, found 0");
  }

  @Test
  void deltaSettingsComeFromTheirFlagsOrVariables() {
    DeltaSettings deltas =
        ServerConfig.resolve(
                Map.of("--deltas", "off", "--delta-heap", "256MiB"),
                Map.of("PETREL_DELTA_FROM_EARLIER", "5", "PETREL_DELTA_TIMEOUT", "60"))
            .deltas();

    assertThat(deltas)
        .isEqualTo(new DeltaSettings(false, 5, 5, 256L << 20, Duration.ofSeconds(60)));
  }

  @Test
  void theRetentionComesFromItsFlagOrVariable() {
    assertThat(
            ServerConfig.resolve(Map.of(), Map.of("PETREL_TELEMETRY_RETENTION_DAYS", "30"))
                .telemetry()
                .retentionDays())
        .isEqualTo(30);
    assertThat(
            ServerConfig.resolve(Map.of("--telemetry-retention-days", "7"), Map.of())
                .telemetry()
                .retentionDays())
        .isEqualTo(7);
  }

  @Test
  void flagsWinOverEnvironmentWhichWinsOverDefaults() {
    Map<String, String> flags = new HashMap<>();
    flags.put("--port", "9001");
    flags.put("--host", null);
    Map<String, String> env =
        Map.of(
            "PETREL_PORT",
            "9000",
            "PETREL_HOST",
            "0.0.0.0",
            "PETREL_PUBLIC_URL",
            "https://updates.example.com/");

    ServerConfig config = ServerConfig.resolve(flags, env);

    assertThat(config.port()).isEqualTo(9001);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.publicUrl()).isEqualTo("https://updates.example.com");
  }

  @ParameterizedTest
  @CsvSource({
    "2GiB,2147483648",
    "500MB,500000000",
    "1048576,1048576",
    "64m,67108864",
    "10 KiB,10240"
  })
  void parsesUploadSizes(String text, long bytes) {
    assertThat(ServerConfig.resolve(Map.of("--max-upload-size", text), Map.of()).maxUploadBytes())
        .isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--port|http|--port / PETREL_PORT: expected an integer from 0 to 65535, found 'http'",
        "--port|70000|--port / PETREL_PORT: expected an integer from 0 to 65535, found '70000'",
        "--database-url|mysql://x|--database-url / PETREL_DATABASE_URL: expected a jdbc:sqlite: or jdbc:postgresql: URL, found 'mysql://x'",
        "--public-url|updates.example.com|--public-url / PETREL_PUBLIC_URL: expected an http(s) URL such as https://updates.example.com, found 'updates.example.com'",
        "--max-upload-size|lots|--max-upload-size / PETREL_MAX_UPLOAD_SIZE: expected a positive size such as 2GiB, 500MB or 1048576, found 'lots'",
        "--max-upload-size|0|--max-upload-size / PETREL_MAX_UPLOAD_SIZE: expected a positive size such as 2GiB, 500MB or 1048576, found '0'",
        "--telemetry-retention-days|0|--telemetry-retention-days / PETREL_TELEMETRY_RETENTION_DAYS: expected a number of days from 1 to 3650, found '0'",
        "--telemetry-queue|0|--telemetry-queue / PETREL_TELEMETRY_QUEUE: expected an integer from 1 to 10000000, found '0'",
        "--catalogue-poll-ms|50|--catalogue-poll-ms / PETREL_CATALOGUE_POLL_MS: expected milliseconds from 100 to 3600000, found '50'",
        "--check-rehearsal|-1|--check-rehearsal / PETREL_CHECK_REHEARSAL: expected a number of checks from 0 to 1000000, found '-1'",
        "--check-rehearsal|lots|--check-rehearsal / PETREL_CHECK_REHEARSAL: expected a number of checks from 0 to 1000000, found 'lots'",
        "--deltas|maybe|--deltas / PETREL_DELTAS: expected on or off, found 'maybe'",
        "--delta-from-earlier|21|--delta-from-earlier / PETREL_DELTA_FROM_EARLIER: expected an integer from 0 to 20, found '21'",
        "--delta-from-share|0|--delta-from-share / PETREL_DELTA_FROM_SHARE: expected a percentage from 1 to 100, found '0'",
        "--delta-heap|32MiB|--delta-heap / PETREL_DELTA_HEAP: expected a size of at least 64MiB such as 2GiB, found '32MiB'",
        "--delta-heap|lots|--delta-heap / PETREL_DELTA_HEAP: expected a positive size such as 2GiB, 500MB or 1048576, found 'lots'",
        "--delta-timeout|5|--delta-timeout / PETREL_DELTA_TIMEOUT: expected seconds from 10 to 86400, found '5'",
      })
  void badSettingsStopStartUpWithOneClearLine(String flag, String value, String message) {
    assertThatThrownBy(() -> ServerConfig.resolve(Map.of(flag, value), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message)
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusesAShortBootstrapToken() {
    assertThatThrownBy(() -> ServerConfig.resolve(Map.of(), Map.of("PETREL_ADMIN_TOKEN", "secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("PETREL_ADMIN_TOKEN: expected 32 to 256 characters")
        .hasMessageNotContaining("secret");
  }
}
