package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.protocol.StatementVerifier;
import dev.petrel.server.testing.RecallFixture;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code petrel releases recall} against a real server, asserting what devices are then told. */
class ReleasesRecallCommandTest extends ServerTest {
  private RecallFixture notes;
  private Path key;

  @BeforeEach
  void createAppAndKey() throws Exception {
    notes = RecallFixture.create(server, "notes");
    key = dir.resolve("release.key");
    notes.keys().writePrivateKey(key);
  }

  private CliRun petrel(String... args) {
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN), args);
  }

  private CliRun recall(long id, String... more) {
    String[] base = {
      "releases", "recall", "--app", "notes", "--id", String.valueOf(id), "--reason", "Crashes"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return petrel(args);
  }

  private JsonNode recallOf(long id) {
    return server
        .get("/api/v1/apps/notes/releases/" + id + "/recall", TestServer.ADMIN_TOKEN)
        .json()
        .get("recall");
  }

  @Test
  void signsARecallToTheNewestGoodLowerReleaseByDefault() {
    notes.publishSigned("linux", "0.9.0", 3);
    notes.publishSigned("linux", "1.0.0", 4);
    notes.publishUnsigned("linux", "1.0.0-rc.1", 5);
    long bad = notes.publishSigned("linux", "1.0.1", 6);

    CliRun run = recall(bad, "--key", key.toString());
    JsonNode answer = notes.check("linux", "1.0.1", 6).json();

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("recalled release " + bad + " (notes 1.0.1 for linux on stable): inactive")
        .contains(
            "signed with key "
                + notes.keys().publicKey().id()
                + "; target 1.0.0 (4): devices on it are offered the target");
    assertThat(run.err()).isEmpty();
    assertThat(answer.get("downgrade").asBoolean()).isTrue();
    assertThat(answer.at("/release/version").asText()).isEqualTo("1.0.0");
    RecallStatement signed =
        StatementVerifier.verifyAndParseRecall(
                Base64.getDecoder().decode(answer.at("/recall/statement").asText()),
                answer.at("/recall/signature").asText(),
                List.of(notes.keys().publicKey()))
            .statement();
    assertThat(signed.reason()).isEqualTo("Crashes");
    assertThat(signed.recalledVersionCode()).isEqualTo(6);
    assertThat(signed.target().versionCode()).isEqualTo(4);
  }

  @Test
  void takesAnExplicitTargetOrNone() {
    notes.publishSigned("windows", "0.9.0", 3);
    notes.publishSigned("windows", "1.0.0", 4);
    long bad = notes.publishSigned("windows", "1.0.1", 5);

    CliRun toOlder = recall(bad, "--key", key.toString(), "--target", "0.9.0");
    long targetCode = recallOf(bad).get("target_version_code").asLong();
    CliRun none = recall(bad, "--key", key.toString(), "--no-downgrade");

    assertThat(toOlder.exit()).as(toOlder.err()).isZero();
    assertThat(targetCode).isEqualTo(3);
    assertThat(none.exit()).as(none.err()).isZero();
    assertThat(none.out()).contains("; no target");
    assertThat(none.err()).contains("warning: the recall names no target");
    assertThat(recallOf(bad).get("target_version").isNull()).isTrue();
  }

  @Test
  void anAndroidRecallNamesNoTargetAndWarnsToFixForward() {
    notes.publishSigned("android", "1.0.0", 4);
    long bad = notes.publishSigned("android", "1.0.1", 5);

    CliRun run = recall(bad, "--key", key.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("warning: android installers refuse downgrades")
        .contains("(a fix forward)");
    assertThat(recallOf(bad).get("signed").asBoolean()).isTrue();
    assertThat(recallOf(bad).get("target_version").isNull()).isTrue();
  }

  @Test
  void withoutAKeyTheRecallIsUnsigned() {
    notes.publishSigned("linux", "1.0.0", 4);
    long bad = notes.publishSigned("linux", "1.0.1", 5);

    CliRun run = recall(bad);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("unsigned: devices are told, no downgrade is offered");
    assertThat(run.err()).contains("warning: unsigned recall");
    assertThat(notes.check("linux", "1.0.1", 5).json().get("downgrade").asBoolean()).isFalse();
  }

  @Test
  void refusesBadUsageAndBadTargetsWithoutChangingAnything() {
    notes.publishSigned("linux", "1.0.0", 4);
    long unsigned = notes.publishUnsigned("linux", "1.0.1", 5);
    long bad = notes.publishSigned("linux", "1.0.2", 6);

    CliRun targetWithoutKey = recall(bad, "--target", "1.0.0");
    CliRun both = recall(bad, "--key", key.toString(), "--target", "1.0.0", "--no-downgrade");
    CliRun blank =
        petrel("releases", "recall", "--app", "notes", "--id", "" + bad, "--reason", " ");
    CliRun unsignedTarget = recall(bad, "--key", key.toString(), "--target", "1.0.1");
    CliRun missingTarget = recall(bad, "--key", key.toString(), "--target", "0.1.0");
    CliRun noKeyFile = recall(bad, "--key", dir.resolve("nope.key").toString());

    assertThat(targetWithoutKey.exit()).isEqualTo(2);
    assertThat(targetWithoutKey.err()).contains("--target needs --key");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(blank.exit()).isEqualTo(2);
    assertThat(blank.err()).contains("reason: expected a text saying why");
    assertThat(unsignedTarget.exit()).isEqualTo(1);
    assertThat(unsignedTarget.err())
        .contains("petrel: recall.target_invalid: target 1.0.1 (5): it is not signed");
    assertThat(missingTarget.exit()).isEqualTo(1);
    assertThat(missingTarget.err()).contains("notes has no linux release with that version");
    assertThat(noKeyFile.exit()).isEqualTo(2);
    assertThat(server.count("release_recalls")).isZero();
    assertThat(notes.active(bad)).isTrue();
    assertThat(notes.active(unsigned)).isTrue();
  }

  @Test
  void theDefaultTargetSkipsPausedAndScheduledReleases() {
    notes.publishSigned("linux", "1.0.0", 4);
    long paused = notes.publishSigned("linux", "1.1.0", 5);
    String later = server.clock().instant().plusSeconds(86_400).toString();
    notes.publishSigned("linux", "1.2.0", 6, ",\"publish_at\":\"" + later + "\"");
    long bad = notes.publishSigned("linux", "1.3.0", 7);
    pause(paused);

    CliRun run = recall(bad, "--key", key.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("; target 1.0.0 (4): devices on it are offered the target");
    assertThat(recallOf(bad).get("target_version").asText()).isEqualTo("1.0.0");
  }

  @Test
  void aPausedTargetIsRefusedAndNothingIsRecalled() {
    notes.publishSigned("linux", "1.0.0", 4);
    long paused = notes.publishSigned("linux", "1.1.0", 5);
    long bad = notes.publishSigned("linux", "1.2.0", 6);
    pause(paused);

    CliRun run = recall(bad, "--key", key.toString(), "--target", "1.1.0");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "petrel: recall.target_invalid: target 1.1.0 (5): its rollout is paused or halted"
                + System.lineSeparator());
    assertThat(server.count("release_recalls")).isZero();
    assertThat(notes.active(bad)).isTrue();
  }

  private void pause(long id) {
    assertThat(
            server
                .postAsAdmin("/api/v1/apps/notes/releases/" + id + "/rollout/pause", "{}")
                .status())
        .isEqualTo(200);
  }

  @Test
  void aViewerTokenIsRefusedByTheServer() {
    long bad = notes.publishSigned("linux", "1.0.1", 5);
    String viewer = dev.petrel.server.testing.TestTokens.issue(server, "viewer");

    CliRun run =
        CliRun.run(
            Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", viewer),
            "releases",
            "recall",
            "--app",
            "notes",
            "--id",
            "" + bad,
            "--reason",
            "x");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("auth.forbidden");
    assertThat(notes.active(bad)).isTrue();
  }
}
