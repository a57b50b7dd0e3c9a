package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panel's page and assets: served from the jar with the browser-side defences. */
class AdminPageTest {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(TestDatabase.SQLITE, dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void thePageCarriesAStrictPolicyAndNoInlineScript() {
    TestResponse page = server.get("/admin");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self';", "frame-ancestors 'none'", "default-src 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page.text());
    int count = 0;
    while (scripts.find()) {
      assertThat(scripts.group(1)).contains("src=\"/admin/assets/");
      count++;
    }
    assertThat(count).isEqualTo(1);
    assertThat(page.text()).doesNotContain("http://", "https://", " on");
  }

  @Test
  void everyAssetIsServedWithItsTypeAndNothingElseIs() {
    for (String name : AdminRoutes.ASSETS) {
      TestResponse asset = server.get("/admin/assets/" + name);
      assertThat(asset.status()).as(name).isEqualTo(200);
      assertThat(asset.header("Content-Type"))
          .as(name)
          .startsWith(name.endsWith(".css") ? "text/css" : "text/javascript");
      assertThat(asset.header("Content-Security-Policy")).isNotNull();
      assertThat(asset.text()).as(name).doesNotContain("innerHTML", "outerHTML", "eval(");
      assertThat(asset.text())
          .as(name)
          .doesNotContainPattern("https?://(?!downloads\\.example|www\\.w3\\.org/2000/svg)");
    }
    TestResponse missing = server.get("/admin/assets/..%2Fopenapi.yaml");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(server.get("/admin/assets/index.html").status()).isEqualTo(404);
  }
}
