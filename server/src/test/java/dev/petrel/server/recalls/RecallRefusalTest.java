package dev.petrel.server.recalls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.Version;
import dev.petrel.server.testing.RecallFixture;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.SignedReleases;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refused recalls change nothing: the release stays active, no recall row, no audit entry. */
class RecallRefusalTest extends ServerTest {
  private RecallFixture notes;
  private long good;
  private long bad;
  private long auditBefore;
  private long revisionBefore;

  @BeforeEach
  void publish() {
    notes = RecallFixture.create(server, "notes");
    good = notes.publishSigned("linux", "1.0.0", 4);
    bad = notes.publishSigned("linux", "1.0.1", 5);
    auditBefore = server.count("audit_log");
    revisionBefore = server.queryLong("SELECT revision FROM catalogue_revision");
  }

  private void assertRefused(TestResponse answer, int status, String code, String message) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.json().get("ok").asBoolean()).isFalse();
    assertThat(answer.json().get("code").asText()).isEqualTo(code);
    assertThat(answer.json().get("message").asText()).startsWith(message);
    assertThat(notes.active(bad)).isTrue();
    assertThat(server.count("release_recalls")).isZero();
    assertThat(server.count("audit_log")).isEqualTo(auditBefore);
    assertThat(server.queryLong("SELECT revision FROM catalogue_revision"))
        .isEqualTo(revisionBefore);
    assertThat(notes.check("linux", "1.0.1", 5).json().get("current_recalled").asBoolean())
        .isFalse();
  }

  private String body(String version, long code, String targetVersion, long targetCode) {
    var statement = notes.recall("linux", version, code);
    if (targetVersion != null) {
      statement.target(Version.parse(targetVersion), targetCode);
    }
    return notes.signedBody(statement.build());
  }

  @Test
  void refusesASignatureByAKeyTheAppDoesNotHave() {
    String foreign =
        RecallFixture.signedBody(
            notes.recall("linux", "1.0.1", 5).build(), ReleaseKeyPair.generate());

    assertRefused(
        notes.recall(bad, foreign, TestServer.ADMIN_TOKEN),
        400,
        "recall.signature_invalid",
        "not signed by a registered key");
  }

  @Test
  void refusesAStatementThatNamesAnotherRelease() {
    assertRefused(
        notes.recall(bad, body("1.0.1", 6, null, 0), TestServer.ADMIN_TOKEN),
        400,
        "recall.statement_mismatch",
        "recalled_version_code: the signed recall says 6 but the recalled release has 5");
    assertRefused(
        notes.recall(good, body("1.0.1", 5, null, 0), TestServer.ADMIN_TOKEN),
        400,
        "recall.statement_mismatch",
        "recalled_version: the signed recall says 1.0.1 but the recalled release has 1.0.0");
    String android = notes.signedBody(notes.recall("android", "1.0.1", 5).build());
    assertRefused(
        notes.recall(bad, android, TestServer.ADMIN_TOKEN),
        400,
        "recall.statement_mismatch",
        "platform: the signed recall says android but the recalled release has linux");
  }

  @Test
  void refusesAReasonThatDiffersFromTheSignedOne() {
    String signed = body("1.0.1", 5, null, 0);
    String withReason = signed.replace("{", "{\"reason\":\"Something else\",");

    assertRefused(
        notes.recall(bad, withReason, TestServer.ADMIN_TOKEN),
        400,
        "recall.statement_mismatch",
        "reason: the signed recall says Crashes on start but the recalled release has Something");
  }

  @Test
  void refusesAReleaseStatementOfferedAsARecall() {
    ReleaseStatement release =
        SignedReleases.statement("notes", dev.petrel.protocol.Sha256.of(new byte[0]), 0).build();
    String body =
        "{\"statement\":\""
            + SignedReleases.base64(release.canonicalBytes())
            + "\",\"signature\":\""
            + notes.keys().signer().sign(release).signature()
            + "\"}";

    assertRefused(
        notes.recall(bad, body, TestServer.ADMIN_TOKEN),
        400,
        "recall.statement_invalid",
        "recall.type: expected 'petrel.recall.v1', found 'petrel.release.v1'");
  }

  @Test
  void refusesATargetThatIsMissingInactiveOrUnsigned() {
    assertRefused(
        notes.recall(bad, body("1.0.1", 5, "0.5.0", 3), TestServer.ADMIN_TOKEN),
        400,
        "recall.target_invalid",
        "target 0.5.0 (3): notes has no linux release with version code 3");
    long unsigned = notes.publishUnsigned("linux", "0.9.0", 2);
    String toUnsigned =
        notes.signedBody(
            notes.recall("linux", "1.0.1", 5).target(Version.parse("0.9.0"), 2).build());
    auditBefore = server.count("audit_log");
    revisionBefore = server.queryLong("SELECT revision FROM catalogue_revision");
    assertRefused(
        notes.recall(bad, toUnsigned, TestServer.ADMIN_TOKEN),
        400,
        "recall.target_invalid",
        "target 0.9.0 (2): it is not signed");
    server.postAsAdmin("/api/v1/apps/notes/releases/" + good + "/deactivate", "");
    auditBefore = server.count("audit_log");
    revisionBefore = server.queryLong("SELECT revision FROM catalogue_revision");
    assertRefused(
        notes.recall(bad, body("1.0.1", 5, "1.0.0", 4), TestServer.ADMIN_TOKEN),
        400,
        "recall.target_invalid",
        "target 1.0.0 (4): it is not active");
    assertThat(unsigned).isPositive();
  }

  @Test
  void refusesATargetWhoseVersionDiffers() {
    String wrongVersion =
        notes.signedBody(
            notes.recall("linux", "1.0.1", 5).target(Version.parse("0.9.9"), 4).build());

    assertRefused(
        notes.recall(bad, wrongVersion, TestServer.ADMIN_TOKEN),
        400,
        "recall.target_invalid",
        "target 0.9.9 (4): the release with that version code is version 1.0.0");
  }

  @Test
  void refusesMalformedBodies() {
    assertRefused(
        notes.recall(bad, "{}", TestServer.ADMIN_TOKEN),
        400,
        "request.missing_field",
        "reason: required for an unsigned recall");
    assertRefused(
        notes.recall(bad, "{\"reason\":\"  \"}", TestServer.ADMIN_TOKEN),
        400,
        "request.invalid_field",
        "reason: expected a text saying why");
    assertRefused(
        notes.recall(bad, "{\"reason\":\"" + "x".repeat(501) + "\"}", TestServer.ADMIN_TOKEN),
        400,
        "request.invalid_field",
        "reason: expected at most 500 characters, found 501");
    assertRefused(
        notes.recall(bad, "{\"statement\":\"e30=\"}", TestServer.ADMIN_TOKEN),
        400,
        "request.missing_field",
        "signature: required with a statement");
    assertRefused(
        notes.recall(
            bad, "{\"statement\":\"not base64\",\"signature\":\"x\"}", TestServer.ADMIN_TOKEN),
        400,
        "recall.statement_invalid",
        "statement: expected the recall statement bytes as standard base64");
  }

  @Test
  void refusesViewersAndUnknownReleases() {
    String viewer = TestTokens.issue(server, "viewer");
    auditBefore = server.count("audit_log");
    revisionBefore = server.queryLong("SELECT revision FROM catalogue_revision");

    assertRefused(notes.recall(bad, "{\"reason\":\"x\"}", viewer), 403, "auth.forbidden", "");
    assertRefused(notes.recall(bad, "{\"reason\":\"x\"}", null), 401, "auth.missing_token", "");
    assertRefused(
        notes.recall(999, "{\"reason\":\"x\"}", TestServer.ADMIN_TOKEN),
        404,
        "release.not_found",
        "no release 999 of app 'notes'");
    assertRefused(
        server.post(
            "/api/v1/apps/nope/releases/" + bad + "/recall",
            "{\"reason\":\"x\"}",
            TestServer.ADMIN_TOKEN),
        404,
        "app.not_found",
        "");
  }

  @Test
  void aPublisherMayRecallAndTheRecallIsAudited() {
    String publisher = TestTokens.issue(server, "publisher");

    TestResponse recalled = notes.recall(bad, body("1.0.1", 5, "1.0.0", 4), publisher);
    TestResponse read =
        server.get(
            "/api/v1/apps/notes/releases/" + bad + "/recall", TestTokens.issue(server, "viewer"));
    TestResponse none =
        server.get("/api/v1/apps/notes/releases/" + good + "/recall", TestServer.ADMIN_TOKEN);

    assertThat(recalled.status()).as(recalled.text()).isEqualTo(200);
    assertThat(recalled.json().at("/recall/recalled_by").asText()).startsWith("token:");
    assertThat(read.json().at("/recall/target_version_code").asLong()).isEqualTo(4);
    assertThat(read.json().at("/recall/statement").asText())
        .isEqualTo(recalled.json().at("/recall/statement").asText());
    assertThat(none.status()).isEqualTo(404);
    assertThat(none.json().get("code").asText()).isEqualTo("recall.not_found");
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'release.recall' AND target = '"
                    + bad
                    + "' AND detail LIKE 'linux 1.0.1 (5), signed by key "
                    + notes.keys().publicKey().id()
                    + ", target 1.0.0 (4): Crashes on start'"))
        .isEqualTo(1);
  }

  @Test
  void aSecondRecallReplacesTheFirst() {
    notes.recall(bad, "{\"reason\":\"first look\"}", TestServer.ADMIN_TOKEN);

    TestResponse signed = notes.recall(bad, body("1.0.1", 5, "1.0.0", 4), TestServer.ADMIN_TOKEN);

    assertThat(signed.status()).as(signed.text()).isEqualTo(200);
    assertThat(server.count("release_recalls")).isEqualTo(1);
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = 'release.recall'"))
        .isEqualTo(2);
    assertThat(notes.check("linux", "1.0.1", 5).json().get("downgrade").asBoolean()).isTrue();
  }
}
