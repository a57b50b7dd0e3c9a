package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.delta.generate.PatchGenerator;
import dev.petrel.server.ServerConfig;
import dev.petrel.server.deltas.DeltaJars;
import dev.petrel.server.deltas.DeltaSettings;
import dev.petrel.server.testing.HostedReleases;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The release page's patches in real Chromium: a ready patch with its saving, a request that queues
 * one from an earlier release, removing one, and the figures of bytes sent as patches against full
 * downloads, with a device's failure reason shown as text.
 */
class PanelPatchesBrowserTest extends BrowserTest {
  static final byte[][] JARS = {
    DeltaJars.release(1, 100, 2000),
    DeltaJars.release(2, 100, 2000),
    DeltaJars.release(3, 100, 2000)
  };

  final long[] ids = new long[3];

  /** No worker: a requested patch stays pending while the page is looked at. */
  @Override
  void configure(ServerConfig.Builder config) {
    config.deltas(new DeltaSettings(false, 3, 5, 256L << 20, Duration.ofMinutes(5)));
  }

  @BeforeEach
  void publishAndSignIn() {
    for (int i = 0; i < 3; i++) {
      ids[i] = publish("1.0." + i, i + 1, JARS[i]);
    }
    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);
  }

  @Test
  void aReadyPatchShowsItsSavingAndARequestQueuesAnother() throws Exception {
    long patchSize = uploadPatch(0, 2);
    long saving = Math.round(Math.floor((1.0 - (double) patchSize / JARS[2].length) * 1000));

    openRelease(ids[2]);
    WebElement ready = browser.visible("#patches-table tbody tr");
    assertThat(cells(ready))
        .startsWith("1.0.0 (code 1)", "uploaded", "ready", "petrel-zip-1")
        .contains(String.format(java.util.Locale.ROOT, "%.1f %%", saving / 10.0));

    new Select(browser.visible("#patch-from")).selectByVisibleText("1.0.1 (code 2)");
    browser.visible("#request-patch").click();
    browser.wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("flash"), "Queued a patch from 1.0.1"));
    browser.wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#patches-table tbody tr"), 2));
    WebElement queued =
        browser.driver.findElements(By.cssSelector("#patches-table tbody tr")).get(1);
    assertThat(cells(queued)).startsWith("1.0.1 (code 2)", "server", "pending", "—", "—");
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM deltas WHERE state = 'pending' AND release_id = " + ids[2]))
        .isEqualTo(1);

    browser.clickAndConfirm("#patches-table tbody tr .remove-patch");
    browser.wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("#patches-table tbody tr"), 1));
    assertThat(server.queryLong("SELECT COUNT(*) FROM deltas WHERE source = 'uploaded'")).isZero();
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void theFiguresShowBytesAsPatchesAgainstFullDownloadsAndReasonsAsText() throws Exception {
    long patchSize = uploadPatch(0, 2);
    String hostile = "<img src=x onerror=\"document.title='owned'\">base_mismatch";
    report(
        event(1, "delta_applied", 1L, null),
        event(2, "delta_applied", 1L, null),
        event(3, "delta_applied", 1L, null),
        event(4, "download_completed", null, null),
        event(5, "delta_failed", null, hostile));
    new PanelFixture(server).awaitRows("client_events", 5);

    openRelease(ids[2]);
    browser.visible("#delta-figures");
    assertThat(browser.visible("#delta-patch-count").getText()).isEqualTo("3");
    assertThat(browser.visible("#delta-full-count").getText()).isEqualTo("1");
    assertThat(browser.visible("#delta-hit-rate").getText()).isEqualTo("75 %");
    assertThat(browser.visible("#delta-patch-bytes").getText()).isNotEqualTo("0 B");
    assertThat(browser.visible("#delta-failed").getText()).isEqualTo("1");
    assertThat(browser.visible("#delta-failed-reasons tbody").getText()).contains(hostile);
    assertThat(browser.absent("#delta-failed-reasons img")).isTrue();
    assertThat(browser.driver.getTitle()).isNotEqualTo("owned");
    assertThat(patchSize).isPositive();
  }

  private void openRelease(long id) {
    browser.driver.get(server.url() + "/admin#/apps/default/releases/" + id);
    browser.visible("#release-status");
  }

  private static List<String> cells(WebElement row) {
    return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
  }

  /** Makes the patch between two of the jars and uploads it; its size. */
  private long uploadPatch(int from, int to) throws Exception {
    Path old = Files.write(dir.resolve("old.jar"), JARS[from]);
    Path young = Files.write(dir.resolve("new.jar"), JARS[to]);
    Path patch = dir.resolve("p.patch");
    PatchGenerator.generate(old, young, patch);
    TestResponse uploaded =
        server.send(
            server
                .request("/api/v1/apps/default/releases/" + ids[to] + "/deltas/from/" + ids[from])
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(patch)));
    assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
    return uploaded.json().at("/delta/patch_size").asLong();
  }

  private String event(int n, String type, Long fromCode, String reason) {
    return """
        {"event_id":"evt-%08d","type":"%s","platform":"linux","channel":"stable",
         "version":"1.0.2","version_code":3,%s%s"device_id":"device-%d","occurred_at":"%s"}"""
        .formatted(
            n,
            type,
            fromCode == null ? "" : "\"from_version_code\":" + fromCode + ",",
            reason == null ? "" : "\"reason\":\"" + reason.replace("\"", "\\\"") + "\",",
            n,
            server.clock().instant());
  }

  private void report(String... events) {
    TestResponse answer =
        server.post(
            "/api/v1/apps/default/events", "{\"events\":[" + String.join(",", events) + "]}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
  }

  private long publish(String version, long code, byte[] artifact) {
    return HostedReleases.publishLinux(server, version, code, artifact);
  }
}
