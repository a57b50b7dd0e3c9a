package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Sha256;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin panel in a real headless Chromium against a real server (SQLite): what a release
 * manager does, what a viewer cannot do, and the page's defences.
 */
class PanelBrowserTest extends BrowserTest {
  private JsonNode release(long id) {
    return server.get("/api/v1/apps/default/releases/" + id, TestServer.ADMIN_TOKEN).json();
  }

  private JsonNode rollout(long id) {
    return server
        .get("/api/v1/apps/default/releases/" + id + "/rollout", TestServer.ADMIN_TOKEN)
        .json()
        .get("rollout");
  }

  private long publishExternal(String version, long code) {
    return server
        .postAsAdmin("/api/updates/publish", Releases.external("android", version, code))
        .json()
        .get("id")
        .asLong();
  }

  @Test
  void aPublisherPublishesAFileControlsTheRolloutAndSignsOut() throws IOException {
    byte[] bytes = new byte[300_000];
    new Random(7).nextBytes(bytes);
    Path apk = Files.write(dir.resolve("My App (release).apk"), bytes);
    browser.signIn(server.url(), TestTokens.issue(server, "publisher"));

    browser.visible("#apps a[href='#/apps/default']").click();
    browser.visible("#publish-link").click();
    browser.visible("#pub-platform").clear();
    browser.visible("#pub-platform").sendKeys("android");
    browser.visible("#bump-minor").click();
    assertThat(browser.visible("#pub-version").getDomProperty("value")).isEqualTo("0.1.0");
    browser.visible("#pub-notes").sendKeys("First release from the panel");
    browser.driver.findElement(By.id("pub-file")).sendKeys(apk.toAbsolutePath().toString());
    browser.driver.executeScript(
        """
        window.progressSeen = [];
        const bar = document.getElementById('pub-progress');
        new MutationObserver(() => window.progressSeen.push(Number(bar.value)))
            .observe(bar, { attributes: true });
        """);
    browser.visible("#pub-submit").click();

    browser.wait.until(ExpectedConditions.urlMatches("#/apps/default/releases/\\d+$"));
    browser.waitForText("#release-notes", "First release from the panel");
    assertThat(browser.driver.executeScript("return Math.max(...window.progressSeen)"))
        .as("the upload progress bar reached 100")
        .isEqualTo(100L);
    String url = browser.driver.getCurrentUrl();
    long id = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
    JsonNode published = release(id).get("release");
    assertThat(published.get("version").asText()).isEqualTo("0.1.0");
    assertThat(published.get("checksum").asText()).isEqualTo(Sha256.of(bytes).hex());
    assertThat(published.get("file_name").asText()).isEqualTo("My_App__release_.apk");

    browser.visible(".crumbs a[href='#/apps/default']").click();
    browser.visible("#releases-table[data-rollouts='loaded']");
    WebElement row = browser.visible("tr[data-version='0.1.0']");
    assertThat(row.getText()).contains("android", "100 %", "active", "unsigned", "293 KiB");

    row.findElement(By.cssSelector("a.version")).click();
    browser.visible("#share-input").clear();
    browser.visible("#share-input").sendKeys("25");
    browser.clickAndConfirm("#set-share");
    browser.waitForText("#rollout-share", "25 %");
    assertThat(rollout(id).get("basis_points").asInt()).isEqualTo(2500);

    browser.clickAndConfirm("#pause");
    browser.waitForText("#rollout-state", "paused");
    assertThat(rollout(id).get("state").asText()).isEqualTo("paused");

    browser.clickAndConfirm("#deactivate");
    browser.waitForText("#release-status", "deactivated");
    assertThat(browser.consoleErrors()).as("console errors, CSP violations included").isEmpty();
    assertThat(release(id).at("/release/is_active").asBoolean()).isFalse();
    assertThat(browser.visible("#rollout-history").getText()).contains("pause");

    browser.visible("#sign-out").click();
    browser.visible("#token");
    assertThat(server.count("admin_sessions")).isZero();
    browser.driver.navigate().refresh();
    browser.visible("#token");
  }

