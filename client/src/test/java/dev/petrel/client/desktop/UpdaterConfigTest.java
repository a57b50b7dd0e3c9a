package dev.petrel.client.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.protocol.InvalidValueException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdaterConfigTest {
  private static final String REQUIRED =
      "\"app\":\"photo-viewer\",\"servers\":[\"https://updates.example.com\"],"
          + "\"public_keys\":[\"k1\"]";

  @TempDir Path temp;

  private static UpdaterConfig parse(String members) {
    return UpdaterConfig.parse(
        "updater_config.json", ("{" + members + "}").getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSeedsKeysHaveTheSeedsDefaults() {
    UpdaterConfig config = parse(REQUIRED);
    assertThat(config.autoCheck()).isTrue();
    assertThat(config.checkIntervalHours()).isEqualTo(6);
    assertThat(config.autoDownload()).isTrue();
    assertThat(config.autoInstall()).isFalse();
    assertThat(config.backupBeforeUpdate()).isTrue();
    assertThat(config.maxBackups()).isEqualTo(5);
    assertThat(config.updateChannel()).isEqualTo("stable");
    assertThat(config.notifications()).isTrue();
    assertThat(config.rollbackEnabled()).isTrue();
    assertThat(config.healthTimeoutSeconds()).isEqualTo(120);
  }

  @Test
  void readsTheSeedsExampleFilePlusWhereToLookAndWhatToTrust() {
    UpdaterConfig config =
        parse(
            REQUIRED
                + """
                ,"auto_check": true, "check_interval_hours": 6, "auto_download": true,
                "auto_install": false, "backup_before_update": true, "max_backups": 5,
                "update_channel": "beta", "notifications": false, "rollback_enabled": true,
                "platform": "windows", "feeds": ["https://cdn.example.com/feed.json"]
                """);
    assertThat(config.updateChannel()).isEqualTo("beta");
    assertThat(config.notifications()).isFalse();
    assertThat(config.platform()).isEqualTo("windows");
    assertThat(config.feeds()).containsExactly(URI.create("https://cdn.example.com/feed.json"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"check_interval_hours\": 0 | key 'check_interval_hours': expected an integer 1..720, got 0",
        "\"check_interval_hours\": \"6\" | key 'check_interval_hours': expected an integer 1..720, got '6'",
        "\"auto_check\": \"yes\" | key 'auto_check': expected true or false, got 'yes'",
        "\"max_backups\": 51 | key 'max_backups': expected an integer 0..50, got 51",
        "\"update_channel\": \"Nightly!\" | update_channel: expected a lowercase channel name like stable, beta or alpha, found 'Nightly!'",
        "\"auto_updte\": true | unknown key 'auto_updte'",
        "\"feeds\": [\"ftp://x\"] | feeds: expected http or https URLs, got 'ftp://x'",
      })
  void refusesBadValuesNamingTheKeyWhatWasExpectedAndWhatWasFound(String member, String message) {
    assertThatThrownBy(() -> parse(REQUIRED + "," + member))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("updater_config.json: ")
        .hasMessageContaining(message);
  }

  @Test
  void aGitHubRepositoryIsASourceAndABadOneIsNamed() {
    UpdaterConfig config =
        UpdaterConfig.parse(
            "updater_config.json",
            "{\"app\":\"a\",\"github\":[\"acme/app\"],\"public_keys\":[\"k\"]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(config.github()).containsExactly("acme/app");
    assertThat(config.githubApi()).hasToString("https://api.github.com");
    assertThatThrownBy(() -> parse("\"app\":\"a\",\"github\":[\"acme\"],\"public_keys\":[\"k\"]"))
        .hasMessageContaining("github: expected OWNER/REPO, found 'acme'");
    assertThatThrownBy(
            () ->
                parse(
                    "\"app\":\"a\",\"github\":[\"acme/app\"],\"github_api\":\"ftp://x\","
                        + "\"public_keys\":[\"k\"]"))
        .hasMessageContaining("github_api");
  }

  @Test
  void requiresAnAppASourceAndAKey() {
    assertThatThrownBy(() -> parse("\"servers\":[\"https://a.example\"],\"public_keys\":[\"k\"]"))
        .hasMessageContaining("key 'app' is missing");
    assertThatThrownBy(() -> parse("\"app\":\"a\",\"public_keys\":[\"k\"]"))
        .hasMessageContaining("expected at least one server, GitHub repository or feed");
    assertThatThrownBy(() -> parse("\"app\":\"a\",\"servers\":[\"https://a.example\"]"))
        .hasMessageContaining("expected at least one pinned release key");
  }

  @Test
  void writesAtomicallyAndReadsBackTheSame() throws Exception {
    AppDirectory dir = AppDirectory.of(temp.resolve("app"));
    UpdaterConfig config =
        UpdaterConfig.defaults(
            "photo-viewer", List.of(URI.create("https://updates.example.com")), List.of("k1"));
    config.write(dir);
    assertThat(UpdaterConfig.read(dir)).isEqualTo(config);
    assertThat(Files.readString(dir.configFile())).contains("\"check_interval_hours\": 6");
    try (var files = Files.list(dir.root())) {
      assertThat(files).containsExactly(dir.configFile());
    }
  }
}
