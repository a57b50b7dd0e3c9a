package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.client.testing.ArtifactServer;
import dev.petrel.client.testing.RecordingListener;
import dev.petrel.client.testing.TreeSnapshot;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import java.nio.file.Files;
import java.util.Base64;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every way verification refuses an update, each after a real earlier install so the state is not
 * empty, and each asserting the state directory and the app directory are byte-identical before and
 * after (the outbox, which only gains the failure report, is compared apart).
 */
class RefusalTest extends RefusalFixture {
  @Test
  void refusesAStatementSignedByAnUnpinnedKey() throws Exception {
    assertRefusedUntouched(
        offer(sign(ReleaseKeyPair.generate(), statement(GOOD))), "not made by any of the 1 pinned");
  }

  @Test
  void refusesAStatementChangedAfterSigning() throws Exception {
    SignedStatement signed = sign(pinned, statement(GOOD));
    ReleaseStatement other = statement(GOOD).versionCode(13).build();
    assertRefusedUntouched(
        offer(
            Base64.getEncoder().encodeToString(other.canonicalBytes()), signed.signature(), other),
        "not made by any of the 1 pinned");
  }

  @Test
  void refusesAMalformedSignature() throws Exception {
    ReleaseStatement statement = statement(GOOD).build();
    assertRefusedUntouched(
        offer(Base64.getEncoder().encodeToString(statement.canonicalBytes()), "AAAA", statement),
        "signature");
  }

  @Test
  void refusesAReleaseOfAnotherApp() throws Exception {
    assertRefusedUntouched(
        offer(sign(pinned, statement(GOOD).app(new AppId("other")))),
        "signed for app 'other', this is 'notes'");
  }

  @Test
  void refusesAReleaseOfAnotherPlatform() throws Exception {
    assertRefusedUntouched(
        offer(sign(pinned, statement(GOOD).platform(new Platform("windows")))),
        "signed for platform 'windows', this is 'linux'");
  }

  @Test
  void refusesAReleaseOfAChannelThisDeviceDoesNotReceive() throws Exception {
    assertRefusedUntouched(
        offer(sign(pinned, statement(GOOD).channel(Channel.BETA))),
        "signed for channel 'beta', which channel 'stable' does not receive");
  }

  @Test
  void refusesAVersionCodeNotAboveTheInstalledOne() throws Exception {
    assertRefusedUntouched(
        offer(sign(pinned, statement(GOOD).version(Version.parse("1.1.1")).versionCode(11))),
        "version code is not above the installed 11");
  }

  @Test
  void refusesADowngradeWithoutASignedRecall() throws Exception {
    SignedStatement signed =
        sign(pinned, statement(GOOD).version(Version.parse("1.0.0")).versionCode(10));
    Offer plain = offer(signed);
    Offer downgrade =
        new Offer(
            plain.version(),
            plain.versionCode(),
            plain.channel(),
            false,
            "",
            plain.size(),
            plain.sha256(),
            plain.downloadUrl(),
            true,
            plain.statement(),
            plain.signature(),
            null,
            "e30=",
            "AAAA");
    assertRefusedUntouched(downgrade, "recall");
  }

  @Test
  void refusesBytesWhoseSha256DiffersAndDeletesThem() throws Exception {
    byte[] other = UpdaterServerTest.artifact(GOOD.length, 99);
    files.change(ArtifactServer.Content.of(other), "\"other\"");
    assertRefusedUntouched(
        offer(sign(pinned, statement(GOOD))), "the signed statement says " + Sha256.of(GOOD).hex());
  }

  @Test
  void refusesBytesOfAnotherSize() throws Exception {
    assertRefusedUntouched(
        offer(sign(pinned, statement(GOOD).size(GOOD.length - 1))),
        "the server's file is "
            + GOOD.length
            + " bytes, the signed statement says "
            + (GOOD.length - 1));
  }

  @Test
  void refusesToInstallAFileChangedSinceItWasVerified() throws Exception {
    VerifiedUpdate update = updater.download(offer(sign(pinned, statement(GOOD))), null, null);
    byte[] changed = GOOD.clone();
    changed[0] ^= 1;
    Files.write(update.file(), changed);
    TreeMap<String, String> state = TreeSnapshot.of(stateDir);
    TreeMap<String, String> app = TreeSnapshot.of(appDir);
    RecordingListener listener = new RecordingListener();

    assertThatThrownBy(() -> updater.install(update, listener))
        .hasMessageContaining("no longer has the verified size and SHA-256")
        .extracting(e -> ((UpdateException) e).reason())
        .isEqualTo(UpdateException.Reason.VERIFICATION);
    assertThat(TreeSnapshot.of(stateDir)).isEqualTo(state);
    assertThat(TreeSnapshot.of(appDir)).isEqualTo(app);
    assertThat(listener.calls()).containsExactly("failed VERIFICATION");
    assertThat(installer.installs()).hasSize(1);
  }

  @Test
  void installsTheGoodReleaseAfterAllThat() throws Exception {
    VerifiedUpdate update = updater.download(offer(sign(pinned, statement(GOOD))), null, null);
    updater.install(update, null);

    assertThat(installer.installs()).hasSize(2);
    assertThat(Files.readAllBytes(appDir.resolve("versions/1.2.0/artifact"))).isEqualTo(GOOD);
    assertThat(updater.history())
        .extracting(HistoryEntry::toVersion)
        .containsExactly("1.1.0", "1.2.0");
  }
}
