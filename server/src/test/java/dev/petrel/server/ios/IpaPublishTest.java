package dev.petrel.server.ios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.HostedReleases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestIpa;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Publishing an enterprise or ad-hoc IPA: its Info.plist is read and compared with the release, and
 * devices are handed an itms-services link to the manifest the server writes for it.
 */
class IpaPublishTest extends ServerTest {
  static final String PUBLIC_URL = "https://updates.example.test";

  @Override
  protected void configure(ServerConfig.Builder config) {
    config.publicUrl(PUBLIC_URL);
  }

  private TestResponse publish(byte[] ipa, String version, long code) {
    return HostedReleases.publish(server, ipa, "ios", version, code, "FieldNotes.ipa", "");
  }

  private static Map<String, String> info(String shortVersion, String build) {
    return TestIpa.info("com.example.fieldnotes", shortVersion, build);
  }

  private long publishMatching() {
    TestResponse published = publish(TestIpa.binary(info("1.2.0", "12")), "1.2.0", 12);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().at("/release/id").asLong();
  }

  private static String itms(long id) {
    return "itms-services://?action=download-manifest&url="
        + PUBLIC_URL
        + "/api/v1/apps/default/releases/"
        + id
        + "/manifest.plist";
  }

  @Test
  void acceptsAnIpaWhoseBinaryInfoPlistMatchesAndHandsOutItsItmsLinkInBothChecks() {
    long id = publishMatching();

    JsonNode seed =
        server
            .post(
                "/api/updates/check",
                "{\"platform\":\"ios\",\"current_version\":\"1.1.0+11\",\"device_id\":\"d\"}")
            .json();
    JsonNode v1 =
        server
            .post(
                "/api/v1/apps/default/check",
                "{\"platform\":\"ios\",\"current_version\":\"1.1.0+11\",\"device_id\":\"d\"}")
            .json();
    JsonNode latest = server.get("/api/updates/latest?platform=ios").json();

    assertThat(seed.get("update_available").asBoolean()).isTrue();
    assertThat(seed.get("download_url").asText()).isEqualTo(itms(id));
    assertThat(v1.at("/release/download_url").asText()).isEqualTo(itms(id));
    assertThat(latest.get("download_url").asText()).isEqualTo(itms(id));
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM ios_bundles WHERE bundle_id = 'com.example.fieldnotes'"))
        .isEqualTo(1);
  }

  @Test
  void acceptsAnIpaWhoseXmlInfoPlistMatchesAndTwoPartShortVersions() {
    TestResponse published = publish(TestIpa.xml(info("2.0", "20")), "2.0.0", 20);

    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    assertThat(server.count("ios_bundles")).isEqualTo(1);
  }

  @Test
  void servesTheManifestWithTheKeysIosReadsAsXml() {
    long id = publishMatching();
    String sha =
        server
            .get("/api/v1/apps/default/releases/" + id, TestServer.ADMIN_TOKEN)
            .json()
            .at("/release/checksum")
            .asText();

    TestResponse manifest = server.get("/api/v1/apps/default/releases/" + id + "/manifest.plist");

    assertThat(manifest.status()).isEqualTo(200);
    assertThat(manifest.header("Content-Type")).startsWith("text/xml");
    Object parsed = PropertyList.parse(manifest.body());
    assertThat(parsed).isInstanceOf(Map.class);
    Map<?, ?> item = (Map<?, ?>) ((java.util.List<?>) ((Map<?, ?>) parsed).get("items")).get(0);
    Map<?, ?> asset = (Map<?, ?>) ((java.util.List<?>) item.get("assets")).get(0);
    Map<?, ?> metadata = (Map<?, ?>) item.get("metadata");
    assertThat(asset.get("kind")).isEqualTo("software-package");
    assertThat(asset.get("url")).isEqualTo(PUBLIC_URL + "/downloads/" + sha + "/FieldNotes.ipa");
    assertThat(metadata.get("bundle-identifier")).isEqualTo("com.example.fieldnotes");
    assertThat(metadata.get("bundle-version")).isEqualTo("1.2.0");
    assertThat(metadata.get("kind")).isEqualTo("software");
    assertThat(metadata.get("title")).isEqualTo("Field Notes");
  }

  @Test
  void refusesAnIpaWhoseShortVersionDisagreesAndStoresNothing() {
    TestResponse refused = publish(TestIpa.binary(info("1.3.0", "12")), "1.2.0", 12);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("ios.bundle_mismatch");
    assertThat(refused.json().get("message").asText())
        .contains("CFBundleShortVersionString '1.3.0'", "version 1.2.0");
    assertThat(server.count("releases")).isZero();
    assertThat(server.count("ios_bundles")).isZero();
  }

  @Test
  void refusesAnIpaWhoseBundleVersionDisagreesWithTheVersionCode() {
    TestResponse refused = publish(TestIpa.xml(info("1.2.0", "13")), "1.2.0", 12);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("ios.bundle_mismatch");
    assertThat(refused.json().get("message").asText())
        .contains("CFBundleVersion '13'", "version code 12");
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void refusesAnotherBundleIdThanTheAppsEarlierIpas() {
    publishMatching();

    TestResponse refused =
        publish(TestIpa.binary(TestIpa.info("com.example.other", "1.3.0", "13")), "1.3.0", 13);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("code").asText()).isEqualTo("ios.bundle_id_mismatch");
    assertThat(server.count("releases")).isEqualTo(1);
    assertThat(server.count("ios_bundles")).isEqualTo(1);
  }

  @Test
  void refusesAnArchiveWithoutAnAppBundle() {
    TestResponse refused = publish(new byte[] {'P', 'K', 5, 6}, "1.2.0", 12);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("ios.ipa_unreadable");
  }

  @Test
  void hasNoManifestForADeactivatedIpaOrAnAppStoreRelease() {
    long ipa = publishMatching();
    server.postAsAdmin("/api/v1/apps/default/releases/" + ipa + "/deactivate", "");
    long store =
        server
            .postAsAdmin(
                "/api/v1/apps/default/releases",
                """
                {"platform":"ios","version":"1.3.0","version_code":13,
                 "download_url":"https://apps.apple.com/app/id1234567890"}
                """)
            .json()
            .at("/release/id")
            .asLong();

    TestResponse deactivated =
        server.get("/api/v1/apps/default/releases/" + ipa + "/manifest.plist");
    TestResponse appStore =
        server.get("/api/v1/apps/default/releases/" + store + "/manifest.plist");

    assertThat(deactivated.status()).isEqualTo(404);
    assertThat(deactivated.json().get("message").asText()).contains("deactivated");
    assertThat(appStore.status()).isEqualTo(404);
    assertThat(appStore.json().get("code").asText()).isEqualTo("ios.manifest_not_found");
  }

  @Test
  void handsOutAnAppStoreReleasesStoreUrlWithItsMandatoryFlag() {
    server.postAsAdmin(
        "/api/updates/publish",
        """
        {"platform":"ios","version":"1.3.0","version_code":13,"is_mandatory":true,
         "download_url":"https://apps.apple.com/app/id1234567890"}
        """);

    JsonNode seed =
        server
            .post("/api/updates/check", "{\"platform\":\"ios\",\"current_version\":\"1.2.0+12\"}")
            .json();

    assertThat(seed.get("update_available").asBoolean()).isTrue();
    assertThat(seed.get("is_mandatory").asBoolean()).isTrue();
    assertThat(seed.get("download_url").asText())
        .isEqualTo("https://apps.apple.com/app/id1234567890");
  }
}
