package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Fills a server with a week of releases, checks and install reports, and saves screenshots of the
 * releases page and a release page with its charts to {@code target/screenshots/} (the README shows
 * copies from {@code docs/images/}).
 */
class PanelScreenshotTest {
  static final Path SHOTS = Path.of("target", "screenshots");
  static final String[] VERSIONS = {"1.0.0", "1.1.0", "1.2.0", "1.3.0"};

  @TempDir Path dir;

  @Test
  void savesTheReleasesPageAndAReleasePageWithCharts() throws Exception {
    try (TestServer server = TestServer.start(TestDatabase.SQLITE, dir);
        PanelBrowser browser = PanelBrowser.start(dir)) {
      long newest = publishReleases(server);
      for (int day = 0; day < 7; day++) {
        checkIn(server, day);
        if (day < 6) {
          server.clock().advance(Duration.ofDays(1));
        }
      }
      report(server, newest);
      awaitFigures(server, newest);

      browser.signIn(server.url(), TestServer.ADMIN_TOKEN);
      browser.wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("#attention"), "crash reports"));
      browser.screenshot(SHOTS.resolve("admin-overview.png"), 700);

      browser.driver.get(server.url() + "/admin#/apps/default/publish");
      browser
          .visible("#pub-notes")
          .sendKeys("Faster start-up; fixes the login crash on Android 9.");
      browser.visible("#bump-minor").click();
      browser.screenshot(SHOTS.resolve("admin-publish.png"), 1250);

      browser.driver.get(server.url() + "/admin#/apps/default");
      browser.visible("tr[data-version='1.3.0'][data-platform='android']");
      browser.visible("#adoption svg");
      browser.wait.until(
          ExpectedConditions.textToBePresentInElementLocated(
              By.cssSelector("tr[data-version='1.3.0'][data-platform='android']"), "paused"));
      browser.screenshot(SHOTS.resolve("admin-releases.png"), 1250);

      browser.driver.get(server.url() + "/admin#/apps/default/releases/" + newest);
      browser.visible("#figures svg.bars");
      browser.visible("#rollout-history");
      browser.screenshot(SHOTS.resolve("admin-release.png"), 2300);
      browser.screenshot(SHOTS.resolve("admin-release-390.png"), 390, 1800);

      browser.driver.get(server.url() + "/admin#/apps/default");
      browser.visible("#adoption svg");
      browser.screenshot(SHOTS.resolve("admin-releases-390.png"), 390, 1400);

      assertThat(Files.size(SHOTS.resolve("admin-overview.png"))).isGreaterThan(10_000);
      assertThat(Files.size(SHOTS.resolve("admin-releases.png"))).isGreaterThan(20_000);
      assertThat(Files.size(SHOTS.resolve("admin-release.png"))).isGreaterThan(20_000);
    }
  }

  /** Four android releases (the newest on a ramp at 25 % and paused) and one for ios. */
  private static long publishReleases(TestServer server) {
    long id = 0;
    for (int i = 0; i < VERSIONS.length; i++) {
      String json = Releases.external("android", VERSIONS[i], i + 1);
      if (i == VERSIONS.length - 1) {
        json =
            json.replace(
                "\"is_mandatory\":false",
                "\"is_mandatory\":false,\"ramp\":[{\"basis_points\":500,\"min_dwell_minutes\":60},"
                    + "{\"basis_points\":2500,\"min_dwell_minutes\":1440},"
                    + "{\"basis_points\":10000,\"min_dwell_minutes\":0}]");
      }
      TestResponse answer = server.postAsAdmin("/api/v1/apps/default/releases", json);
      assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
      id = answer.json().at("/release/id").asLong();
    }
    String rollout = "/api/v1/apps/default/releases/" + id + "/rollout";
    server.postAsAdmin(rollout, "{\"basis_points\":2500,\"reason\":\"first day looked fine\"}");
    server.postAsAdmin(rollout + "/pause", "{\"reason\":\"crash reports on Android 9\"}");
    server.postAsAdmin("/api/v1/apps/default/releases", Releases.external("ios", "1.3.0", 4));
    return id;
  }

  /** 80 devices check in; each day more of them run the newer versions. */
  private static void checkIn(TestServer server, int day) {
    for (int device = 0; device < 80; device++) {
      int step = Math.min(VERSIONS.length - 1, (device + day * 12) / 30);
      String check =
          """
          {"platform":"android","current_version":"%s+%d","device_id":"device-%03d"}"""
              .formatted(VERSIONS[step], step + 1, device);
      TestResponse answer = server.post("/api/v1/apps/default/check", check);
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    }
  }

  /** Install reports for the newest release: mostly successes, some failures. */
  private static void report(TestServer server, long releaseId) {
    String now = server.clock().instant().minusSeconds(60).toString();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String type =
          i < 50
              ? "install_succeeded"
              : i < 56 ? "download_completed" : i < 58 ? "install_failed" : "reverted";
      String reason = i >= 56 ? ",\"reason\":\"signature mismatch on Android 9\"" : "";
      events.add(
          """
          {"event_id":"event-%04d","type":"%s","platform":"android","channel":"stable",\
          "version":"1.3.0","version_code":4,"from_version":"1.2.0","from_version_code":3,\
          "device_id":"device-%03d","occurred_at":"%s"%s}"""
              .formatted(i, type, i, now, reason));
    }
    TestResponse answer =
        server.post(
            "/api/v1/apps/default/events", "{\"events\":[" + String.join(",", events) + "]}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
  }

  /** Waits until the batched writers have stored what was sent. */
  private static void awaitFigures(TestServer server, long releaseId) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      var figures =
          server
              .get(
                  "/api/v1/apps/default/releases/" + releaseId + "/figures?days=30",
                  TestServer.ADMIN_TOKEN)
              .json();
      var adoption =
          server.get("/api/v1/apps/default/adoption?days=30", TestServer.ADMIN_TOKEN).json();
      if (figures.get("attempted").asLong() >= 54 && adoption.get("adoption").size() >= 20) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("figures were not written within 10 s");
  }
}
