package dev.petrel.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.client.testing.ArtifactServer;
import dev.petrel.client.testing.PetrelFixture;
import dev.petrel.client.testing.RecordingInstaller;
import dev.petrel.client.testing.RecordingListener;
import dev.petrel.client.testing.TreeSnapshot;
import dev.petrel.delta.generate.PatchGenerator;
import dev.petrel.protocol.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile patches reaching a real client: each is refused with its reason, nothing of it is
 * installed or left behind (the state and app trees gain only the verified full download), and the
 * full file is downloaded instead.
 */
class HostilePatchTest {
  @TempDir Path dir;
  private PetrelFixture petrel;
  private Path stateDir;
  private Path appDir;
  private Offer offer;
  private byte[] patch;
  private byte[] second;

  @BeforeEach
  void installOneZeroZeroAndPublishOneZeroOne() throws Exception {
    petrel = PetrelFixture.start(dir.resolve("server"));
    stateDir = dir.resolve("state");
    appDir = dir.resolve("app");
    petrel.publish("1.0.0", 10, jar(1));
    try (Updater updater = updater("0.9.0", 9, new RecordingInstaller(appDir, "0.9.0"))) {
      Offer first = updater.check().offer();
      updater.install(updater.download(first, null, new Cancellation()), null);
    }
    second = jar(2);
    petrel.publish("1.0.1", 11, second);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (petrel.server().queryLong("SELECT COUNT(*) FROM deltas WHERE state = 'ready'") == 0) {
      assertThat(System.nanoTime()).as("the patch is made").isLessThan(deadline);
      petrel.server().server().deltaWorker().runOnce();
      Thread.sleep(50);
    }
    try (Updater updater = updater("1.0.0", 10, null)) {
      offer = updater.check().offer();
    }
    patch = fetch(offer.patch().url());
  }

  @AfterEach
  void stop() {
    petrel.close();
  }

  @Test
  void aTruncatedPatchIsRefusedAndTheFullFileUsed() throws Exception {
    byte[] truncated = java.util.Arrays.copyOf(patch, patch.length / 2);
    refusedThenFull(truncated, "corrupt_patch");
  }

  @Test
  void aBitFlippedPatchIsRefusedAndTheFullFileUsed() throws Exception {
    byte[] flipped = patch.clone();
    flipped[flipped.length - 40] ^= 0x10;
    refusedThenFull(flipped, null);
  }

  @Test
  void aPatchForAnotherBaseIsRefusedAndTheFullFileUsed() throws Exception {
    Path other = Files.write(dir.resolve("other.jar"), jar(3));
    Path target = Files.write(dir.resolve("second.jar"), second);
    Path made = dir.resolve("other.patch");
    PatchGenerator.generate(other, target, made);
    refusedThenFull(Files.readAllBytes(made), "base_mismatch");
  }

  @Test
  void bytesThatAreNoPatchAtAllAreRefusedAndTheFullFileUsed() throws Exception {
    refusedThenFull("<html>not a patch</html>".getBytes(), "corrupt_patch");
  }

  private void refusedThenFull(byte[] hostile, String reason) throws Exception {
    TreeMap<String, String> appBefore = TreeSnapshot.of(appDir);
    TreeMap<String, String> stateBefore = TreeSnapshot.of(stateDir, Set.of("outbox"));
    RecordingListener listener = new RecordingListener();
    try (ArtifactServer evil = ArtifactServer.serving(hostile);
        Updater updater = updater("1.0.0", 10, null)) {
      Patch served =
          new Patch(
              offer.patch().format(),
              offer.patch().fromVersionCode(),
              offer.patch().fromSha256(),
              evil.artifactUri(),
              hostile.length,
              Sha256.of(hostile).hex());
      VerifiedUpdate update =
          updater.download(withPatch(offer, served), listener, new Cancellation());
      assertThat(Files.readAllBytes(update.file())).isEqualTo(second);
    }
    String failed =
        listener.calls().stream()
            .filter(call -> call.startsWith("patchFailed"))
            .findFirst()
            .orElseThrow();
    if (reason != null) {
      assertThat(failed).isEqualTo("patchFailed " + reason);
    }
    assertThat(listener.calls()).doesNotContain("patchApplied").contains("verified 1.0.1");
    assertThat(TreeSnapshot.of(appDir)).isEqualTo(appBefore);
    TreeMap<String, String> expected = new TreeMap<>(stateBefore);
    expected.put("downloads/" + Sha256.of(second).hex(), Sha256.of(second).hex());
    assertThat(TreeSnapshot.of(stateDir, Set.of("outbox"))).isEqualTo(expected);
  }

  private static Offer withPatch(Offer offer, Patch patch) {
    return new Offer(
        offer.version(),
        offer.versionCode(),
        offer.channel(),
        offer.mandatory(),
        offer.releaseNotes(),
        offer.size(),
        offer.sha256(),
        offer.downloadUrl(),
        offer.downgrade(),
        offer.statement(),
        offer.signature(),
        offer.signingKeyId(),
        offer.recallStatement(),
        offer.recallSignature(),
        patch);
  }

  private Updater updater(String version, long code, Installer installer) {
    return Updater.builder()
        .server(petrel.uri())
        .app(PetrelFixture.APP)
        .platform(PetrelFixture.PLATFORM)
        .installedVersion(version, code)
        .trustedKey(petrel.publicKey())
        .stateDir(stateDir)
        .installer(installer)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(10))
        .reportEvents(false)
        .build();
  }

  private static byte[] fetch(URI url) throws Exception {
    HttpResponse<byte[]> answer =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }

  /** A jar-like archive; edition n changes a few of its entries. */
  private static byte[] jar(int edition) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < 200; i++) {
        zip.putNextEntry(new ZipEntry("lib/C" + i + ".class"));
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 60; line++) {
          text.append("class C").append(i).append(" method").append(line);
          text.append(i % 17 == 0 ? " edition " + edition : "").append('\n');
        }
        zip.write(text.toString().getBytes());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
