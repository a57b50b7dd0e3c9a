package dev.petrel.server.android;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.HostedReleases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestApk;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Publishing an APK: its manifest and signing certificates are read and compared with the app's
 * earlier APKs; what Android would refuse as an update is refused, and nothing of it is stored.
 */
class ApkPublishTest extends ServerTest {
  private static final TestSigner RELEASE_KEY = TestSigner.create("Field Notes release");
  private static final TestSigner OTHER_KEY = TestSigner.create("Someone else");

  private TestResponse publish(byte[] apk, String version, long code, String extra) {
    return HostedReleases.publish(
        server, apk, "android", version, code, "app-" + version + ".apk", extra);
  }

  private TestResponse publishFirst() {
    TestResponse first =
        publish(TestApk.signed("com.example.notes", 1, RELEASE_KEY), "1.0.0", 1, "");
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    return first;
  }

  private long auditCount(String action) {
    return server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }

  @Test
  void storesTheManifestAndSignerOfAnAcceptedApk() {
    long id = publishFirst().json().at("/release/id").asLong();

    TestResponse second =
        publish(TestApk.signed("com.example.notes", 2, RELEASE_KEY), "1.1.0", 2, "");

    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    assertThat(server.count("android_packages")).isEqualTo(2);
    assertThat(
            server.queryLong("SELECT version_code FROM android_packages WHERE release_id = " + id))
        .isEqualTo(1);
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM android_packages WHERE scheme = 2 AND signers = '"
                    + RELEASE_KEY.certificateSha256()
                    + "' AND package_name = 'com.example.notes'"))
        .isEqualTo(2);
  }

  @Test
  void refusesAnotherPackageNameAndStoresNothing() {
    publishFirst();
    long audited = server.count("audit_log");

    TestResponse refused =
        publish(TestApk.signed("com.example.other", 2, RELEASE_KEY), "1.1.0", 2, "");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("code").asText()).isEqualTo("android.package_mismatch");
    assertThat(refused.json().get("message").asText())
        .contains("'com.example.other'", "'com.example.notes'");
    assertNothingStoredBeyondTheFirst(audited);
  }

  @Test
  void refusesAVersionCodeOtherThanTheReleasesAndStoresNothing() {
    publishFirst();
    long audited = server.count("audit_log");

    TestResponse refused =
        publish(TestApk.signed("com.example.notes", 7, RELEASE_KEY), "1.1.0", 2, "");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("android.version_code_mismatch");
    assertThat(refused.json().get("message").asText()).contains("versionCode 7", "version code 2");
    assertNothingStoredBeyondTheFirst(audited);
  }

  @Test
  void refusesAnotherSigningCertificateWithoutTheRotationOverride() {
    publishFirst();
    long audited = server.count("audit_log");

    TestResponse refused =
        publish(TestApk.signed("com.example.notes", 2, OTHER_KEY), "1.1.0", 2, "");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("code").asText()).isEqualTo("android.signer_mismatch");
    assertThat(refused.json().get("message").asText())
        .contains(OTHER_KEY.certificateSha256(), RELEASE_KEY.certificateSha256())
        .contains("signing_certificate_rotation");
    assertNothingStoredBeyondTheFirst(audited);
  }

  @Test
  void acceptsAndAuditsARotationTheOverrideNamesAndComparesLaterApksWithTheNewKey() {
    publishFirst();

    TestResponse rotated =
        publish(
            TestApk.signed("com.example.notes", 2, OTHER_KEY),
            "1.1.0",
            2,
            "\"signing_certificate_rotation\":true");
    TestResponse oldKeyAgain =
        publish(TestApk.signed("com.example.notes", 3, RELEASE_KEY), "1.2.0", 3, "");
    JsonNode audit =
        server
            .get(
                "/api/v1/audit?action=release.signing_certificate_rotation", TestServer.ADMIN_TOKEN)
            .json();

    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(201);
    assertThat(audit.get("entries")).hasSize(1);
    assertThat(audit.at("/entries/0/target").asText())
        .isEqualTo(rotated.json().at("/release/id").asText());
    assertThat(audit.at("/entries/0/detail").asText())
        .contains(
            "from " + RELEASE_KEY.certificateSha256() + " to " + OTHER_KEY.certificateSha256());
    assertThat(audit.at("/entries/0/actor").asText()).startsWith("token:");
    assertThat(oldKeyAgain.json().get("code").asText()).isEqualTo("android.signer_mismatch");
  }

  @Test
  void readsAV1OnlySignatureAsTheSameSignerAsV2() {
    TestResponse v1 =
        publish(TestApk.of("com.example.notes", 1).v1(RELEASE_KEY).build(), "1.0.0", 1, "");
    TestResponse v2 = publish(TestApk.signed("com.example.notes", 2, RELEASE_KEY), "1.1.0", 2, "");

    assertThat(v1.status()).as(v1.toString()).isEqualTo(201);
    assertThat(v2.status()).as(v2.toString()).isEqualTo(201);
    assertThat(server.queryLong("SELECT MIN(scheme) FROM android_packages")).isEqualTo(1);
  }

  @Test
  void comparesTheV3SignerWhenAnApkCarriesV2AndV3() {
    publishFirst();

    byte[] apk =
        TestApk.of("com.example.notes", 2).v1(RELEASE_KEY).v2(RELEASE_KEY).v3(OTHER_KEY).build();
    TestResponse refused = publish(apk, "1.1.0", 2, "");

    assertThat(refused.json().get("code").asText()).isEqualTo("android.signer_mismatch");
    assertThat(refused.json().get("message").asText()).contains(OTHER_KEY.certificateSha256());
  }

  @Test
  void refusesAnUnsignedApk() {
    TestResponse refused = publish(TestApk.of("com.example.notes", 1).build(), "1.0.0", 1, "");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("android.apk_unreadable");
    assertThat(refused.json().get("message").asText()).contains("not signed");
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void refusesAnArchiveWhoseManifestIsNotBinaryXml() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("AndroidManifest.xml"));
      out.write("<manifest package=\"com.example.notes\"/>".getBytes(StandardCharsets.UTF_8));
    }

    TestResponse refused = publish(zip.toByteArray(), "1.0.0", 1, "");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("android.apk_unreadable");
    assertThat(refused.json().get("message").asText()).contains("binary XML");
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void leavesAnAndroidArtifactThatIsNoApkUninspected() {
    TestResponse data =
        HostedReleases.publish(
            server, new byte[] {9, 8, 7}, "android", "1.0.0", 1, "model.bin", "");
    TestResponse namedApk = publish(new byte[] {1, 2, 3, 4, 5}, "1.1.0", 2, "");

    assertThat(data.status()).isEqualTo(201);
    assertThat(namedApk.status()).isEqualTo(201);
    assertThat(server.count("android_packages")).isZero();
  }

  private void assertNothingStoredBeyondTheFirst(long auditedBefore) {
    assertThat(server.count("releases")).isEqualTo(1);
    assertThat(server.count("android_packages")).isEqualTo(1);
    assertThat(server.count("audit_log")).isEqualTo(auditedBefore + 1); // the upload alone
    assertThat(auditCount("release.publish")).isEqualTo(1);
    JsonNode check =
        server
            .post(
                "/api/updates/check",
                "{\"platform\":\"android\",\"current_version\":\"0.9.0+0\",\"device_id\":\"d\"}")
            .json();
    assertThat(check.get("latest_version").asText()).isEqualTo("1.0.0");
  }
}
