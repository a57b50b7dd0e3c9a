package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.petrel.client.testing.ArtifactServer;
import dev.petrel.client.testing.RecordingInstaller;
import dev.petrel.client.testing.RecordingListener;
import dev.petrel.client.testing.TreeSnapshot;
import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.ReleaseStatementBuilder;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.Version;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way verification refuses an update, each after a real earlier install so the state is not
 * empty, and each asserting the state directory and the app directory are byte-identical before and
 * after (the outbox, which only gains the failure report, is compared apart).
 */
abstract class RefusalFixture {
  static final byte[] GOOD = UpdaterServerTest.artifact(200_000, 11);

  @TempDir Path dir;
  final ReleaseKeyPair pinned = ReleaseKeyPair.generate();
  ArtifactServer files;
  Path stateDir;
  Path appDir;
  RecordingInstaller installer;
  Updater updater;

  @BeforeEach
  void installOneReleaseFirst() throws Exception {
    files = ArtifactServer.serving(UpdaterServerTest.artifact(1000, 12));
    stateDir = dir.resolve("state");
    appDir = dir.resolve("app");
    installer = new RecordingInstaller(appDir, "1.0.0");
    updater =
        Updater.builder()
            .server(UpdaterServerTest.deadServer())
            .app("notes")
            .platform("linux")
            .installedVersion("1.0.0", 10)
            .trustedKey(pinned.publicKey().base64())
            .stateDir(stateDir)
            .installer(installer)
            .connectTimeout(Duration.ofSeconds(1))
            .build();
    byte[] first = UpdaterServerTest.artifact(1000, 12);
    Offer earlier =
        offer(sign(pinned, statement(first).version(Version.parse("1.1.0")).versionCode(11)));
    updater.install(updater.download(earlier, null, null), null);
    files.change(ArtifactServer.Content.of(GOOD), "\"good\"");
    assertThat(installer.installs()).hasSize(1);
  }

  @AfterEach
  void stop() {
    updater.close();
    files.close();
  }

  static ReleaseStatementBuilder statement(byte[] bytes) {
    return ReleaseStatement.builder()
        .app(new AppId("notes"))
        .platform(new Platform("linux"))
        .channel(Channel.STABLE)
        .version(Version.parse("1.2.0"))
        .versionCode(12)
        .sha256(Sha256.of(bytes))
        .size(bytes.length)
        .issuedAt(Instant.parse("2026-11-23T18:00:00Z"));
  }

  static SignedStatement sign(ReleaseKeyPair key, ReleaseStatementBuilder statement) {
    return key.signer().sign(statement.build());
  }

  Offer offer(SignedStatement signed) {
    return offer(
        Base64.getEncoder().encodeToString(signed.statement().canonicalBytes()),
        signed.signature(),
        signed.statement());
  }

  Offer offer(String statement, String signature, ReleaseStatement claimed) {
    return new Offer(
        claimed.version().toString(),
        claimed.versionCode(),
        "stable",
        false,
        "",
        claimed.size(),
        claimed.sha256().hex(),
        files.artifactUri(),
        false,
        statement,
        signature,
        null,
        null,
        null);
  }

  /** Downloads (and installs) {@code offer}, expecting a refusal that changes nothing. */
  void assertRefusedUntouched(Offer offer, String message) throws Exception {
    TreeMap<String, String> state = TreeSnapshot.of(stateDir, Set.of("outbox"));
    TreeMap<String, String> app = TreeSnapshot.of(appDir);
    List<String> outboxBefore = outbox();
    RecordingListener listener = new RecordingListener();

    assertThatThrownBy(() -> updater.install(updater.download(offer, listener, null), listener))
        .isInstanceOf(UpdateException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((UpdateException) e).reason())
        .isEqualTo(UpdateException.Reason.VERIFICATION);

    assertThat(TreeSnapshot.of(stateDir, Set.of("outbox"))).isEqualTo(state);
    assertThat(TreeSnapshot.of(appDir)).isEqualTo(app);
    assertThat(installer.installs()).hasSize(1);
    assertThat(listener.calls().get(listener.calls().size() - 1)).isEqualTo("failed VERIFICATION");
    List<String> added = outbox();
    added.removeAll(outboxBefore);
    // The refusal is reported; a refusal after the bytes were fetched also reported the start.
    assertThat(added).anyMatch(event -> event.contains("\"type\":\"download_failed\""));
    assertThat(added)
        .allMatch(
            event ->
                event.contains("\"type\":\"download_failed\"")
                    || event.contains("\"type\":\"download_started\""));
  }

  List<String> outbox() throws Exception {
    List<String> events = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(stateDir.resolve("outbox"))) {
      for (Path file : stream) {
        events.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    }
    return events;
  }
}
