package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.HostedReleases;
import dev.petrel.server.testing.TestApk;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestIpa;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestSigner;
import dev.petrel.server.testing.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The panel's publish form for mobile releases, in a real headless Chromium: an APK signed with a
 * new key is refused until the rotation box is ticked, and an App Store page is an iOS release.
 */
class PanelMobilePublishBrowserTest extends BrowserTest {
  private void openPublishForm(String platform) {
    browser.visible("#apps a[href='#/apps/default']").click();
    browser.visible("#publish-link").click();
    browser.visible("#pub-platform").clear();
    browser.visible("#pub-platform").sendKeys(platform);
  }

  @Test
  void refusesAnApkSignedWithANewKeyUntilTheRotationIsTicked() throws IOException {
    TestSigner oldKey = TestSigner.create("old");
    TestSigner newKey = TestSigner.create("new");
    HostedReleases.publish(
        server,
        TestApk.signed("com.example.notes", 1, oldKey),
        "android",
        "1.0.0",
        1,
        "notes.apk",
        "");
    Path apk =
        Files.write(dir.resolve("notes-1.0.1.apk"), TestApk.signed("com.example.notes", 2, newKey));
    browser.signIn(server.url(), TestTokens.issue(server, "publisher"));

    openPublishForm("android");
    browser.driver.findElement(By.id("pub-file")).sendKeys(apk.toAbsolutePath().toString());
    browser.visible("#pub-submit").click();
    browser.wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("pub-error"), "signing_certificate_rotation"));
    assertThat(server.count("releases")).isEqualTo(1);

    browser.visible("#pub-cert-rotation").click();
    browser.visible("#pub-submit").click();
    browser.wait.until(ExpectedConditions.urlMatches("#/apps/default/releases/\\d+$"));

    assertThat(server.count("releases")).isEqualTo(2);
    JsonNode audit =
        server
            .get(
                "/api/v1/audit?action=release.signing_certificate_rotation", TestServer.ADMIN_TOKEN)
            .json();
    assertThat(audit.get("entries")).hasSize(1);
    assertThat(audit.at("/entries/0/actor").asText()).startsWith("token:");
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void showsWhyAnIpaIsRefusedOnAServerWithoutAnHttpsPublicUrl() throws IOException {
    Path ipa =
        Files.write(
            dir.resolve("FieldNotes.ipa"),
            TestIpa.binary(TestIpa.info("com.example.notes", "0.0.1", "1")));
    browser.signIn(server.url(), TestTokens.issue(server, "publisher"));

    openPublishForm("ios");
    browser.driver.findElement(By.id("pub-file")).sendKeys(ipa.toAbsolutePath().toString());
    browser.visible("#pub-submit").click();

    browser.wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("pub-error"), "--public-url"));
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void publishesAnIpaOnAServerWithAnHttpsPublicUrl() throws IOException {
    server.close();
    server =
        TestServer.start(
            TestDatabase.SQLITE,
            dir.resolve("https"),
            config -> config.publicUrl("https://updates.example.test"));
    Path ipa =
        Files.write(
            dir.resolve("FieldNotes.ipa"),
            TestIpa.binary(TestIpa.info("com.example.notes", "0.0.1", "1")));
    browser.signIn(server.url(), TestTokens.issue(server, "publisher"));

    openPublishForm("ios");
    browser.driver.findElement(By.id("pub-file")).sendKeys(ipa.toAbsolutePath().toString());
    browser.visible("#pub-submit").click();
    browser.wait.until(ExpectedConditions.urlMatches("#/apps/default/releases/\\d+$"));

    JsonNode release =
        server
            .get("/api/v1/apps/default/releases?platform=ios", TestServer.ADMIN_TOKEN)
            .json()
            .at("/releases/0");
    assertThat(release.get("download_url").asText())
        .startsWith("itms-services://?action=download-manifest&url=https://updates.example.test/");
  }

  @Test
  void publishesAnAppStorePageAsAnIosReleaseAndHidesTheRotationBox() {
    browser.signIn(server.url(), TestTokens.issue(server, "publisher"));

    openPublishForm("ios");
    assertThat(browser.driver.findElement(By.id("pub-rotation-box")).isDisplayed()).isFalse();
    browser.visible("#pub-source-url").click();
    browser.visible("#pub-url").sendKeys("https://apps.apple.com/app/id1234567890");
    browser.visible("#pub-mandatory").click();
    browser.visible("#pub-submit").click();
    browser.wait.until(ExpectedConditions.urlMatches("#/apps/default/releases/\\d+$"));

    JsonNode release =
        server
            .get("/api/v1/apps/default/releases?platform=ios", TestServer.ADMIN_TOKEN)
            .json()
            .at("/releases/0");
    assertThat(release.get("download_url").asText())
        .isEqualTo("https://apps.apple.com/app/id1234567890");
    assertThat(release.get("hosted").asBoolean()).isFalse();
    assertThat(release.get("is_mandatory").asBoolean()).isTrue();
  }
}
