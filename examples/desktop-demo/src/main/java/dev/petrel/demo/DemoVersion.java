package dev.petrel.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The demo's own version, written into the jar at build time ({@code -Ddemo.version=1.0.1
 * -Ddemo.versionCode=2}).
 *
 * @param version e.g. {@code 1.0.0}
 * @param versionCode e.g. {@code 1}
 */
record DemoVersion(String version, long versionCode) {
  private static final String RESOURCE = "demo.properties";

  /** The version this jar was built as. */
  static DemoVersion ofThisBuild() {
    try (InputStream in = DemoVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the demo's jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return new DemoVersion(
          properties.getProperty("version"),
          Long.parseLong(properties.getProperty("version_code")));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE, e);
    }
  }
}
