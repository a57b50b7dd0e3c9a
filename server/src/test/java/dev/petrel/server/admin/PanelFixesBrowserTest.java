package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a first-time release manager found wrong in the panel, each in real Chromium: words that
 * promise what devices will not see, shares shown for releases nobody is offered, errors in the
 * server's field paths and basis points, navigation, sorting, filters and history.
 */
class PanelFixesBrowserTest extends BrowserTest {

  PanelFixture api;

  @BeforeEach
  void signIn() {
    api = new PanelFixture(server);
    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);
  }

  private void open(String hash) {
    browser.driver.get(server.url() + "/admin#" + hash);
  }

  private void openRelease(long id) {
    open("/apps/default/releases/" + id);
    browser.visible("#release-status");
  }

  private Object js(String script) {
    return browser.driver.executeScript(script);
  }

  @Test
  void aDeactivatedReleaseIsCalledDeactivatedAndOfferedToNobody() {
    long id = api.publish("1.0.0", 1);
    api.act(id, "/deactivate", "{}");

    openRelease(id);

    assertThat(browser.visible("#release-status").getText()).isEqualTo("deactivated");
    assertThat(browser.visible("#rollout-none").getText())
        .startsWith("Offered to no device: this release is deactivated.");
    assertThat(browser.absent("#share-input")).isTrue();
    assertThat(browser.absent(".share-bar")).isTrue();
    assertThat(browser.absent("#rollout-share")).isTrue();
  }

  @Test
  void aRecalledReleaseIsCalledRecalledAndTheRecallDialogPromisesNoDowngrade() {
    long recalled = api.publish("1.0.0", 1);
    long other = api.publish("1.1.0", 2);
    api.act(recalled, "/recall", "{\"reason\":\"crashes\"}");

    openRelease(recalled);
    assertThat(browser.visible("#release-status").getText()).isEqualTo("recalled");

    openRelease(other);
    browser.visible("#recall").click();
    String promise = browser.visible("#confirm-text").getText();
    browser.visible("#confirm-cancel").click();

    assertThat(promise).contains("not signed").contains("no device is offered an older version");
    assertThat(promise).doesNotContain("offered the previous release");
  }

  @Test
  void aPausedReleaseSaysWhereItStoppedWithoutTheShareBarOrControls() {
    long id = api.publish("android", "1.0.0", 1, "\"rollout_basis_points\":2500");
    api.act(id, "/rollout/pause", "{\"reason\":\"look first\"}");

    openRelease(id);

    assertThat(browser.visible("#rollout-stopped").getText()).startsWith("Paused at 25 %:");
    assertThat(browser.absent(".share-bar")).isTrue();
    assertThat(browser.absent("#set-share")).isTrue();
    assertThat(browser.visible("#resume").isDisplayed()).isTrue();
  }

  @Test
  void aShareAbove100IsRefusedInPercentBeforeAnythingIsSent() {
    long id = api.publish("1.0.0", 1);
    openRelease(id);

    browser.visible("#share-input").clear();
    browser.visible("#share-input").sendKeys("150");
    browser.visible("#set-share").click();

    assertThat(browser.visible("#flash").getText())
        .startsWith("Share: expected 0 to 100 %")
        .contains("found 150 %")
        .doesNotContain("basis");
    assertThat(browser.driver.findElement(By.id("confirm")).getAttribute("open")).isNull();
  }

  @Test
  void aRefusedRampPlanIsExplainedInTheFormsWords() {
    long id = api.publish("android", "1.0.0", 1, "\"rollout_basis_points\":100");
    openRelease(id);

    browser.visible(".ramp-editor summary").click();
    browser.visible("#ramp-input").sendKeys("50 60\n25 60");
    browser.clickAndConfirm("#save-plan");

    browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "Ramp"));
    assertThat(browser.visible("#flash").getText())
        .isEqualTo("Ramp step 2 share: expected more than the step before (50 %), found 25 %");
  }

  @Test
  void anErrorDoesNotFollowToTheNextPageWhichStartsAtTheTopWithFocusOnItsHeading() {
    long id = api.publish("1.0.0", 1);
    for (int code = 2; code <= 40; code++) {
      api.publish("1.0." + code, code);
    }
    openRelease(id);
    assertThat(browser.driver.getTitle()).startsWith("1.0.0").endsWith("— Petrel admin");
    browser.visible("#share-input").clear();
    browser.visible("#share-input").sendKeys("150");
    browser.visible("#set-share").click();
    assertThat(browser.visible("#flash").isDisplayed()).isTrue();

    browser.visible(".crumbs a[href='#/apps/default']").click();
    browser.visible("#releases-table");
    js("window.scrollTo(0, 5000)");
    assertThat(((Number) js("return window.scrollY")).intValue()).isPositive();
    browser.visible("tr[data-version='1.0.0'] a.version").click();
    browser.visible("#release-status");

    assertThat(browser.driver.findElement(By.id("flash")).isDisplayed()).isFalse();
    assertThat(((Number) js("return window.scrollY")).intValue()).isZero();
    assertThat(js("return document.activeElement.tagName")).isEqualTo("H1");
    open("/apps/default");
    browser.visible("#releases-table");
    browser.wait.until(d -> d.getTitle().contains("Default"));
    assertThat(browser.driver.getTitle()).endsWith("— Petrel admin");
  }

  @Test
  void sortingByVersionKeepsPlatformsTogetherAndAHaltedRowSaysHalted() throws Exception {
    api.publish("android", "1.0.0", 1, "");
    api.publish("ios", "5.0.0", 1, "");
    api.publish("android", "1.1.0", 2, "");
    api.publish("ios", "5.1.0", 2, "");
    long halted = api.publish("android", "1.2.0", 3, "");
    api.report(0, 25, "install_failed", server.clock().instant());
    api.awaitRows("client_events", 25);
    assertThat(server.server().rolloutJobs().runOnce().halted()).isEqualTo(1);

    open("/apps/default");
    browser.visible("#releases-table[data-rollouts='loaded']");
    browser.visible("button.sort[data-sort='version']").click();

    List<String> platforms =
        browser.driver.findElements(By.cssSelector("#releases-table tbody tr")).stream()
            .map(row -> row.getDomAttribute("data-platform"))
            .toList();
    assertThat(platforms).containsExactly("android", "android", "android", "ios", "ios");
    WebElement haltedRow = browser.visible("tr[data-release-id='" + halted + "'] .status-cell");
    assertThat(haltedRow.getText()).isEqualTo("halted");
  }

  @Test
  void theAdoptionChartFollowsThePlatformFilter() throws Exception {
    api.publish("android", "1.0.0", 1, "");
    api.publish("ios", "5.0.0", 1, "");
    server.post(
        PanelFixture.APP + "/check",
        "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"device_id\":\"phone-1\"}");
    api.awaitRows("update_checks", 1);

    open("/apps/default");
    browser.visible("#adoption svg.chart");
    new org.openqa.selenium.support.ui.Select(browser.visible("#filter-platform"))
        .selectByValue("ios");

    browser.visible("#adoption[data-scope='ios']");
    assertThat(browser.visible("#adoption").getText())
        .contains("No device has checked in yet in this period.");
  }

  @Test
  void theHistoryNamesRecallsDeactivationsAndRampPlansInWords() {
    long id = api.publish("android", "1.0.0", 1, "\"rollout_basis_points\":1000");
    server.send(
        server
            .request(PanelFixture.APP + "/releases/" + id + "/rollout/plan")
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .PUT(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"steps\":[{\"basis_points\":1000,\"min_dwell_minutes\":1440},"
                        + "{\"basis_points\":10000,\"min_dwell_minutes\":0}]}")));
    api.act(id, "/deactivate", "{}");
    server.clock().advance(Duration.ofMinutes(1));
    api.act(id, "/activate", "{}");
    server.clock().advance(Duration.ofMinutes(1));
    api.act(id, "/recall", "{\"reason\":\"bad build\"}");

    openRelease(id);
    String history = browser.visible("#rollout-history").getText();

    assertThat(history).contains("recalled", "activated", "deactivated", "ramp plan set");
    assertThat(history).contains("10 % for 1 d → 100 %").doesNotContain("1000:1440");
  }

  @Test
  void theHaltMeterReadsTheWindowTheMonitorJudgesRoundedLikeTheHaltReason() throws Exception {
    api.publish("1.1.0", 2);
    long id = api.publish("1.2.0", 3);
    api.report(0, 10, "install_succeeded", server.clock().instant().minus(Duration.ofDays(2)));
    api.report(100, 1, "install_succeeded", server.clock().instant());
    api.report(200, 2, "install_failed", server.clock().instant());
    api.awaitRows("client_events", 13);

    openRelease(id);

    browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("threshold-caption")));
    assertThat(browser.visible("#threshold-caption").getText())
        .startsWith("Failure share 66.66 % of 3 attempted installs in the last 1 d,");
  }

  @Test
  void chartsOfferATableAndTheirSeriesDifferByPattern() throws Exception {
    long id = api.publish("1.0.0", 1);
    api.publish("1.1.0", 2);
    String[] versions = {"1.0.0+1", "1.1.0+2"};
    for (int i = 0; i < versions.length; i++) {
      server.post(
          PanelFixture.APP + "/check",
          "{\"platform\":\"android\",\"current_version\":\"%s\",\"device_id\":\"device-%d\"}"
              .formatted(versions[i], i));
    }
    api.awaitRows("update_checks", 2);

    open("/apps/default");
    browser.visible("#adoption svg.chart");
    List<String> dashes =
        browser.driver.findElements(By.cssSelector("#adoption polyline.series")).stream()
            .map(line -> String.valueOf(line.getDomAttribute("stroke-dasharray")))
            .toList();
    assertThat(dashes).hasSize(2).doesNotHaveDuplicates();
    browser.visible("#adoption details.chart-data summary").click();
    assertThat(browser.visible("#adoption details.chart-data table").getText()).contains("1.1.0");

    openRelease(id);
    assertThat(browser.visible("#figures details.chart-data").isDisplayed()).isTrue();
  }

  @Test
  void aReleaseShowsItsCrashFreeShareBesideThePreviousReleases() throws Exception {
    api.publish("1.1.0", 2);
    long id = api.publish("1.2.0", 3);
    api.report(0, 4, "app_started", server.clock().instant());
    api.report(100, 1, "app_crashed", server.clock().instant());
    api.awaitRows("client_events", 5);

    openRelease(id);

    String table = browser.visible("#crash-free").getText();
    assertThat(table).contains("1.2.0 (this) 75.00 % 4").contains("1.1.0 (previous) — 0");
  }

  @Test
  void aGatedReleaseSaysWhatItsGateDecides() {
    api.publish("1.1.0", 2);
    long id = api.publish("android", "1.2.0", 3, "\"rollout_basis_points\":100");
    server.send(
        server
            .request(PanelFixture.APP + "/releases/" + id + "/rollout/gate")
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));

    openRelease(id);

    assertThat(browser.visible("#rollout-gate").getText())
        .startsWith("Statistical gate against 1.1.0: it holds the ramp until it knows more.")
        .contains("Crashes: 0 of 0 vs 0 of 0 — undecided");
    assertThat(browser.visible("#rollout-history").getText()).contains("statistical gate set");
  }

  @Test
  void anAdminAddsAWebhookSeesItsSecretOnceTriesItAndReadsItsDeliveries() {
    open("/apps/default");
    browser.visible("#webhooks-link").click();
    browser.visible("#hook-url").sendKeys("http://127.0.0.1:9/nobody-listens");
    browser.visible("#hook-form button[type='submit']").click();

    String secret = browser.visible("#hook-secret-value").getText();
    assertThat(secret).startsWith("whsec_");
    browser.visible("[data-action='test']").click();
    browser.wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "queued"));
    server.server().webhookWorker().runOnce();
    browser.driver.navigate().refresh();
    browser.visible("table.deliveries");

    String log = browser.visible("table.deliveries").getText();
    assertThat(log).contains("test", "pending", "ConnectException");
    assertThat(browser.driver.getPageSource()).doesNotContain(secret);
  }

  @Test
  void aHaltedReleaseIsResumedFromTheOverview() throws Exception {
    api.publish("1.1.0", 2);
    long halted = api.publish("1.2.0", 3);
    api.report(0, 25, "install_failed", server.clock().instant());
    api.awaitRows("client_events", 25);
    assertThat(server.server().rolloutJobs().runOnce().halted()).isEqualTo(1);

    open("/");
    browser.clickAndConfirm(
        "#attention-table [data-action='resume'][data-release-id='" + halted + "']");

    browser.wait.until(
        d ->
            server
                    .get(
                        PanelFixture.APP + "/releases/" + halted + "/rollout",
                        TestServer.ADMIN_TOKEN)
                    .json()
                    .at("/rollout/state")
                    .asText()
                    .equals("running")
                || server
                    .get(
                        PanelFixture.APP + "/releases/" + halted + "/rollout",
                        TestServer.ADMIN_TOKEN)
                    .json()
                    .at("/rollout/state")
                    .asText()
                    .equals("complete"));
    assertThat(browser.visible("#flash").getText()).isEqualTo("Rollout resumed.");
  }

  @Test
  void channelsAndExperimentsAreShownWithTheArmsSideBySide() {
    long a = api.publish("1.1.0", 2);
    long b = api.publish("1.2.0", 3);
    server.send(
        server
            .request(PanelFixture.APP + "/channels/internal")
            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .PUT(
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"receives_from\":\"beta\"}")));
    assertThat(
            server
                .postAsAdmin(
                    PanelFixture.APP + "/experiments",
                    "{\"name\":\"new onboarding\",\"arms\":[{\"release_id\":%d,\"range_start\":0,\"range_end\":5000},{\"release_id\":%d,\"range_start\":5000,\"range_end\":10000}]}"
                        .formatted(a, b))
                .status())
        .isEqualTo(201);

    open("/apps/default");
    browser.visible("#cohorts-link").click();

    assertThat(browser.visible("tr[data-channel='internal']").getText())
        .contains("the app's own", "beta", "stable", "internal");
    String arms = browser.visible("#experiments .experiment").getText();
    assertThat(arms).contains("new onboarding", "running", "1.1.0 50 %", "1.2.0 50 %");
  }

  @Test
  void aStepOnADayWithoutFiguresIsMarkedOnTheNextDayWithItsOwnDate() throws Exception {
    long id = publishRampedRelease();
    String publishedDay = server.clock().instant().toString().substring(5, 10);
    // past the next UTC midnight, so the devices' first figures are a day after the publication
    Instant now = server.clock().instant();
    Instant nextDay = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    server.clock().advance(Duration.between(now, nextDay).plus(Duration.ofMinutes(61)));
    assertThat(server.server().rolloutJobs().runOnce().advanced()).isEqualTo(1);
    server.post(
        PanelFixture.APP + "/check",
        "{\"platform\":\"android\",\"current_version\":\"1.2.0+3\",\"device_id\":\"device-1\"}");
    api.awaitRows("update_checks", 1);

    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);
    openRelease(id);

    browser.visible("#adoption-share svg");
    assertThat(browser.driver.findElements(By.cssSelector("#adoption-share line.marker")))
        .hasSize(2);
    assertThat(browser.visible("#adoption-share").getText())
        .contains("published (" + publishedDay + ")", "100 %");
  }

  @Test
  void aRampedReleaseShowsItsTimelineAndItsShareOfDevicesWithTheStepsMarked() throws Exception {
    long id = publishRampedRelease();
    server.clock().advance(Duration.ofMinutes(61));
    assertThat(server.server().rolloutJobs().runOnce().advanced()).isEqualTo(1);
    String[] running = {"1.1.0+2", "1.2.0+3", "1.2.0+3"};
    for (int i = 0; i < running.length; i++) {
      server.post(
          PanelFixture.APP + "/check",
          "{\"platform\":\"android\",\"current_version\":\"%s\",\"device_id\":\"device-%d\"}"
              .formatted(running[i], i));
    }
    api.awaitRows("update_checks", 3);

    // An hour passed on the server's clock: the panel session has timed out, so sign in again.
    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);
    openRelease(id);

    String timeline = browser.visible("#rollout-timeline").getText();
    assertThat(browser.visible("#rollout-timeline tr[data-step='1']").getText())
        .contains("10 %", "published");
    assertThat(browser.visible("#rollout-timeline tr[data-step='2']").getText())
        .contains("100 %", "0 of 0 installs failed in the last 1440 minutes");
    assertThat(timeline).doesNotContain("not yet");
    browser.visible("#adoption-share svg");
    assertThat(browser.driver.findElements(By.cssSelector("#adoption-share line.marker")))
        .hasSize(2);
    browser.visible("#adoption-share details.chart-data summary").click();
    assertThat(browser.visible("#adoption-share details.chart-data table").getText())
        .contains("67 %");
  }

  /**
   * Publishes android 1.1.0, then 1.2.0 on a ramp of 10 % for at least an hour, then 100 %; returns
   * 1.2.0's id.
   */
  private long publishRampedRelease() {
    api.publish("1.1.0", 2);
    return api.publish(
        "android",
        "1.2.0",
        3,
        "\"ramp\":[{\"basis_points\":1000,\"min_dwell_minutes\":60},{\"basis_points\":10000}]");
  }

  @Test
  void theAuditLogKeepsItsDetailColumnReadableBesideLongHashes() {
    dev.petrel.server.testing.SignedReleases.upload(server, "default", new byte[] {1, 2, 3});
    api.act(api.publish("1.0.0", 1), "/deactivate", "{}");

    open("/audit");
    browser.visible("#audit-table td.detail");

    for (WebElement cell : browser.driver.findElements(By.cssSelector("#audit-table td.detail"))) {
      if (!cell.getText().isEmpty()) {
        assertThat(cell.getSize().getWidth()).isGreaterThan(150);
      }
    }
  }
}
