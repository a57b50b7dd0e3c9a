package dev.petrel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
    assertThat(config.telemetryRetentionDays()).isEqualTo(14);
    assertThat(config.cataloguePollMillis()).isEqualTo(2000);
  }

  @Test
  void theRetentionComesFromItsFlagOrVariable() {
    assertThat(
            ServerConfig.resolve(Map.of(), Map.of("PETREL_TELEMETRY_RETENTION_DAYS", "30"))
                .telemetryRetentionDays())
        .isEqualTo(30);
    assertThat(
            ServerConfig.resolve(Map.of("--telemetry-retention-days", "7"), Map.of())
                .telemetryRetentionDays())
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
