package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestApk;
import dev.petrel.server.testing.TestIpa;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code petrel publish} of mobile releases against a real server: APKs the server checks (and a
 * signing key rotation the publisher asks for), IPAs and App Store releases.
 */
class MobilePublishCommandTest extends ServerTest {
  private static final TestSigner KEY = TestSigner.create("release");
  private static final TestSigner NEW_KEY = TestSigner.create("release 2026");

  @Override
  protected void configure(ServerConfig.Builder config) {
    config.publicUrl("https://updates.example.test");
  }

  private CliRun petrel(String... args) {
    return CliRun.run(
        Map.of("PETREL_SERVER", server.url(), "PETREL_TOKEN", TestServer.ADMIN_TOKEN), args);
  }

  private String write(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file.toString();
  }

  private CliRun publishApk(String name, byte[] apk, String version, String... extra)
      throws Exception {
    String[] args = {
      "publish",
      "--app",
      "default",
      "--platform",
      "android",
      "--file",
      write(name, apk),
      "--version",
      version
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return petrel(all);
  }

  @Test
  void refusesAnApkSignedWithAnotherKeyUntilTheRotationIsAskedFor() throws Exception {
    CliRun first = publishApk("notes-1.apk", TestApk.signed("com.example.notes", 1, KEY), "1.0.0");
    CliRun refused =
        publishApk("notes-2.apk", TestApk.signed("com.example.notes", 2, NEW_KEY), "1.1.0");
    CliRun rotated =
        publishApk(
            "notes-2.apk",
            TestApk.signed("com.example.notes", 2, NEW_KEY),
            "1.1.0",
            "--signing-certificate-rotation");
    JsonNode audit =
        server
            .get(
                "/api/v1/audit?action=release.signing_certificate_rotation", TestServer.ADMIN_TOKEN)
            .json();

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("android.signer_mismatch", "--signing-certificate-rotation");
    assertThat(rotated.exit()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("published default 1.1.0 (code 2) for android");
    assertThat(audit.get("entries")).hasSize(1);
    assertThat(audit.at("/entries/0/detail").asText()).contains(NEW_KEY.certificateSha256());
  }

  @Test
  void publishesAnIpaWhoseLinkIsAnItmsServicesLink() throws Exception {
    String ipa =
        write("FieldNotes.ipa", TestIpa.binary(TestIpa.info("com.example.notes", "1.2.0", "12")));

    CliRun published =
        petrel(
            "publish",
            "--app",
            "default",
            "--platform",
            "ios",
            "--file",
            ipa,
            "--version",
            "1.2.0",
            "--version-code",
            "12");

    assertThat(published.exit()).as(published.err()).isZero();
    assertThat(published.out())
        .containsPattern(
            "download URL  itms-services://\\?action=download-manifest&url=https://updates"
                + "\\.example\\.test/api/v1/apps/default/releases/\\d+/manifest\\.plist");
  }

  @Test
  void publishesAnAppStoreReleaseWithoutAFile() {
    CliRun published =
        petrel(
            "publish",
            "--app",
            "default",
            "--platform",
            "ios",
            "--version",
            "1.3.0",
            "--version-code",
            "13",
            "--mandatory",
            "--app-store-url",
            "https://apps.apple.com/app/id1234567890");
    JsonNode check =
        server
            .post("/api/updates/check", "{\"platform\":\"ios\",\"current_version\":\"1.2.0+12\"}")
            .json();

    assertThat(published.exit()).as(published.err()).isZero();
    assertThat(published.out()).contains("sha256        -");
    assertThat(check.get("download_url").asText())
        .isEqualTo("https://apps.apple.com/app/id1234567890");
    assertThat(check.get("is_mandatory").asBoolean()).isTrue();
  }

  @Test
  void refusesAnAppStoreUrlWithAFileOrWithoutHttps() throws Exception {
    CliRun withFile =
        petrel(
            "publish",
            "--app",
            "default",
            "--platform",
            "ios",
            "--version",
            "1.3.0",
            "--file",
            write("x.ipa", new byte[] {1}),
            "--app-store-url",
            "https://apps.apple.com/app/id1");
    CliRun http =
        petrel(
            "publish",
            "--app",
            "default",
            "--platform",
            "ios",
            "--version",
            "1.3.0",
            "--app-store-url",
            "http://apps.apple.com/app/id1");
    CliRun neither =
        petrel("publish", "--app", "default", "--platform", "ios", "--version", "1.3.0");

    assertThat(withFile.exit()).isEqualTo(2);
    assertThat(withFile.err()).contains("takes no --file");
    assertThat(http.exit()).isEqualTo(2);
    assertThat(http.err()).contains("expected the app's https store page");
    assertThat(neither.exit()).isEqualTo(2);
    assertThat(neither.err()).contains("--file PATH", "--app-store-url URL");
    assertThat(server.count("releases")).isZero();
  }
}
