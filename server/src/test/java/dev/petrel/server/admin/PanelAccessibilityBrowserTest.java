package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.ServerConfig;
import dev.petrel.server.testing.HostedReleases;
import dev.petrel.server.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

/**
 * Every page of the panel in real Chromium, at a desktop width and at a phone's 390 px: axe-core
 * finds no violation, nothing overflows the viewport, and Sign out stays on screen.
 */
class PanelAccessibilityBrowserTest extends BrowserTest {
  Map<String, String> pages;

  /** Patches are only made on request here (no background worker), so the page holds still. */
  @Override
  void configure(ServerConfig.Builder config) {
    config.deltas(
        new dev.petrel.server.deltas.DeltaSettings(
            false, 3, 5, 256L << 20, java.time.Duration.ofMinutes(5)));
  }

  @BeforeEach
  void publishAndReport() throws Exception {
    PanelFixture api = new PanelFixture(server);
    api.publish("1.1.0", 2);
    long active = api.publish("android", "1.2.0", 3, "\"rollout_basis_points\":2500");
    long recalled = api.publish("1.3.0", 4);
    api.act(recalled, "/recall", "{\"reason\":\"crashes on start\"}");
    api.report(0, 5, "install_succeeded", server.clock().instant());
    api.report(100, 1, "install_failed", server.clock().instant());
    api.awaitRows("client_events", 6);
    server.post(
        PanelFixture.APP + "/check",
        "{\"platform\":\"android\",\"current_version\":\"1.1.0+2\",\"device_id\":\"phone-1\"}");
    api.awaitRows("update_checks", 1);
    pages = new LinkedHashMap<>();
    pages.put("overview", "/");
    pages.put("releases", "/apps/default");
    pages.put("release", "/apps/default/releases/" + active);
    pages.put("recalled release", "/apps/default/releases/" + recalled);
    pages.put("release with patches", "/apps/default/releases/" + hostedWithPatch());
    pages.put("publish", "/apps/default/publish");
    pages.put("audit log", "/audit");
    pages.put("tokens", "/tokens");
    pages.put("webhooks", "/apps/default/webhooks");
    pages.put("channels and experiments", "/apps/default/channels");
    server.postAsAdmin(
        "/api/v1/apps/default/webhooks",
        "{\"url\":\"http://127.0.0.1:9/hook\",\"kind\":\"slack\"}");
    server.postAsAdmin("/api/v1/apps/default/webhooks/1/test", "");
    server.server().webhookWorker().runOnce();
  }

  /** Two hosted releases and an uploaded patch between them; the newer one's id. */
  private long hostedWithPatch() throws Exception {
    byte[][] jars = {
      dev.petrel.server.deltas.DeltaJars.release(1, 100, 2000),
      dev.petrel.server.deltas.DeltaJars.release(2, 100, 2000)
    };
    long[] ids = new long[2];
    for (int i = 0; i < 2; i++) {
      ids[i] = HostedReleases.publishLinux(server, "2.0." + i, 10 + i, jars[i]);
    }
    java.nio.file.Path old = java.nio.file.Files.write(dir.resolve("a.jar"), jars[0]);
    java.nio.file.Path young = java.nio.file.Files.write(dir.resolve("b.jar"), jars[1]);
    java.nio.file.Path patch = dir.resolve("a-b.patch");
    dev.petrel.delta.generate.PatchGenerator.generate(old, young, patch);
    var uploaded =
        server.send(
            server
                .request(PanelFixture.APP + "/releases/" + ids[1] + "/deltas/from/" + ids[0])
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofFile(patch)));
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    return ids[1];
  }

  private void visit(String hash) {
    browser.driver.get(server.url() + "/admin#" + hash);
    browser.visible("main h1");
    // Let the cards that load after the page (figures, adoption, rollouts) settle.
    browser.wait.until(
        d ->
            browser
                .driver
                .findElements(
                    org.openqa.selenium.By.xpath("//*[text()='Loading…' or text()='Looking…']"))
                .isEmpty());
  }

  @Test
  void axeFindsNoViolationOnAnyPageAtDesktopAndPhoneWidths() {
    List<String> found = new ArrayList<>();
    browser.driver.get(server.url() + "/admin");
    browser.visible("#token");
    Axe.violations(browser.driver).forEach(v -> found.add("sign-in: " + v));
    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);
    for (int width : new int[] {1280, 390}) {
      browser.driver.manage().window().setSize(new Dimension(width, 900));
      for (Map.Entry<String, String> page : pages.entrySet()) {
        visit(page.getValue());
        Axe.violations(browser.driver)
            .forEach(v -> found.add(page.getKey() + " @" + width + ": " + v));
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void atAPhonesWidthNoPageOverflowsAndSignOutIsOnScreen() {
    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);
    browser.driver.manage().window().setSize(new Dimension(390, 844));
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> page : pages.entrySet()) {
      visit(page.getValue());
      long viewport =
          ((Number) browser.driver.executeScript("return document.documentElement.clientWidth"))
              .longValue();
      long content =
          ((Number) browser.driver.executeScript("return document.documentElement.scrollWidth"))
              .longValue();
      double signOutRight =
          ((Number)
                  browser.driver.executeScript(
                      "return document.getElementById('sign-out').getBoundingClientRect().right"))
              .doubleValue();
      if (content > viewport) {
        problems.add(
            page.getKey() + ": content " + content + " px wide in a " + viewport + " px viewport");
      }
      if (signOutRight > viewport) {
        problems.add(page.getKey() + ": Sign out ends at " + signOutRight + " px");
      }
    }
    assertThat(problems).isEmpty();
  }
}
