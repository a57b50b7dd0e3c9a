package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code petrel apps …} against a real server, asserting what the server then holds. */
class AppsCommandTest extends ServerTest {
  private CliRun petrel(String... args) {
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN), args);
  }

  private JsonNode serverKeys(String app, boolean all) {
    return server
        .get("/api/v1/apps/" + app + "/keys" + (all ? "?all=true" : ""), TestServer.ADMIN_TOKEN)
        .json()
        .get("keys");
  }

  private JsonNode serverApp(String app) {
    return server.get("/api/v1/apps/" + app, TestServer.ADMIN_TOKEN).json().get("app");
  }

  private static List<String> ids(JsonNode keys) {
    List<String> ids = new ArrayList<>();
    keys.forEach(key -> ids.add(key.get("key_id").asText()));
    return ids;
  }

  @Test
  void createsAnAppAndListsIt() {
    CliRun create = petrel("apps", "create", "--id", "photo-viewer", "--name", "Photo Viewer");
    CliRun list = petrel("apps", "list");

    assertThat(create.exit()).as(create.err()).isZero();
    assertThat(create.out()).isEqualTo("created app photo-viewer (Photo Viewer)\n");
    assertThat(serverApp("photo-viewer").get("name").asText()).isEqualTo("Photo Viewer");
    assertThat(list.exit()).isZero();
    assertThat(list.out().lines().toList())
        .first()
        .asString()
        .startsWith("ID")
        .contains("NAME", "SIGNATURES", "CREATED");
    assertThat(list.out()).containsPattern("(?m)^photo-viewer +Photo Viewer +optional +\\d{4}-");
  }

  @Test
  void addsTwoKeysAtOnceAndListsBoth() throws Exception {
    ReleaseKeyPair first = ReleaseKeyPair.generate();
    ReleaseKeyPair second = ReleaseKeyPair.generate();
    Path pub = dir.resolve("first.pub");
    first.writePublicKey(pub);

    CliRun add =
        petrel(
            "apps",
            "keys",
            "add",
            "--app",
            "default",
            "--key",
            pub.toString(),
            "--public-key",
            second.publicKey().base64(),
            "--label",
            "rotation 2026");
    CliRun list = petrel("apps", "keys", "list", "--app", "default");

    assertThat(add.exit()).as(add.err()).isZero();
    assertThat(add.out())
        .contains("added key " + first.publicKey().id())
        .contains("added key " + second.publicKey().id())
        .contains("default has 2 active release key(s)");
    JsonNode keys = serverKeys("default", false);
    assertThat(ids(keys))
        .containsExactlyInAnyOrder(first.publicKey().id(), second.publicKey().id());
    assertThat(keys.get(0).get("label").asText()).isEqualTo("rotation 2026");
    assertThat(list.exit()).isZero();
    assertThat(list.out())
        .containsPattern("(?m)^KEY ID +LABEL +ADDED +REMOVED$")
        .containsPattern("(?m)^" + first.publicKey().id() + " +rotation 2026 +\\S+ +-$")
        .containsPattern("(?m)^" + second.publicKey().id() + " +rotation 2026 +\\S+ +-$");
  }

  @Test
  void addingAKeyAgainAddsNothing() {
    String key = ReleaseKeyPair.generate().publicKey().base64();
    petrel("apps", "keys", "add", "--app", "default", "--public-key", key);

    CliRun again = petrel("apps", "keys", "add", "--app", "default", "--public-key", key);

    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("nothing added");
    assertThat(serverKeys("default", false)).hasSize(1);
  }

  @Test
  void removesAKeyAndListAllStillShowsIt() {
    ReleasePublicKey key = ReleaseKeyPair.generate().publicKey();
    petrel("apps", "keys", "add", "--app", "default", "--public-key", key.base64());

    CliRun remove = petrel("apps", "keys", "remove", "--app", "default", "--key-id", key.id());
    CliRun listAll = petrel("apps", "keys", "list", "--app", "default", "--all");

    assertThat(remove.exit()).as(remove.err()).isZero();
    assertThat(remove.out()).startsWith("removed key " + key.id() + " from default at ");
    assertThat(serverKeys("default", false)).isEmpty();
    assertThat(serverKeys("default", true).get(0).get("removed_at").isNull()).isFalse();
    assertThat(listAll.out()).containsPattern("(?m)^" + key.id() + " +- +\\S+ +\\d{4}-\\S+$");
  }

  @Test
  void removingAnUnknownKeyIsTheServersError() {
    CliRun remove =
        petrel("apps", "keys", "remove", "--app", "default", "--key-id", "0123456789abcdef");

    assertThat(remove.exit()).isEqualTo(1);
    assertThat(remove.err()).startsWith("petrel: key.not_found: ");
  }

  @Test
  void turnsSignatureRequirementOnAndOff() {
    String key = ReleaseKeyPair.generate().publicKey().base64();
    petrel("apps", "keys", "add", "--app", "default", "--public-key", key);

    CliRun on = petrel("apps", "require-signatures", "--app", "default", "on");
    boolean afterOn = serverApp("default").get("require_signatures").asBoolean();
    CliRun off = petrel("apps", "require-signatures", "--app", "default", "off");

    assertThat(on.exit()).as(on.err()).isZero();
    assertThat(on.out()).isEqualTo("default: signatures required\n");
    assertThat(afterOn).isTrue();
    assertThat(off.out()).isEqualTo("default: signatures optional\n");
    assertThat(serverApp("default").get("require_signatures").asBoolean()).isFalse();
  }

  @Test
  void requiringSignaturesWithoutAKeyIsRefused() {
    CliRun on = petrel("apps", "require-signatures", "--app", "default", "on");

    assertThat(on.exit()).isEqualTo(1);
    assertThat(on.err()).startsWith("petrel: app.no_release_keys: ").doesNotContain("\tat ");
    assertThat(serverApp("default").get("require_signatures").asBoolean()).isFalse();
  }

  @Test
  void aWrongTokenExits1WithTheServersCodeAndStoresNothing() {
    String key = ReleaseKeyPair.generate().publicKey().base64();

    CliRun add =
        CliRun.run(
            Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", "ptk_wrong"),
            "apps",
            "keys",
            "add",
            "--app",
            "default",
            "--public-key",
            key);

    assertThat(add.exit()).isEqualTo(1);
    assertThat(add.err()).startsWith("petrel: auth.invalid_token: ").doesNotContain("ptk_wrong");
    assertThat(add.err().lines()).hasSize(1);
    assertThat(serverKeys("default", true)).isEmpty();
  }

  @Test
  void aViewerTokenCannotAddKeys() {
    String viewer = TestTokens.issue(server, "viewer");
    String key = ReleaseKeyPair.generate().publicKey().base64();

    CliRun add =
        CliRun.run(
            Map.of(),
            "apps",
            "keys",
            "add",
            "--server",
            server.url(),
            "--token",
            viewer,
            "--app",
            "default",
            "--public-key",
            key);

    assertThat(add.exit()).isEqualTo(1);
    assertThat(add.err()).startsWith("petrel: auth.forbidden: ");
    assertThat(serverKeys("default", true)).isEmpty();
  }

  @Test
  void readsTheTokenFromAFileNamedWithAt() throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, TestServer.ADMIN_TOKEN + "\n");

    CliRun create =
        CliRun.run(
            Map.of(),
            "apps",
            "create",
            "--server",
            server.url(),
            "--token",
            "@" + tokenFile,
            "--id",
            "from-file");

    assertThat(create.exit()).as(create.err()).isZero();
    assertThat(serverApp("from-file").get("id").asText()).isEqualTo("from-file");
  }

  @Test
  void aBadPublicKeyIsBadUsageAndNothingReachesTheServer() {
    CliRun add =
        petrel(
            "apps",
            "keys",
            "add",
            "--app",
            "default",
            "--public-key",
            ReleaseKeyPair.generate().publicKey().base64(),
            "--public-key",
            "bm90IGEga2V5");

    assertThat(add.exit()).isEqualTo(2);
    assertThat(add.err())
        .startsWith("--public-key: expected an Ed25519 public key of 32 bytes as base64");
    assertThat(serverKeys("default", true)).isEmpty();
  }

  @Test
  void aPrivateKeyFileGivenAsPublicKeyIsRefusedWithoutEchoingIt() throws Exception {
    ReleaseKeyPair pair = ReleaseKeyPair.generate();
    Path key = dir.resolve("release.key");
    pair.writePrivateKey(key);

    CliRun add = petrel("apps", "keys", "add", "--app", "default", "--key", key.toString());

    assertThat(add.exit()).isEqualTo(2);
    assertThat(add.err())
        .contains("this is a private key; pass the public key file (PREFIX.pub)")
        .doesNotContain(pair.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
    assertThat(serverKeys("default", true)).isEmpty();
  }

  @Test
  void aMissingAppIsBadUsage() {
    CliRun list = petrel("apps", "keys", "list");
    CliRun add = petrel("apps", "keys", "add", "--public-key", "x");
    CliRun noKeys = petrel("apps", "keys", "add", "--app", "default");
    CliRun badSetting = petrel("apps", "require-signatures", "--app", "default", "yes");

    assertThat(list.exit()).isEqualTo(2);
    assertThat(list.err()).startsWith("Missing required option: '--app=APP'");
    assertThat(add.exit()).isEqualTo(2);
    assertThat(noKeys.exit()).isEqualTo(2);
    assertThat(noKeys.err()).startsWith("Missing required option: --key=FILE or --public-key");
    assertThat(badSetting.exit()).isEqualTo(2);
    assertThat(badSetting.err()).startsWith("expected on or off, found 'yes'");
  }
}
