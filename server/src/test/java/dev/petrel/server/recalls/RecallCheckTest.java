package dev.petrel.server.recalls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.SignedRecall;
import dev.petrel.protocol.StatementVerifier;
import dev.petrel.protocol.Version;
import dev.petrel.server.testing.RecallFixture;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A recall end to end over HTTP: the recall request, then what devices on the recalled version are
 * told by the v1 check, verified the way a client must verify it (docs/protocol.md, "Client
 * rules").
 */
class RecallCheckTest extends ServerTest {
  private RecallFixture notes;

  @BeforeEach
  void createApp() {
    notes = RecallFixture.create(server, "notes");
  }

  private String signedRecall(String platform, boolean withTarget) {
    var statement = notes.recall(platform, "1.0.1", 5);
    if (withTarget) {
      statement.target(Version.parse("1.0.0"), 4);
    }
    return notes.signedBody(statement.build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"linux", "windows", "macos"})
  void aDesktopDeviceOnTheRecalledVersionGetsTheSignedDowngrade(String platform) {
    notes.publishSigned(platform, "1.0.0", 4);
    long bad = notes.publishSigned(platform, "1.0.1", 5);
    TestResponse before = notes.check(platform, "1.0.1", 5);

    TestResponse recalled = notes.recall(bad, signedRecall(platform, true), TestServer.ADMIN_TOKEN);
    JsonNode answer = notes.check(platform, "1.0.1", 5).json();

    assertThat(before.json().get("update_available").asBoolean()).isFalse();
    assertThat(recalled.status()).as(recalled.text()).isEqualTo(200);
    assertThat(recalled.json().at("/release/is_active").asBoolean()).isFalse();
    assertThat(recalled.json().at("/recall/downgrade_allowed").asBoolean()).isTrue();
    assertThat(recalled.json().at("/recall/target_version").asText()).isEqualTo("1.0.0");
    assertThat(recalled.json().get("warnings")).isEmpty();
    assertThat(answer.get("update_available").asBoolean()).isTrue();
    assertThat(answer.get("downgrade").asBoolean()).isTrue();
    assertThat(answer.get("is_mandatory").asBoolean()).isTrue();
    assertThat(answer.get("current_recalled").asBoolean()).isTrue();
    assertThat(answer.at("/release/version").asText()).isEqualTo("1.0.0");
    assertThat(answer.at("/recall/downgrade_allowed").asBoolean()).isTrue();
    assertThat(answer.at("/recall/reason").asText()).isEqualTo("Crashes on start");
    assertThat(answer.at("/recall/message").asText())
        .isEqualTo(
            "Version 1.0.1 was recalled: Crashes on start. Go back to 1.0.0, as the publisher's"
                + " signed recall allows.");
    assertClientWouldInstallTheDowngrade(answer, platform);
  }

  /** The client rules of docs/protocol.md, applied to the answer with the pinned key alone. */
  private void assertClientWouldInstallTheDowngrade(JsonNode answer, String platform) {
    var pinned = List.of(notes.keys().publicKey());
    SignedRecall recall =
        StatementVerifier.verifyAndParseRecall(
            Base64.getDecoder().decode(answer.at("/recall/statement").asText()),
            answer.at("/recall/signature").asText(),
            pinned);
    ReleaseStatement target =
        StatementVerifier.verifyAndParse(
                Base64.getDecoder().decode(answer.at("/release/statement").asText()),
                answer.at("/release/signature").asText(),
                pinned)
            .statement();
    assertThat(recall.statement().app().name()).isEqualTo("notes");
    assertThat(recall.statement().platform().name()).isEqualTo(platform);
    assertThat(recall.statement().recalledVersionCode()).isEqualTo(5);
    assertThat(recall.statement().target())
        .isEqualTo(new RecallStatement.Target(target.version(), target.versionCode()));
    assertThat(answer.at("/recall/signing_key_id").asText())
        .isEqualTo(notes.keys().publicKey().id());
  }

  @Test
  void anAndroidDeviceIsToldToWaitForAFixForwardAndGetsItWhenPublished() {
    notes.publishSigned("android", "1.0.0", 4);
    long bad = notes.publishSigned("android", "1.0.1", 5);

    TestResponse recalled =
        notes.recall(bad, signedRecall("android", true), TestServer.ADMIN_TOKEN);
    JsonNode waiting = notes.check("android", "1.0.1", 5).json();
    notes.publishSigned("android", "1.0.2", 6);
    JsonNode fixed = notes.check("android", "1.0.1", 5).json();

    assertThat(recalled.status()).as(recalled.text()).isEqualTo(200);
    assertThat(recalled.json().at("/recall/downgrade_allowed").asBoolean()).isFalse();
    assertThat(recalled.json().get("warnings").get(0).asText())
        .isEqualTo(
            "android installers refuse downgrades: devices on 1.0.1 are told of the recall but"
                + " stay on it until you publish a fixed android release with a version code"
                + " above 5 (a fix forward).");
    assertThat(waiting.get("update_available").asBoolean()).isFalse();
    assertThat(waiting.get("release").isNull()).isTrue();
    assertThat(waiting.get("downgrade").asBoolean()).isFalse();
    assertThat(waiting.get("current_recalled").asBoolean()).isTrue();
    assertThat(waiting.at("/recall/downgrade_allowed").asBoolean()).isFalse();
    assertThat(waiting.at("/recall/message").asText())
        .isEqualTo(
            "Version 1.0.1 was recalled: Crashes on start. android does not install older"
                + " versions, so none is offered; the publisher must publish a fixed version"
                + " forward (a version code above 5).");
    assertThat(fixed.at("/release/version").asText()).isEqualTo("1.0.2");
    assertThat(fixed.get("downgrade").asBoolean()).isFalse();
    assertThat(fixed.at("/recall/message").asText())
        .endsWith("Update to 1.0.2, which replaces it.");
  }

  @Test
  void iosIsNeverOfferedADowngradeEither() {
    notes.publishSigned("ios", "1.0.0", 4);
    long bad = notes.publishSigned("ios", "1.0.1", 5);

    notes.recall(bad, signedRecall("ios", true), TestServer.ADMIN_TOKEN);
    JsonNode answer = notes.check("ios", "1.0.1", 5).json();

    assertThat(answer.get("release").isNull()).isTrue();
    assertThat(answer.at("/recall/downgrade_allowed").asBoolean()).isFalse();
  }

  @Test
  void aNewerReleaseOnOfferBeatsTheDowngrade() {
    notes.publishSigned("linux", "1.0.0", 4);
    long bad = notes.publishSigned("linux", "1.0.1", 5);
    notes.publishSigned("linux", "1.0.2", 6);

    notes.recall(bad, signedRecall("linux", true), TestServer.ADMIN_TOKEN);
    JsonNode answer = notes.check("linux", "1.0.1", 5).json();

    assertThat(answer.at("/release/version").asText()).isEqualTo("1.0.2");
    assertThat(answer.get("downgrade").asBoolean()).isFalse();
    assertThat(answer.get("is_mandatory").asBoolean()).isFalse();
    assertThat(answer.at("/recall/downgrade_allowed").asBoolean()).isTrue();
  }

  @Test
  void anUnsignedRecallDeactivatesButOffersNoDowngradeEvenWhereSignaturesAreRequired() {
    notes.publishSigned("linux", "1.0.0", 4);
    long bad = notes.publishSigned("linux", "1.0.1", 5);
    server.patch("/api/v1/apps/notes", "{\"require_signatures\":true}", TestServer.ADMIN_TOKEN);

    TestResponse recalled =
        notes.recall(bad, "{\"reason\":\"Sync deletes notes\"}", TestServer.ADMIN_TOKEN);
    JsonNode answer = notes.check("linux", "1.0.1", 5).json();
    JsonNode other = notes.check("linux", "1.0.0", 4).json();

    assertThat(recalled.status()).as(recalled.text()).isEqualTo(200);
    assertThat(recalled.json().at("/recall/signed").asBoolean()).isFalse();
    assertThat(recalled.json().get("warnings").get(0).asText()).startsWith("unsigned recall:");
    assertThat(notes.active(bad)).isFalse();
    assertThat(answer.get("release").isNull()).isTrue();
    assertThat(answer.get("downgrade").asBoolean()).isFalse();
    assertThat(answer.at("/recall/statement").isNull()).isTrue();
    assertThat(answer.at("/recall/reason").asText()).isEqualTo("Sync deletes notes");
    assertThat(answer.at("/recall/downgrade_allowed").asBoolean()).isFalse();
    assertThat(answer.at("/recall/message").asText())
        .isEqualTo(
            "Version 1.0.1 was recalled: Sync deletes notes. No older version is offered without"
                + " a signed recall; wait for a fixed version.");
    assertThat(other.get("current_recalled").asBoolean()).isFalse();
    assertThat(other.get("recall").isNull()).isTrue();
    assertThat(other.get("release").isNull()).isTrue();
  }

  @Test
  void aTargetThatIsDeactivatedLaterIsNoLongerOffered() {
    long good = notes.publishSigned("linux", "1.0.0", 4);
    long bad = notes.publishSigned("linux", "1.0.1", 5);
    notes.recall(bad, signedRecall("linux", true), TestServer.ADMIN_TOKEN);

    server.postAsAdmin("/api/v1/apps/notes/releases/" + good + "/deactivate", "");
    JsonNode answer = notes.check("linux", "1.0.1", 5).json();

    assertThat(answer.get("release").isNull()).isTrue();
    assertThat(answer.get("downgrade").asBoolean()).isFalse();
    assertThat(answer.at("/recall/message").asText())
        .endsWith(
            "The version the recall names to go back to is no longer available; wait for a"
                + " fixed version.");
  }

  @Test
  void activatingTheReleaseWithdrawsItsRecall() {
    notes.publishSigned("linux", "1.0.0", 4);
    long bad = notes.publishSigned("linux", "1.0.1", 5);
    notes.recall(bad, signedRecall("linux", true), TestServer.ADMIN_TOKEN);

    server.postAsAdmin("/api/v1/apps/notes/releases/" + bad + "/activate", "");
    JsonNode active = notes.check("linux", "1.0.1", 5).json();
    server.postAsAdmin("/api/v1/apps/notes/releases/" + bad + "/deactivate", "");
    JsonNode deactivated = notes.check("linux", "1.0.1", 5).json();

    assertThat(server.count("release_recalls")).isZero();
    assertThat(active.get("recall").isNull()).isTrue();
    assertThat(deactivated.get("release").isNull()).isTrue();
    assertThat(deactivated.at("/recall/reason").isNull()).isTrue();
    assertThat(deactivated.at("/recall/message").asText())
        .startsWith("Version 1.0.1 was withdrawn by its publisher.");
  }

  @Test
  void theSeedCheckKeepsItsNineFieldsAndOffersNoDowngrade() {
    RecallFixture seed = RecallFixture.create(server, "default");
    seed.publishSigned("linux", "1.0.0", 4);
    long bad = seed.publishSigned("linux", "1.0.1", 5);
    seed.recall(
        bad,
        seed.signedBody(seed.recall("linux", "1.0.1", 5).target(Version.parse("1.0.0"), 4).build()),
        TestServer.ADMIN_TOKEN);

    JsonNode answer =
        server
            .post(
                "/api/updates/check",
                "{\"platform\":\"linux\",\"current_version\":\"1.0.1+5\",\"device_id\":\"d\"}")
            .json();

    assertThat(answer.size()).isEqualTo(9);
    assertThat(answer.get("update_available").asBoolean()).isFalse();
    assertThat(answer.get("message").asText())
        .isEqualTo("This version has been withdrawn; no newer version is available yet.");
  }
}
