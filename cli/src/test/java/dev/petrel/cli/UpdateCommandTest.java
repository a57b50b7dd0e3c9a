package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code petrel update …} on a desktop app directory against a real server. */
class UpdateCommandTest extends ServerTest {
  private ReleaseKeyPair pair;
  private Path key;
  private Path app;

  @BeforeEach
  void publishAndPrepareAnAppDirectory() throws Exception {
    pair = ReleaseKeyPair.generate();
    key = dir.resolve("release.key");
    pair.writePrivateKey(key);
    TestResponse added =
        server.postAsAdmin(
            "/api/v1/apps/default/keys",
            "{\"public_keys\":[\"" + pair.publicKey().base64() + "\"]}");
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    app = DesktopApps.appDir(dir.resolve("app"), "1.0.0", 1);
    writeConfig(pair.publicKey().base64());
  }

  private void writeConfig(String publicKey) throws Exception {
    Files.writeString(
        app.resolve("updater_config.json"),
        """
        {"app":"default","platform":"linux","servers":["%s"],"public_keys":["%s"],
         "auto_install":false,"max_backups":2,"update_channel":"stable"}
        """
            .formatted(server.url(), publicKey));
  }

  private void publish(String version, long code) throws Exception {
    Path zip = DesktopApps.archive(dir.resolve("app-" + version + ".zip"), version, code);
    CliRun run =
        CliRun.run(
            Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN),
            "publish",
            "--app",
            "default",
            "--platform",
            "linux",
            "--file",
            zip.toString(),
            "--version",
            version,
            "--version-code",
            Long.toString(code),
            "--notes",
            "Faster start-up.",
            "--key",
            key.toString());
    assertThat(run.exit()).as(run.err()).isZero();
  }

  private CliRun update(String command, String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "update";
    args[1] = command;
    args[2] = "--app-dir=" + app;
    System.arraycopy(extra, 0, args, 3, extra.length);
    return CliRun.run(args);
  }

  @Test
  void downloadSaysWhenTheUpdateWasMadeFromAPatchAndHowManyBytesItSaved() throws Exception {
    publish("1.0.1", 2);
    CliRun first = update("install");
    assertThat(first.exit()).as(first.err()).isZero();
    publish("1.0.2", 3);
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (server.queryLong("SELECT COUNT(*) FROM deltas WHERE state = 'ready'") == 0) {
      assertThat(System.nanoTime()).as("the server made the patch").isLessThan(deadline);
      server.server().deltaWorker().runOnce();
      Thread.sleep(50);
    }

    CliRun download = update("download");
    assertThat(download.exit()).as(download.err()).isZero();
    assertThat(download.out())
        .containsPattern("made from a patch: downloaded \\d+ of \\d+ bytes, saved \\d+ bytes")
        .contains("downloaded and verified 1.0.2");
  }

  @Test
  void checkSaysUpToDateWhenNothingNewerIsPublished() {
    CliRun run = update("check");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("up to date: 1.0.0");
  }

  @Test
  void checkDownloadInstallHistoryAndRollbackAgainstARealServer() throws Exception {
    publish("1.0.1", 2);

    CliRun check = update("check");
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out())
        .contains("update available: 1.0.0 -> 1.0.1 (code 2, stable,")
        .contains("notes: Faster start-up.");

    CliRun download = update("download");
    assertThat(download.exit()).as(download.err()).isZero();
    assertThat(download.out()).contains("downloaded and verified 1.0.1");
    assertThat(Files.readString(app.resolve("current"))).isEqualTo("1.0.0\n");

    CliRun install = update("install");
    assertThat(install.exit()).as(install.err()).isZero();
    assertThat(install.out()).contains("installed 1.0.1 (was 1.0.0)");
    assertThat(Files.readString(app.resolve("current"))).isEqualTo("1.0.1\n");
    assertThat(app.resolve("versions/1.0.1/README.txt")).hasContent("version 1.0.1");
    assertThat(app.resolve(".petrel/pending-health.json")).exists();

    CliRun upToDate = update("check");
    assertThat(upToDate.out()).startsWith("up to date: 1.0.1");

    CliRun rollback = update("rollback", "--reason", "login broken");
    assertThat(rollback.exit()).as(rollback.err()).isZero();
    assertThat(rollback.out()).contains("rolled back from 1.0.1 to 1.0.0");
    assertThat(Files.readString(app.resolve("current"))).isEqualTo("1.0.0\n");

    CliRun history = update("history");
    assertThat(history.exit()).as(history.err()).isZero();
    assertThat(history.out())
        .containsPattern("install\\s+1\\.0\\.0\\s+1\\.0\\.1\\s+succeeded")
        .containsPattern("rollback\\s+1\\.0\\.1\\s+1\\.0\\.0\\s+succeeded\\s+login broken");
  }

  @Test
  void aReleaseSignedWithAnotherKeyIsRefusedAndNothingChanges() throws Exception {
    publish("1.0.1", 2);
    writeConfig(ReleaseKeyPair.generate().publicKey().base64());
    Map<String, String> before = snapshot();
    CliRun install = update("install");
    assertThat(install.exit()).isEqualTo(1);
    assertThat(install.err()).startsWith("petrel: ");
    assertThat(Files.readString(app.resolve("current"))).isEqualTo("1.0.0\n");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void aMissingConfigIsOneLineNamingTheFile() throws Exception {
    Files.delete(app.resolve("updater_config.json"));
    CliRun run = update("check");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("updater_config.json: no such file");
  }

  @Test
  void aBadConfigValueIsNamedWithWhatWasExpected() throws Exception {
    Files.writeString(
        app.resolve("updater_config.json"),
        "{\"app\":\"default\",\"servers\":[\""
            + server.url()
            + "\"],\"public_keys\":[\"k\"],"
            + "\"check_interval_hours\":\"six\"}");
    CliRun run = update("check");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("key 'check_interval_hours': expected an integer 1..720, got 'six'");
  }

  @Test
  void rollbackWithNothingOlderFails() {
    CliRun run = update("rollback");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no version older than 1.0.0 is installed");
  }

  /** Every file under the app directory except the updater's own bookkeeping of sends. */
  private Map<String, String> snapshot() throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(app)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isRegularFile(path) && !app.relativize(path).startsWith(".petrel")) {
          files.put(
              app.relativize(path).toString(),
              Files.readString(path, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    }
    return files;
  }
}
