package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.delta.PatchApplier;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.deltas.DeltaJars;
import dev.petrel.server.deltas.DeltaSettings;
import dev.petrel.server.testing.HostedReleases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code petrel deltas …} against a real server, asserting what the server then offers. */
class DeltasCommandTest extends ServerTest {
  static final byte[] V1 = DeltaJars.release(1, 300, 3000);
  static final byte[] V2 = DeltaJars.release(2, 300, 3000);

  @Override
  protected void configure(ServerConfig.Builder config) {
    // Nothing is planned on publish and no background worker runs: each test queues and makes the
    // patches it shows, so their states are the test's.
    config.deltas(new DeltaSettings(false, 3, 5, 256L << 20, Duration.ofMinutes(5)));
  }

  private CliRun petrel(String... args) {
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN), args);
  }

  @Test
  void aPatchMadeLocallyIsProvenUploadedListedAndOffered() throws Exception {
    long first = publish("1.0.0", 1, V1);
    long second = publish("1.0.1", 2, V2);
    Path old = Files.write(dir.resolve("app-1.0.0.jar"), V1);
    Path young = Files.write(dir.resolve("app-1.0.1.jar"), V2);
    Path patch = dir.resolve("out").resolve("1-to-2.patch");
    Files.createDirectories(patch.getParent());

    CliRun made =
        petrel("deltas", "generate", "--local", old.toString(), young.toString(), "-o", "" + patch);
    assertThat(made.exit()).as(made.err()).isZero();
    long size = Files.size(patch);
    assertThat(size).isLessThan(V2.length / 8);
    assertThat(made.out())
        .contains("petrel-zip-1", "(" + size + " bytes)", "proven")
        .containsPattern("saves 9\\d\\.\\d %")
        .doesNotContain("warning");
    assertThat(patch.getParent().toFile().list()).containsExactly("1-to-2.patch");
    Path rebuilt = dir.resolve("rebuilt.jar");
    PatchApplier.apply(old, patch, rebuilt, 1L << 30, PatchApplier.Progress.none());
    assertThat(Files.readAllBytes(rebuilt)).isEqualTo(V2);

    CliRun uploaded =
        petrel(
            "deltas",
            "upload",
            "--app",
            "default",
            "--release",
            "" + second,
            "--from",
            "" + first,
            patch.toString());
    assertThat(uploaded.exit()).as(uploaded.err()).isZero();
    assertThat(uploaded.out())
        .contains("uploaded patch 1 to release " + second + " from release " + first)
        .contains("(version code 1): ready, petrel-zip-1");

    CliRun list = petrel("deltas", "list", "--app", "default", "--release", "" + second);
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out())
        .containsPattern(
            "(?m)^ID +FROM +FROM CODE +SOURCE +STATE +FORMAT +PATCH +FULL +SAVING +REASON$")
        .containsPattern(
            "(?m)^1 +"
                + first
                + " +1 +uploaded +ready +petrel-zip-1 +\\d+\\.\\d KiB +\\d+\\.\\d KiB +9\\d\\.\\d % +-$");

    JsonNode offer = check(1).at("/release/delta");
    assertThat(offer.get("sha256").asText()).isEqualTo(Sha256.of(Files.readAllBytes(patch)).hex());
  }

  @Test
  void theServerQueuesMakesAndRemovesAPatchOnRequest() {
    long first = publish("1.0.0", 1, V1);
    long second = publish("1.0.1", 2, V2);
    assertThat(petrel("deltas", "list", "--app", "default", "--release", "" + second).out())
        .contains("release " + second + " has no patches");

    CliRun queued =
        petrel(
            "deltas",
            "generate",
            "--app",
            "default",
            "--release",
            "" + second,
            "--from",
            "" + first);
    assertThat(queued.exit()).as(queued.err()).isZero();
    assertThat(queued.out())
        .contains("queued patch 1 to release " + second + " from release " + first)
        .contains("(version code 1): pending");
    assertThat(petrel("deltas", "list", "--app", "default", "--release", "" + second).out())
        .containsPattern("(?m)^1 +" + first + " +1 +server +pending +- +- +\\d+\\.\\d KiB +- +-$");

    assertThat(server.server().deltaWorker().runOnce()).isTrue();
    assertThat(petrel("deltas", "list", "--app", "default", "--release", "" + second).out())
        .containsPattern(
            "(?m)^1 +" + first + " +1 +server +ready +petrel-zip-1 .* 9\\d\\.\\d % +-$");
    assertThat(check(1).at("/release/delta/from_version_code").asLong()).isEqualTo(1);

    CliRun removed = petrel("deltas", "remove", "--app", "default", "--release", "" + second, "1");
    assertThat(removed.exit()).as(removed.err()).isZero();
    assertThat(removed.out()).contains("removed patch 1 of release " + second);
    assertThat(check(1).at("/release/delta").isNull()).isTrue();
  }

  @Test
  void aLocalPatchThatSavesTooLittleIsWrittenWithAWarning() throws Exception {
    Path old = Files.write(dir.resolve("a.bin"), DeltaJars.noise(1, 100_000));
    Path young = Files.write(dir.resolve("b.bin"), DeltaJars.noise(2, 100_000));
    Path patch = dir.resolve("noise.patch");

    CliRun made =
        petrel("deltas", "generate", "--local", old.toString(), young.toString(), "-o", "" + patch);

    assertThat(made.exit()).as(made.err()).isZero();
    assertThat(made.out())
        .contains("petrel-bsdiff-1")
        .contains("warning: the patch saves less than 20 % of the download; the server refuses it");
    assertThat(patch).exists();
  }

  @Test
  void badUsageIsRefusedBeforeAnyRequest() throws Exception {
    Path old = Files.write(dir.resolve("a.jar"), V1);
    String missing = dir.resolve("missing.jar").toString();

    assertUsage(
        petrel("deltas", "generate"),
        "expected --app APP --release ID --from ID (the server makes the patch) or --local");
    assertUsage(
        petrel("deltas", "generate", "--local", old.toString(), missing, "-o", "p"),
        "--local NEW " + missing + ": no such file");
    assertUsage(
        petrel("deltas", "generate", "--local", old.toString(), old.toString()),
        "--local needs -o PATCH");
    assertUsage(
        petrel(
            "deltas",
            "generate",
            "--local",
            old.toString(),
            old.toString(),
            "-o",
            "p",
            "--release",
            "2"),
        "leave out --app, --release, --from");
    assertUsage(
        petrel("deltas", "generate", "--local", old.toString(), old.toString(), "-o", "" + old),
        "would overwrite OLD or NEW");
    assertUsage(
        petrel(
            "deltas", "generate", "--app", "default", "--release", "2", "--from", "1", "-o", "p"),
        "-o goes with --local");
    assertUsage(
        petrel("deltas", "list", "--app", "default", "--release", "0"),
        "--release: expected a positive id, found 0");
    assertUsage(
        petrel("deltas", "upload", "--app", "default", "--release", "2", "--from", "1", missing),
        "PATCH " + missing + ": no such file");
    assertUsage(
        petrel("deltas", "remove", "--app", "default", "--release", "2", "-3"),
        "DELTA_ID: expected a positive id, found -3");
    assertUsage(petrel("deltas"), "Missing required subcommand");
    assertThat(Files.exists(Path.of("p"))).isFalse();
  }

  @Test
  void whatTheServerRefusesIsReportedWithItsReason() throws Exception {
    long first = publish("1.0.0", 1, V1);
    long second = publish("1.0.1", 2, V2);
    Path old = Files.write(dir.resolve("a.jar"), V1);
    Path young = Files.write(dir.resolve("b.jar"), V2);
    Path patch = dir.resolve("p.patch");
    assertThat(
            petrel("deltas", "generate", "--local", "" + old, "" + young, "-o", "" + patch).exit())
        .isZero();
    byte[] bad = Files.readAllBytes(patch);
    bad[bad.length - 3] ^= 0x20;
    Files.write(patch, bad);

    assertFailure(
        petrel(
            "deltas",
            "upload",
            "--app",
            "default",
            "--release",
            "" + second,
            "--from",
            "" + first,
            "" + patch),
        "delta.invalid: ");
    assertFailure(
        petrel(
            "deltas",
            "generate",
            "--app",
            "default",
            "--release",
            "" + first,
            "--from",
            "" + second),
        "delta.invalid_pair: from_release_id: expected an earlier release");
    assertFailure(
        petrel("deltas", "remove", "--app", "default", "--release", "" + second, "9"),
        "delta.not_found: release " + second + " has no patch 9");
    assertFailure(
        petrel("deltas", "list", "--app", "default", "--release", "99"), "release.not_found");
    assertThat(server.queryLong("SELECT COUNT(*) FROM deltas")).isZero();
  }

  private static void assertUsage(CliRun run, String message) {
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err()).contains(message);
  }

  private static void assertFailure(CliRun run, String message) {
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err()).startsWith("petrel: ").contains(message);
  }

  private long publish(String version, long code, byte[] artifact) {
    return HostedReleases.publishLinux(server, version, code, artifact);
  }

  private JsonNode check(long versionCode) {
    return HostedReleases.checkLinux(server, versionCode);
  }
}
