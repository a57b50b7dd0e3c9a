package dev.petrel.client.desktop;

import dev.petrel.client.desktop.internal.SafeUnpacker;
import dev.petrel.protocol.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Builds release archives of {@link TestApp}: {@code petrel-app.json} plus the classes it needs
 * (the test app, this library and the protocol) under {@code classes/}.
 */
final class TestApps {
  private static Map<String, byte[]> classes;

  private TestApps() {}

  /** The archive of version {@code version}/{@code code} running in {@code mode}. */
  static Path archive(Path file, String version, long code, String mode) throws IOException {
    return archive(file, version, code, mode, "");
  }

  /** As above, with one more JVM option (e.g. {@code -Dtestapp.archive=…}), if not empty. */
  static Path archive(Path file, String version, long code, String mode, String option)
      throws IOException {
    ZipBuilder zip = new ZipBuilder();
    zip.file("petrel-app.json", manifest(version, code, mode, option));
    for (Map.Entry<String, byte[]> entry : classes().entrySet()) {
      zip.file("classes/" + entry.getKey(), entry.getValue());
    }
    return zip.write(file);
  }

  static String manifest(String version, long code, String mode, String option) {
    return "{\"version\":\""
        + version
        + "\",\"version_code\":"
        + code
        + ",\"main_class\":\"dev.petrel.client.desktop.TestApp\",\"class_path\":[\"classes\"],"
        + "\"jvm_options\":[\"-Xshare:auto\",\"-XX:TieredStopAtLevel=1\",\"-Xmx64m\","
        + "\"-Dtestapp.mode="
        + mode
        + "\""
        + (option.isEmpty() ? "" : ",\"" + option + "\"")
        + "]}";
  }

  /** Installs a first version directly (as an app's own installer would) and points at it. */
  static void installFirst(AppDirectory dir, String version, long code, String mode)
      throws IOException {
    Path archive = archive(Files.createTempFile("first", ".zip"), version, code, mode);
    Files.createDirectories(dir.versionDir(version));
    new SafeUnpacker(ArchiveLimits.DEFAULT).unpack(archive, dir.versionDir(version));
    Files.delete(archive);
    dir.switchTo(version);
  }

  private static synchronized Map<String, byte[]> classes() throws IOException {
    if (classes == null) {
      Map<String, byte[]> all = new TreeMap<>();
      for (Class<?> anchor : new Class<?>[] {TestApp.class, AppDirectory.class, StrictJson.class}) {
        collect(anchor, all);
      }
      all.keySet().removeIf(name -> name.startsWith("META-INF") || name.endsWith("Test.class"));
      classes = all;
    }
    return classes;
  }

  private static void collect(Class<?> anchor, Map<String, byte[]> into) throws IOException {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          String name = location.relativize(file).toString().replace('\\', '/');
          if (name.endsWith(".class")) {
            into.put(name, Files.readAllBytes(file));
          }
        }
      }
      return;
    }
    try (JarFile jar = new JarFile(location.toFile())) {
      for (var entry : (Iterable<java.util.jar.JarEntry>) jar.stream()::iterator) {
        if (entry.getName().endsWith(".class")) {
          try (InputStream in = jar.getInputStream(entry)) {
            into.put(entry.getName(), in.readAllBytes());
          }
        }
      }
    }
  }

  /** The lines of {@code APP_DIR/runs.txt}: which version ran in which mode, in order. */
  static java.util.List<String> runs(AppDirectory dir) throws IOException {
    Path file = dir.root().resolve("runs.txt");
    return Files.exists(file)
        ? Files.readAllLines(file, StandardCharsets.UTF_8)
        : java.util.List.of();
  }
}
