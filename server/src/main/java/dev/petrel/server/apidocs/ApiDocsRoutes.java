package dev.petrel.server.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.petrel.server.web.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API's own documentation, every byte from the jar: {@code GET /openapi.yaml} (the hand-written
 * OpenAPI description), {@code GET /openapi.json} (the same, converted on its first request:
 * parsing the YAML takes a server start about 150 ms it need not wait for; the tests fetch it, so a
 * broken description fails the build), {@code GET /docs} (Swagger UI over it), its assets under
 * {@code /docs/assets/}, and {@code GET /}, which sends people who open the server's address in a
 * browser to {@code /docs}.
 *
 * <p>The page's Content-Security-Policy lets it load and call nothing but this server, so the "no
 * CDN" rule holds in the browser too, not only in what we wrote.
 */
public final class ApiDocsRoutes {
  /** Where the description lives on the class path. */
  public static final String DESCRIPTION = "/openapi/openapi.yaml";

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
          + "frame-ancestors 'none'";

  private final byte[] yaml;
  private byte[] json;
  private final SwaggerUiAssets assets;
  private final String page;

  private ApiDocsRoutes(byte[] yaml, SwaggerUiAssets assets) {
    this.yaml = yaml;
    this.assets = assets;
    this.page = page(assets);
  }

  /**
   * Reads the description and locates Swagger UI.
   *
   * @throws IllegalStateException when the description is missing or Swagger UI is not on the class
   *     path
   */
  public static ApiDocsRoutes load() {
    return new ApiDocsRoutes(readDescription(), SwaggerUiAssets.locate());
  }

  /**
   * The description as JSON, converted on first use.
   *
   * @throws IllegalStateException when it is not an OpenAPI document
   */
  synchronized byte[] json() {
    if (json == null) {
      json = toJson(yaml);
    }
    return json;
  }

  private static byte[] readDescription() {
    try (InputStream in = ApiDocsRoutes.class.getResourceAsStream(DESCRIPTION)) {
      if (in == null) {
        throw new IllegalStateException("the API description " + DESCRIPTION + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DESCRIPTION + ": " + e.getMessage(), e);
    }
  }

  private static byte[] toJson(byte[] yaml) {
    JsonNode tree;
    try {
      tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalStateException(DESCRIPTION + " is not valid YAML: " + e.getMessage(), e);
    }
    if (tree == null || !tree.path("openapi").isTextual() || !tree.path("paths").isObject()) {
      throw new IllegalStateException(
          DESCRIPTION + ": expected an OpenAPI document with 'openapi' and 'paths', found neither");
    }
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + DESCRIPTION + " as JSON", e);
    }
  }

  private static String page(SwaggerUiAssets assets) {
    return """
        <!DOCTYPE html>
        <html lang="en">
          <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Petrel API</title>
            <link rel="stylesheet" href="%s">
            <link rel="icon" type="image/png" sizes="32x32" href="%s">
            <link rel="icon" type="image/png" sizes="16x16" href="%s">
          </head>
          <body style="margin: 0; background: #fafafa">
            <noscript>The interactive docs need JavaScript; the description itself is at
              <a href="/openapi.yaml">/openapi.yaml</a>.</noscript>
            <div id="swagger-ui"></div>
            <script src="%s"></script>
            <script src="%s"></script>
          </body>
        </html>
        """
        .formatted(
            assets.url("swagger-ui.css"),
            assets.url("favicon-32x32.png"),
            assets.url("favicon-16x16.png"),
            assets.url("swagger-ui-bundle.js"),
            assets.url("docs.js"));
  }

  public void register(RoutesConfig routes) {
    routes.get("/", ctx -> ctx.redirect("/docs", HttpStatus.FOUND));
    routes.get("/docs", this::docs);
    routes.get("/docs/assets/{file}", this::asset);
    routes.get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(yaml));
    routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(json()));
  }

  private void docs(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("Cache-Control", "no-cache")
        .contentType("text/html; charset=utf-8")
        .result(page.getBytes(StandardCharsets.UTF_8));
  }

  private void asset(Context ctx) {
    String name = ctx.pathParam("file");
    SwaggerUiAssets.Asset asset =
        assets
            .find(name)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "docs.asset_not_found", "the API docs have no asset named '" + name + "'"));
    // The URL carries the asset's tag, so a browser may keep what it fetched for good.
    ctx.header("Cache-Control", "public, max-age=31536000, immutable")
        .contentType(asset.contentType())
        .result(SwaggerUiAssets.read(asset));
  }
}
