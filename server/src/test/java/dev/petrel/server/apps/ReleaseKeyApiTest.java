package dev.petrel.server.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.db.Database;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestKeys;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/apps/{app}/keys} and an app's {@code require_signatures} setting. */
class ReleaseKeyApiTest extends ServerTest {
  static final String KEYS = "/api/v1/apps/notes/keys";

  @BeforeEach
  void createApp() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"notes\"}");
  }

  private TestResponse add(ReleasePublicKey... keys) {
    return server.postAsAdmin(KEYS, TestKeys.addBody(keys));
  }

  private TestResponse remove(ReleasePublicKey key) {
    return server.postAsAdmin(KEYS + "/" + key.id() + "/remove", "");
  }

  private TestResponse requireSignatures(boolean require) {
    return server.patch(
        "/api/v1/apps/notes", "{\"require_signatures\":" + require + "}", TestServer.ADMIN_TOKEN);
  }

  private long audited(String action) {
    return server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }

  private static List<String> ids(JsonNode keys) {
    List<String> ids = new ArrayList<>();
    keys.forEach(key -> ids.add(key.get("key_id").asText()));
    return ids;
  }

  @Test
  void addsListsAndRemovesAKey() {
    ReleasePublicKey key = TestKeys.generate();

    TestResponse added =
        server.postAsAdmin(
            KEYS, "{\"public_keys\":[\"" + key.base64() + "\"],\"label\":\" laptop 2025 \"}");
    JsonNode listed = server.get(KEYS, TestServer.ADMIN_TOKEN).json().get("keys");
    TestResponse removed = remove(key);

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().at("/added/0/key_id").asText()).isEqualTo(key.id());
    assertThat(added.json().at("/added/0/public_key").asText()).isEqualTo(key.base64());
    assertThat(added.json().at("/added/0/label").asText()).isEqualTo("laptop 2025");
    assertThat(added.json().at("/added/0/removed_at").isNull()).isTrue();
    assertThat(ids(listed)).containsExactly(key.id());
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().at("/key/removed_at").isTextual()).isTrue();
    assertThat(server.get(KEYS, TestServer.ADMIN_TOKEN).json().get("keys")).isEmpty();
    assertThat(server.count("app_release_keys")).isEqualTo(1); // removed, never deleted
  }

  @Test
  void addsTwoKeysAtOnceForRotationAndReAddingIsANoOp() {
    ReleasePublicKey old = TestKeys.generate();
    ReleasePublicKey successor = TestKeys.generate();
    add(old);

    TestResponse rotated = add(old, successor);
    TestResponse again = add(old, successor);

    assertThat(rotated.status()).isEqualTo(201);
    assertThat(ids(rotated.json().get("added"))).containsExactly(successor.id());
    assertThat(ids(rotated.json().get("keys"))).containsExactly(old.id(), successor.id());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("added")).isEmpty();
    assertThat(server.count("app_release_keys")).isEqualTo(2);
  }

  @Test
  void writesNothingWhenOneKeyIsBad() {
    String body =
        """
        {"public_keys":["%s","AAAA","%s"]}
        """
            .formatted(TestKeys.generate().base64(), TestKeys.generate().base64());

    TestResponse refused = server.postAsAdmin(KEYS, body);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("request.invalid_field");
    assertThat(refused.json().get("message").asText()).startsWith("public_keys[1]: ");
    assertThat(server.count("app_release_keys")).isZero();
    assertThat(audited("key.add")).isZero();
  }

  @Test
  void writesNothingWhenOneKeyWasRemovedBefore() {
    ReleasePublicKey removed = TestKeys.generate();
    add(removed);
    remove(removed);

    TestResponse refused = add(TestKeys.generate(), removed);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("code").asText()).isEqualTo("key.removed");
    assertThat(server.count("app_release_keys")).isEqualTo(1);
  }

  @Test
  void listsRemovedKeysOnlyWhenAskedForAll() {
    ReleasePublicKey removed = TestKeys.generate();
    ReleasePublicKey kept = TestKeys.generate();
    add(removed, kept);
    remove(removed);

    JsonNode active = server.get(KEYS, TestServer.ADMIN_TOKEN).json().get("keys");
    JsonNode all = server.get(KEYS + "?all=true", TestServer.ADMIN_TOKEN).json().get("keys");

    assertThat(ids(active)).containsExactly(kept.id());
    assertThat(ids(all)).containsExactly(removed.id(), kept.id());
    assertThat(all.get(0).get("removed_at").isTextual()).isTrue();
    assertThat(server.get(KEYS + "?all=yes", TestServer.ADMIN_TOKEN).status()).isEqualTo(400);
  }

  @Test
  void onlyAdminsChangeKeysAndViewersReadThem() {
    String viewer = TestTokens.issue(server, "viewer");
    String publisher = TestTokens.issue(server, "publisher");
    String body = TestKeys.addBody(TestKeys.generate());

    assertThat(server.post(KEYS, body).status()).isEqualTo(401);
    assertThat(server.post(KEYS, body, viewer).status()).isEqualTo(403);
    assertThat(server.post(KEYS, body, publisher).status()).isEqualTo(403);
    assertThat(
            server
                .patch("/api/v1/apps/notes", "{\"require_signatures\":false}", publisher)
                .status())
        .isEqualTo(403);
    assertThat(server.get(KEYS).status()).isEqualTo(401);
    assertThat(server.get(KEYS, viewer).status()).isEqualTo(200);
    assertThat(server.count("app_release_keys")).isZero();
  }

  @Test
  void auditsEveryChange() {
    ReleasePublicKey first = TestKeys.generate();
    ReleasePublicKey second = TestKeys.generate();
    add(first, second);
    add(first); // no change, no audit row
    remove(first);
    remove(first); // no change, no audit row
    requireSignatures(true);
    requireSignatures(true);

    assertThat(audited("key.add")).isEqualTo(2);
    assertThat(audited("key.remove")).isEqualTo(1);
    assertThat(audited("app.update")).isEqualTo(1);
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'key.remove' AND app_id = 'notes'"
                    + " AND target = '"
                    + first.id()
                    + "'"))
        .isEqualTo(1);
  }

  @Test
  void requiringSignaturesNeedsAnActiveKeyAndKeepsOne() {
    ReleasePublicKey first = TestKeys.generate();
    ReleasePublicKey second = TestKeys.generate();

    TestResponse withoutKey = requireSignatures(true);
    add(first);
    TestResponse required = requireSignatures(true);
    TestResponse lastKey = remove(first);
    add(second);
    TestResponse rotated = remove(first);
    TestResponse stillLast = remove(second);
    TestResponse relaxed = requireSignatures(false);
    TestResponse finallyRemoved = remove(second);

    assertThat(withoutKey.status()).isEqualTo(409);
    assertThat(withoutKey.json().get("code").asText()).isEqualTo("app.no_release_keys");
    assertThat(required.json().at("/app/require_signatures").asBoolean()).isTrue();
    assertThat(lastKey.status()).isEqualTo(409);
    assertThat(lastKey.json().get("code").asText()).isEqualTo("key.last_active");
    assertThat(lastKey.json().get("message").asText()).contains("requires signatures");
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(stillLast.status()).isEqualTo(409);
    assertThat(relaxed.json().at("/app/require_signatures").asBoolean()).isFalse();
    assertThat(finallyRemoved.status()).isEqualTo(200);
    assertThat(
            server
                .get("/api/v1/apps/notes", TestServer.ADMIN_TOKEN)
                .json()
                .at("/app/require_signatures")
                .asBoolean())
        .isFalse();
  }

  @Test
  void theDefaultAppStaysUnsignedAndTakesTheSeedCurlWorkflow() {
    JsonNode app = server.get("/api/v1/apps/default", TestServer.ADMIN_TOKEN).json().get("app");
    TestResponse published =
        server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.1.0", 2));

    assertThat(app.get("require_signatures").asBoolean()).isFalse();
    assertThat(published.status()).isEqualTo(200);
  }

  @Test
  void answersNotFoundForAnUnknownAppOrKey() {
    String unknown = "/api/v1/apps/nothing-here";
    ReleasePublicKey key = TestKeys.generate();

    List<TestResponse> answers =
        List.of(
            server.postAsAdmin(unknown + "/keys", TestKeys.addBody(key)),
            server.get(unknown + "/keys", TestServer.ADMIN_TOKEN),
            server.postAsAdmin(unknown + "/keys/" + key.id() + "/remove", ""),
            server.patch(unknown, "{\"require_signatures\":false}", TestServer.ADMIN_TOKEN));
    TestResponse unknownKey = remove(key);
    TestResponse badKeyId = server.postAsAdmin(KEYS + "/NOT-A-KEY/remove", "");

    assertThat(answers)
        .allSatisfy(
            answer -> assertThat(answer.json().get("code").asText()).isEqualTo("app.not_found"));
    assertThat(unknownKey.status()).isEqualTo(404);
    assertThat(unknownKey.json().get("code").asText()).isEqualTo("key.not_found");
    assertThat(badKeyId.status()).isEqualTo(400);
  }

  @Test
  void boundsKeysPerRequestAndPerApp() {
    ReleasePublicKey[] tooMany = new ReleasePublicKey[ReleaseKeys.MAX_KEYS_PER_REQUEST + 1];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = TestKeys.generate();
    }
    TestResponse oversized = add(tooMany);
    for (int batch = 0; batch < ReleaseKeys.MAX_ACTIVE_KEYS / 20; batch++) {
      ReleasePublicKey[] keys = new ReleasePublicKey[20];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = TestKeys.generate();
      }
      assertThat(add(keys).status()).isEqualTo(201);
    }
    TestResponse overLimit = add(TestKeys.generate());

    assertThat(oversized.status()).isEqualTo(400);
    assertThat(oversized.json().get("message").asText())
        .startsWith("public_keys: expected 1 to 20");
    assertThat(overLimit.status()).isEqualTo(409);
    assertThat(overLimit.json().get("code").asText()).isEqualTo("key.too_many");
    assertThat(server.count("app_release_keys")).isEqualTo(ReleaseKeys.MAX_ACTIVE_KEYS);
  }

  @Test
  void givesThePublishPathTheActiveKeysAndTheFlag() {
    ReleasePublicKey removed = TestKeys.generate();
    ReleasePublicKey first = TestKeys.generate();
    ReleasePublicKey second = TestKeys.generate();
    add(removed, first, second);
    remove(removed);
    requireSignatures(true);

    try (Database database = Database.open(server.jdbcUrl())) {
      ReleaseKeys keys =
          new ReleaseKeys(database.jdbi(), new AuditLog(server.clock()), server.clock());
      SigningPolicy notes = keys.signingPolicy(new AppId("notes"));
      SigningPolicy fallback = keys.signingPolicy(new AppId("default"));

      assertThat(notes.requireSignatures()).isTrue();
      assertThat(notes.activeKeys()).containsExactly(first, second);
      assertThat(fallback.requireSignatures()).isFalse();
      assertThat(fallback.activeKeys()).isEmpty();
    }
  }
}