  @Test
  void aPublisherRecallsAReleaseWithAReason() {
    long id = publishExternal("1.0.0", 1);
    browser.signIn(server.url(), TestTokens.issue(server, "publisher"));
    browser.driver.get(server.url() + "/admin#/apps/default/releases/" + id);

    browser.visible("#recall-reason").sendKeys("Sync deletes notes");
    browser.clickAndConfirm("#recall");

    browser.waitForText("#release-status", "recalled");
    assertThat(browser.visible("#recall-details").getText())
        .contains("Sync deletes notes", "token:", "no (devices are told");
    JsonNode recall =
        server
            .get("/api/v1/apps/default/releases/" + id + "/recall", TestServer.ADMIN_TOKEN)
            .json();
    assertThat(recall.at("/recall/reason").asText()).isEqualTo("Sync deletes notes");
    assertThat(browser.absent("#recall")).isTrue();
  }

  @Test
  void aCancelledConfirmationChangesNothing() {
    long id = publishExternal("1.0.0", 1);
    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);
    browser.driver.get(server.url() + "/admin#/apps/default/releases/" + id);

    browser.visible("#deactivate").click();
    browser.visible("#confirm-cancel").click();

    assertThat(browser.visible("#release-status").getText()).isEqualTo("active");
    assertThat(release(id).at("/release/is_active").asBoolean()).isTrue();
  }

  @Test
  void aViewerSeesEverythingButCanChangeNothing() {
    long id = publishExternal("1.0.0", 1);
    browser.signIn(server.url(), TestTokens.issue(server, "viewer"));

    browser.driver.get(server.url() + "/admin#/apps/default");
    browser.visible("tr[data-version='1.0.0']");
    assertThat(browser.absent("#publish-link")).isTrue();
    assertThat(browser.absent("#toggle-signatures")).isTrue();
    assertThat(browser.driver.findElement(By.cssSelector("nav a[href='#/tokens']")).isDisplayed())
        .isFalse();

    browser.driver.get(server.url() + "/admin#/apps/default/releases/" + id);
    browser.visible("#rollout-share");
    assertThat(browser.absent("#release-actions")).isTrue();
    assertThat(browser.absent("#set-share")).isTrue();
    assertThat(browser.absent("#pause")).isTrue();

    Map<String, Object> answer =
        fetchFromPage("/api/v1/apps/default/releases/" + id + "/deactivate", true);
    assertThat(answer.get("status")).isEqualTo(403L);
    assertThat((String) answer.get("body")).contains("auth.forbidden");
    assertThat(release(id).at("/release/is_active").asBoolean()).isTrue();
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefused() {
    long id = publishExternal("1.0.0", 1);
    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);

    Map<String, Object> without =
        fetchFromPage("/api/v1/apps/default/releases/" + id + "/deactivate", false);

    assertThat(without.get("status")).isEqualTo(403L);
    assertThat((String) without.get("body")).contains("auth.csrf");
    assertThat(release(id).at("/release/is_active").asBoolean()).isTrue();
    Map<String, Object> with =
        fetchFromPage("/api/v1/apps/default/releases/" + id + "/deactivate", true);
    assertThat(with.get("status")).isEqualTo(200L);
  }

  @Test
  void releaseNotesWithMarkupAreShownAsTextAndRunNothing() {
    String notes = "<img src=x onerror=alert(1)> <script>window.pwned = true</script>";
    long id =
        server
            .postAsAdmin(
                "/api/updates/publish",
                Releases.external("android", "1.0.0", 1)
                    .replace("\"Notes for 1.0.0\"", "\"" + notes.replace("\"", "\\\"") + "\""))
            .json()
            .get("id")
            .asLong();
    server.postAsAdmin(
        "/api/v1/apps", "{\"id\":\"xss\",\"name\":\"<img src=y onerror=alert(2)>\"}");
    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);

    assertThat(browser.visible("#apps").getText()).contains("<img src=y onerror=alert(2)>");
    browser.driver.get(server.url() + "/admin#/apps/default/releases/" + id);
    browser.waitForText("#release-notes", notes);

    assertThat(browser.driver.findElements(By.cssSelector("#release-notes *"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("img"))).isEmpty();
    assertThat(browser.driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    assertThatThrownBy(() -> browser.driver.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void theReleasesTableSortsAndFilters() {
    publishExternal("1.0.0", 1);
    publishExternal("1.2.0", 3);
    publishExternal("1.1.0", 2);
    server.postAsAdmin("/api/updates/publish", Releases.external("ios", "2.0.0", 1));
    browser.signIn(server.url(), TestTokens.issue(server, "viewer"));
    browser.driver.get(server.url() + "/admin#/apps/default");
    browser.visible("#releases-table[data-rollouts='loaded'] tr[data-version='2.0.0']");

    browser.visible("button.sort[data-sort='version_code']").click();
    assertThat(versions()).containsExactly("2.0.0", "1.0.0", "1.1.0", "1.2.0");
    browser.visible("button.sort[data-sort='version_code']").click();
    assertThat(versions()).containsExactly("1.2.0", "1.1.0", "2.0.0", "1.0.0");

    new org.openqa.selenium.support.ui.Select(browser.visible("#filter-platform"))
        .selectByValue("android");
    assertThat(versions()).containsExactly("1.2.0", "1.1.0", "1.0.0");
    browser.visible("#filter-text").sendKeys("1.1");
    assertThat(versions()).containsExactly("1.1.0");
    assertThat(browser.visible("#release-count").getText()).isEqualTo("1 of 4 releases");
  }

  @Test
  void anAdminIssuesATokenSeesItOnceRevokesItAndReadsTheAuditLog() {
    browser.signIn(server.url(), TestServer.ADMIN_TOKEN);

    browser.visible("nav a[href='#/tokens']").click();
    browser.visible("#token-name").sendKeys("ci <b>bot</b>");
    new org.openqa.selenium.support.ui.Select(browser.visible("#token-role"))
        .selectByValue("publisher");
    browser.visible("#token-form button[type='submit']").click();
    String issued = browser.visible("#token-value").getText();

    assertThat(issued).startsWith("ptk_");
    assertThat(server.get("/api/v1/apps", issued).status()).isEqualTo(200);
    WebElement row = browser.visible("#tokens-table tbody tr:first-child");
    assertThat(row.getText()).contains("ci <b>bot</b>", "publisher");

    row.findElement(By.cssSelector("button.danger")).click();
    browser.visible("#confirm-ok").click();
    browser.wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#tokens-table tbody tr:first-child"), "revoked"));
    assertThat(server.get("/api/v1/apps", issued).status()).isEqualTo(401);

    browser.visible("nav a[href='#/audit']").click();
    browser.wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("audit-table"), "token.revoke"));
    assertThat(browser.visible("#audit-table").getText())
        .contains("token.create", "session.sign_in", "token:1:bootstrap");
  }

  private java.util.List<String> versions() {
    return browser.driver.findElements(By.cssSelector("#releases-table tbody tr")).stream()
        .map(tr -> tr.getDomAttribute("data-version"))
        .toList();
  }

  /** Sends a POST from the signed-in page itself, with or without the session's CSRF header. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> fetchFromPage(String path, boolean withCsrf) {
    Object result =
        browser.driver.executeAsyncScript(
            """
            const done = arguments[arguments.length - 1];
            const [path, withCsrf] = [arguments[0], arguments[1]];
            fetch('/api/v1/session').then((r) => r.json()).then((s) => {
              const headers = { 'Content-Type': 'application/json' };
              if (withCsrf) headers['X-Petrel-CSRF'] = s.session.csrf_token;
              return fetch(path, { method: 'POST', headers, body: '{}' });
            }).then(async (r) => done({ status: r.status, body: await r.text() }),
                    (e) => done({ status: -1, body: String(e) }));
            """,
            path,
            withCsrf);
    return (Map<String, Object>) result;
  }
}
