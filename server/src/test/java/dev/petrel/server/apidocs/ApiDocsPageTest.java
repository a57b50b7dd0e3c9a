package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /docs}, its assets and the description files, served from the jar and nowhere else. */
class ApiDocsPageTest extends ServerTest {
  private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
  private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)(https?:)?//[a-z0-9]");

  final OpenApiDescription api = OpenApiDescription.load();

  @Test
  void docsPageIsHtmlWhoseScriptsAndStylesAllLoadFromTheServer() {
    TestResponse page = server.get("/docs");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    List<String> references = references(page.text());
    assertThat(references)
        .anyMatch(url -> url.contains("swagger-ui-bundle.js"))
        .anyMatch(url -> url.contains("swagger-ui.css"))
        .anyMatch(url -> url.contains("docs.js"));
    for (String reference : references) {
      assertThat(reference).as("a path on this server").startsWith("/").doesNotStartWith("//");
      TestResponse asset = server.get(reference);
      assertThat(asset.status()).as("%s loads", reference).isEqualTo(200);
      assertThat(asset.body().length).as("%s has content", reference).isPositive();
    }
  }

  @Test
  void docsPageNamesNoOtherHost() {
    TestResponse page = server.get("/docs");
    TestResponse script = server.get("/docs/assets/docs.js");

    assertThat(page.text()).doesNotContainPattern(ABSOLUTE_URL);
    assertThat(script.text()).doesNotContainPattern(ABSOLUTE_URL);
    assertThat(script.text()).contains("url: \"/openapi.json\"").contains("validatorUrl: null");
  }

  @Test
  void docsPagePolicyLetsTheBrowserLoadFromThisServerOnly() {
    String policy = server.get("/docs").header("Content-Security-Policy");

    assertThat(policy).contains("default-src 'none'", "script-src 'self';", "connect-src 'self'");
    assertThat(policy).doesNotContainPattern(ABSOLUTE_URL).doesNotContain("*");
  }

  @Test
  void assetsCarryTheirMediaTypeAndMayBeCachedForGood() {
    TestResponse css = server.get("/docs/assets/swagger-ui.css");
    TestResponse js = server.get("/docs/assets/swagger-ui-bundle.js");
    TestResponse icon = server.get("/docs/assets/favicon-32x32.png");

    assertThat(css.header("Content-Type")).startsWith("text/css");
    assertThat(js.header("Content-Type")).startsWith("text/javascript");
    assertThat(icon.header("Content-Type")).isEqualTo("image/png");
    assertThat(js.header("Cache-Control")).contains("immutable");
    for (TestResponse asset : new TestResponse[] {css, js, icon}) {
      api.assertDocuments("GET", "/docs/assets/{file}", asset);
    }
  }

  @Test
  void unknownAssetIsADocumentedNotFound() {
    TestResponse missing = server.get("/docs/assets/secrets.properties");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("code").asText()).isEqualTo("docs.asset_not_found");
    api.assertDocuments("GET", "/docs/assets/{file}", missing);
  }

  @Test
  void descriptionIsServedAsWrittenAndAsTheSameJson() throws IOException {
    TestResponse yaml = server.get("/openapi.yaml");
    TestResponse json = server.get("/openapi.json");

    byte[] written;
    try (InputStream in = getClass().getResourceAsStream(ApiDocsRoutes.DESCRIPTION)) {
      written = in.readAllBytes();
    }
    assertThat(yaml.body()).isEqualTo(written);
    assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
    JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(written);
    assertThat(json.json()).isEqualTo(fromYaml);
    assertThat(json.json().get("openapi").asText()).startsWith("3.1");
    api.assertDocuments("GET", "/openapi.yaml", yaml);
    api.assertDocuments("GET", "/openapi.json", json);
    api.assertDocuments("GET", "/docs", server.get("/docs"));
  }

  @Test
  void rootSendsBrowsersToTheDocs() {
    TestResponse root = server.get("/");

    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("Location")).isEqualTo("/docs");
    api.assertDocuments("GET", "/", root);
  }

  private static List<String> references(String html) {
    List<String> references = new ArrayList<>();
    Matcher matcher = REFERENCE.matcher(html);
    while (matcher.find()) {
      references.add(matcher.group(1));
    }
    return references;
  }
}
