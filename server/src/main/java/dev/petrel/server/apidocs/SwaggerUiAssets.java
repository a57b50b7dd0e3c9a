package dev.petrel.server.apidocs;

import dev.petrel.protocol.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The few files the docs page loads: Swagger UI's from the {@code org.webjars:swagger-ui} jar on
 * the class path, and the page's own start-up script. Only these names are served, so the route
 * cannot be used to read anything else from the class path. Immutable and thread-safe.
 */
final class SwaggerUiAssets {
  /** Where the assets are served; {@link #url} adds the name and a cache-busting tag. */
  static final String BASE_PATH = "/docs/assets/";

  private static final String WEBJAR_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final String OWN_SCRIPT = "/apidocs/docs.js";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";
  private static final String PNG = "image/png";

  /**
   * An asset.
   *
   * @param resource its class-path location
   * @param contentType its media type
   * @param tag changes whenever its bytes do (the webjar's version, or a digest of our own file),
   *     so that its URL can be cached for good
   */
  record Asset(String resource, String contentType, String tag) {}

  private final Map<String, Asset> assets;

  private SwaggerUiAssets(Map<String, Asset> assets) {
    this.assets = assets;
  }

  /**
   * Finds the Swagger UI webjar on the class path and checks that every asset is there.
   *
   * @throws IllegalStateException when the webjar or one of the assets is missing
   */
  static SwaggerUiAssets locate() {
    String version = webjarVersion();
    String webjar = "/META-INF/resources/webjars/swagger-ui/" + version + "/";
    Map<String, Asset> assets = new LinkedHashMap<>();
    assets.put("swagger-ui.css", new Asset(webjar + "swagger-ui.css", CSS, version));
    assets.put("swagger-ui-bundle.js", new Asset(webjar + "swagger-ui-bundle.js", JS, version));
    assets.put("favicon-32x32.png", new Asset(webjar + "favicon-32x32.png", PNG, version));
    assets.put("favicon-16x16.png", new Asset(webjar + "favicon-16x16.png", PNG, version));
    assets.put("docs.js", new Asset(OWN_SCRIPT, JS, digest(OWN_SCRIPT)));
    for (Asset asset : assets.values()) {
      if (SwaggerUiAssets.class.getResource(asset.resource()) == null) {
        throw new IllegalStateException(
            "the API docs need " + asset.resource() + " on the class path; found none");
      }
    }
    return new SwaggerUiAssets(Map.copyOf(assets));
  }

  private static String webjarVersion() {
    Properties properties = new Properties();
    try (InputStream in = open(WEBJAR_POM)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + WEBJAR_POM + ": " + e.getMessage(), e);
    }
    String version = properties.getProperty("version");
    if (version == null || !version.matches("[0-9A-Za-z.-]+")) {
      throw new IllegalStateException(
          WEBJAR_POM + ": expected a version like 5.32.15, found '" + version + "'");
    }
    return version;
  }

  private static String digest(String resource) {
    try (InputStream in = open(resource)) {
      return Sha256.of(in.readAllBytes()).hex().substring(0, 12);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(String resource) {
    InputStream in = SwaggerUiAssets.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(
          "the API docs need "
              + resource
              + " on the class path (the org.webjars:swagger-ui jar"
              + " and the server's own resources); found none");
    }
    return in;
  }

  /** The URL path of asset {@code name}, e.g. {@code /docs/assets/swagger-ui.css?v=5.32.15}. */
  String url(String name) {
    Asset asset = assets.get(name);
    if (asset == null) {
      throw new IllegalArgumentException(
          "name: expected one of " + assets.keySet() + ", found '" + name + "'");
    }
    return BASE_PATH + name + "?v=" + asset.tag();
  }

  /** The asset served under {@code name}, or empty for any other name. */
  Optional<Asset> find(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  /** Opens an asset's bytes; the caller closes the stream. */
  static InputStream read(Asset asset) {
    return open(asset.resource());
  }
}
