package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.RecallStatement;
import dev.petrel.protocol.RecallStatementBuilder;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.SignedRecall;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * A downgrade is installed only with a recall statement signed by a pinned key that recalls the
 * installed version (1.1.0, code 11) and names the offered release as the target; every other
 * recall is refused without a trace.
 */
class RecallDowngradeTest extends RefusalFixture {
  private SignedStatement target() {
    return sign(pinned, statement(GOOD).version(Version.parse("1.0.1")).versionCode(10));
  }

  private static RecallStatementBuilder recall() {
    return RecallStatement.builder()
        .app(new AppId("notes"))
        .platform(new Platform("linux"))
        .recalled(Version.parse("1.1.0"), 11)
        .target(Version.parse("1.0.1"), 10)
        .reason("crashes on start")
        .issuedAt(Instant.parse("2026-11-23T18:30:00Z"));
  }

  private Offer downgrade(SignedStatement target, SignedRecall recall) {
    Offer plain = offer(target);
    return new Offer(
        plain.version(),
        plain.versionCode(),
        plain.channel(),
        true,
        "",
        plain.size(),
        plain.sha256(),
        plain.downloadUrl(),
        true,
        plain.statement(),
        plain.signature(),
        null,
        Base64.getEncoder().encodeToString(recall.statement().canonicalBytes()),
        recall.signature());
  }

  @Test
  void installsADowngradeBackedByASignedRecall() throws Exception {
    SignedRecall recall = pinned.signer().sign(recall().build());

    VerifiedUpdate update = updater.download(downgrade(target(), recall), null, null);
    updater.install(update, null);

    assertThat(installer.installs()).hasSize(2);
    assertThat(Files.readAllBytes(appDir.resolve("versions/1.0.1/artifact"))).isEqualTo(GOOD);
    assertThat(updater.history())
        .last()
        .satisfies(
            entry -> {
              assertThat(entry.kind()).isEqualTo("recall");
              assertThat(entry.fromVersion()).isEqualTo("1.1.0");
              assertThat(entry.toVersion()).isEqualTo("1.0.1");
            });
    assertThat(outbox()).anyMatch(event -> event.contains("\"type\":\"recall_applied\""));
  }

  @Test
  void refusesARecallSignedByAnUnpinnedKey() throws Exception {
    SignedRecall recall = ReleaseKeyPair.generate().signer().sign(recall().build());
    assertRefusedUntouched(downgrade(target(), recall), "recall signature: not made by any");
  }

  @Test
  void refusesARecallOfAnotherVersion() throws Exception {
    SignedRecall recall =
        pinned.signer().sign(recall().recalled(Version.parse("1.2.0"), 12).build());
    assertRefusedUntouched(
        downgrade(target(), recall), "the recall names version code 12, the installed one is 11");
  }

  @Test
  void refusesARecallNamingAnotherTarget() throws Exception {
    SignedRecall recall = pinned.signer().sign(recall().target(Version.parse("1.0.0"), 9).build());
    assertRefusedUntouched(downgrade(target(), recall), "the signed recall names 1.0.0 (9)");
  }

  @Test
  void refusesARecallWithoutTarget() throws Exception {
    SignedRecall recall = pinned.signer().sign(recall().noTarget().build());
    assertRefusedUntouched(
        downgrade(target(), recall), "the signed recall names no release to go back to");
  }

  @Test
  void refusesARecallOfAnotherPlatform() throws Exception {
    SignedRecall recall = pinned.signer().sign(recall().platform(new Platform("windows")).build());
    assertRefusedUntouched(downgrade(target(), recall), "the recall is for notes on windows");
  }

  @Test
  void refusesALowerVersionOfferedWithoutTheDowngradeFlag() throws Exception {
    assertRefusedUntouched(offer(target()), "version code is not above the installed 11");
  }
}
