package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestKeys;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code petrel publish} against a real server, asserting what the server then serves. */
class PublishCommandTest extends ServerTest {
  private static final String DEVICE = "6f1c2a4e-9b0d-4c1e-8e57-2b9c0f3d7a11";

  private CliRun petrel(String... args) {
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN), args);
  }

  private CliRun publish(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("publish", "--app", "default", "--platform", "windows", "--file", file()));
    args.addAll(List.of(extra));
    return petrel(args.toArray(String[]::new));
  }

  private String file() {
    return dir.resolve("photo-viewer-1.2.0.zip").toString();
  }

  private byte[] writeArtifact(int size) throws Exception {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + i / 7);
    }
    Files.write(Path.of(file()), bytes);
    return bytes;
  }

  private Path registeredKey() throws Exception {
    ReleaseKeyPair pair = ReleaseKeyPair.generate();
    Path key = dir.resolve("release.key");
    pair.writePrivateKey(key);
    TestResponse added =
        server.postAsAdmin(
            "/api/v1/apps/default/keys",
            "{\"public_keys\":[\"" + pair.publicKey().base64() + "\"]}");
    assertThat(added.status()).as(added.text()).isEqualTo(201);
    return key;
  }

  private JsonNode releases() {
    return server
        .get("/api/v1/apps/default/releases", TestServer.ADMIN_TOKEN)
        .json()
        .get("releases");
  }

  private JsonNode check(String currentVersion) {
    return server
        .post(
            "/api/v1/apps/default/check",
            """
            {"platform":"windows","current_version":"%s","channel":"stable","device_id":"%s"}
            """
                .formatted(currentVersion, DEVICE))
        .json();
  }

  private long storedFiles() throws Exception {
    return StoredArtifacts.count(server);
  }

  private TestResponse download(String url) {
    return server.send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  @Test
  void publishesASignedReleaseThatTheCheckOffersAndTheDownloadServes() throws Exception {
    byte[] bytes = writeArtifact(300_000);
    Path key = registeredKey();

    CliRun run =
        publish("--version", "1.2.0", "--notes", "Faster start-up.", "--key", key.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode offer = check("1.1.0").get("release");
    assertThat(offer.get("version").asText()).isEqualTo("1.2.0");
    assertThat(offer.get("version_code").asLong()).isEqualTo(1);
    assertThat(offer.get("release_notes").asText()).isEqualTo("Faster start-up.");
    assertThat(offer.get("signing_key_id").asText())
        .isEqualTo(ReleaseKeyPair.readPrivateKey(key).publicKey().id());
    ReleaseStatement statement =
        ReleaseStatement.parse(Base64.getDecoder().decode(offer.get("statement").asText()));
    assertThat(statement.sha256()).isEqualTo(Sha256.of(bytes));
    assertThat(statement.size()).isEqualTo(bytes.length);
    TestResponse downloaded = download(offer.get("download_url").asText());
    assertThat(downloaded.status()).isEqualTo(200);
    assertThat(Sha256.of(downloaded.body())).isEqualTo(Sha256.of(bytes));
    assertThat(run.out())
        .contains("published default 1.2.0 (code 1) for windows on stable as release ")
        .contains("download URL  " + offer.get("download_url").asText())
        .contains("signed with key " + offer.get("signing_key_id").asText());
    assertThat(run.err()).contains("uploaded 100 %");
  }

  @Test
  void bumpsTheMinorVersionOfTheNewestReleaseAndItsCode() throws Exception {
    writeArtifact(1000);
    assertThat(
            server
                .postAsAdmin(
                    "/api/v1/apps/default/releases", Releases.external("windows", "1.2.3", 7))
                .status())
        .isEqualTo(201);
    assertThat(
            server
                .postAsAdmin(
                    "/api/v1/apps/default/releases", Releases.external("android", "4.0.0", 40))
                .status())
        .isEqualTo(201);

    CliRun run = publish("--bump", "minor");

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode windows =
        server
            .get("/api/v1/apps/default/releases?platform=windows&limit=1", TestServer.ADMIN_TOKEN)
            .json()
            .get("releases")
            .get(0);
    assertThat(windows.get("version").asText()).isEqualTo("1.3.0");
    assertThat(windows.get("version_code").asLong()).isEqualTo(8);
    assertThat(windows.get("signing_key_id").isNull()).isTrue();
    assertThat(run.out()).contains("published default 1.3.0 (code 8)");
  }

  @Test
  void theFirstReleaseGetsCode1AndBumpWithoutAReleaseFails() throws Exception {
    writeArtifact(10);

    CliRun bump = publish("--bump", "patch");

    assertThat(bump.exit()).isEqualTo(1);
    assertThat(bump.err()).startsWith("petrel: --bump: default has no release on windows yet");
    assertThat(releases()).isEmpty();
  }

  @Test
  void aDryRunShowsTheSignedStatementAndPublishesNothing() throws Exception {
    byte[] bytes = writeArtifact(5000);
    Path key = registeredKey();

    CliRun run =
        publish(
            "--version",
            "2.0.0",
            "--version-code",
            "20",
            "--mandatory",
            "--min-supported",
            "1.5.0",
            "--key",
            key.toString(),
            "--dry-run");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("dry run: nothing uploaded, nothing published")
        .contains("sha256          " + Sha256.of(bytes).hex())
        .contains("version code    20")
        .contains("\"min_supported_version\":\"1.5.0\"")
        .contains("\"mandatory\":true");
    assertThat(releases()).isEmpty();
    assertThat(run.err()).doesNotContain("uploaded");
  }

  @Test
  void anUnsignedPublishToAnAppRequiringSignaturesIsRefusedAndStoresNoRelease() throws Exception {
    writeArtifact(1000);
    registeredKey();
    server.patch("/api/v1/apps/default", "{\"require_signatures\":true}", TestServer.ADMIN_TOKEN);

    CliRun run = publish("--version", "1.2.0");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("petrel: release.signature_required: ");
    assertThat(releases()).isEmpty();
  }

  @Test
  void aKeyTheAppDoesNotKnowIsRefusedBeforeTheUpload() throws Exception {
    writeArtifact(1000);
    server.postAsAdmin("/api/v1/apps/default/keys", TestKeys.addBody(TestKeys.generate()));
    Path foreign = dir.resolve("foreign.key");
    ReleaseKeyPair.generate().writePrivateKey(foreign);

    CliRun run = publish("--version", "1.2.0", "--key", foreign.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("petrel: release.signature_invalid: key ");
    assertThat(run.err()).doesNotContain("uploaded");
    assertThat(releases()).isEmpty();
  }

  @Test
  void aWrongTokenExits1AndStoresNothing() throws Exception {
    writeArtifact(1000);

    CliRun run =
        CliRun.run(
            Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", "ptk_wrong"),
            "publish",
            "--app",
            "default",
            "--platform",
            "windows",
            "--file",
            file(),
            "--version",
            "1.2.0");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("petrel: auth.invalid_token: ").doesNotContain("ptk_wrong");
    assertThat(releases()).isEmpty();
    assertThat(storedFiles()).isZero();
  }

  @Test
  void theServersRefusalOfADuplicateVersionIsOneLineAndExit1() throws Exception {
    writeArtifact(1000);
    assertThat(publish("--version", "1.2.0").exit()).isZero();

    CliRun again = publish("--version", "1.2.0");

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err())
        .contains("\npetrel: release.duplicate_version: ")
        .doesNotContain("\tat ");
    assertThat(releases()).hasSize(1);
  }

  @Test
  void readsNotesFromAFileAndTakesTheCodeFromABuildNumber() throws Exception {
    writeArtifact(1000);
    Path notes = dir.resolve("NOTES.md");
    Files.writeString(notes, "- Faster start-up.\n- Fewer crashes.\n", StandardCharsets.UTF_8);

    CliRun run = publish("--version", "1.2.0+12", "--notes-file", notes.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode release = releases().get(0);
    assertThat(release.get("version_code").asLong()).isEqualTo(12);
    assertThat(release.get("release_notes").asText())
        .isEqualTo("- Faster start-up.\n- Fewer crashes.");
  }

  @Test
  void badUsageExits2AndReachesNoServer() throws Exception {
    writeArtifact(10);
    Path keyText = dir.resolve("not-a.key");
    Files.writeString(keyText, "hello");
    Files.setPosixFilePermissions(
        keyText, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    List<CliRun> runs =
        List.of(
            publish(),
            publish("--version", "1.2.0", "--bump", "patch"),
            publish("--bump", "tiny"),
            publish("--version", "one"),
            publish("--version", "1.2.0", "--version-code", "0"),
            publish("--version", "1.2.0+7", "--version-code", "8"),
            publish("--version", "1.2.0", "--notes", "a", "--notes-file", "b"),
            publish("--version", "1.2.0", "--notes-file", dir.resolve("missing").toString()),
            publish("--version", "1.2.0", "--channel", "Night Ly"),
            publish("--version", "1.2.0", "--min-supported", "x"),
            publish("--version", "1.2.0", "--key", keyText.toString()),
            publish("--version", "1.2.0", "--key", dir.resolve("missing.key").toString()),
            petrel(
                "publish",
                "--app",
                "default",
                "--platform",
                "windows",
                "--version",
                "1.2.0",
                "--file",
                dir.resolve("missing.zip").toString()),
            petrel(
                "publish",
                "--app",
                "default",
                "--platform",
                "Windows 11",
                "--version",
                "1.2.0",
                "--file",
                file()));

    for (CliRun run : runs) {
      assertThat(run.exit()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).doesNotContain("\tat ");
    }
    assertThat(runs.get(0).err()).contains("--version", "--bump");
    assertThat(runs.get(1).err()).contains("mutually exclusive");
    assertThat(runs.get(2).err()).startsWith("--bump: expected patch, minor or major");
    assertThat(runs.get(12).err()).contains("no such file");
    assertThat(releases()).isEmpty();
  }
}
