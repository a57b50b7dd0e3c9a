package dev.petrel.client.desktop;

import dev.petrel.client.desktop.internal.AtomicFiles;
import dev.petrel.client.desktop.internal.HealthState;
import dev.petrel.protocol.InvalidValueException;
import dev.petrel.protocol.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout of a desktop app directory:
 *
 * <pre>
 * APP_DIR/current               one line naming the current version, replaced atomically
 * APP_DIR/versions/&lt;version&gt;/   each installed version side by side, with its petrel-app.json
 * APP_DIR/updater_config.json   the updater's settings
 * APP_DIR/.petrel/              state: lock, pending health check, history, outbox, downloads
 * </pre>
 *
 * <p>Apps started by the {@link Launcher} find their directory in the system property {@value
 * #APP_DIR_PROPERTY} (or the environment variable {@value #APP_DIR_ENV}) and call {@link
 * #markHealthy()} once they are up. Immutable and thread-safe.
 */
public final class AppDirectory {
  /** System property the launcher sets to the app directory for the app it starts. */
  public static final String APP_DIR_PROPERTY = "petrel.app.dir";

  /** Environment variable the launcher sets to the app directory for the app it starts. */
  public static final String APP_DIR_ENV = "PETREL_APP_DIR";

  /** System property the launcher sets to the version it started. */
  public static final String VERSION_PROPERTY = "petrel.app.version";

  /**
   * The exit code with which an app asks the launcher to start it again, on the version the pointer
   * now names (after an install or a rollback): 75 ({@code EX_TEMPFAIL}).
   */
  public static final int RESTART_EXIT_CODE = 75;

  private final Path root;

  private AppDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The app directory at {@code root} (which need not exist yet). */
  public static AppDirectory of(Path root) {
    return new AppDirectory(root);
  }

  /** The app directory the launcher named for this process, if any. */
  public static Optional<AppDirectory> fromLauncher() {
    String dir = System.getProperty(APP_DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      dir = System.getenv(APP_DIR_ENV);
    }
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(of(Path.of(dir)));
  }

  /**
   * Reports that this process, started by the {@link Launcher}, came up healthy: completes the
   * health check of a freshly installed version so it is not reverted. Call it once the app has
   * started and works. Returns false (and does nothing) when the process was not started by the
   * launcher or its version is not awaiting a health check.
   *
   * @throws IOException when the state directory cannot be read or written
   */
  public static boolean markHealthy() throws IOException {
    Optional<AppDirectory> dir = fromLauncher();
    String version = System.getProperty(VERSION_PROPERTY);
    if (dir.isEmpty() || version == null) {
      return false;
    }
    return HealthState.markHealthy(dir.get(), version);
  }

  public Path root() {
    return root;
  }

  public Path versionsDir() {
    return root.resolve("versions");
  }

  /** {@code versions/<version>}; the version is validated so it cannot name another folder. */
  public Path versionDir(String version) {
    Version.parse("version", version);
    return versionsDir().resolve(version);
  }

  public Path pointerFile() {
    return root.resolve("current");
  }

  public Path configFile() {
    return root.resolve("updater_config.json");
  }

  /** {@code .petrel/}: the updater's state directory (lock, pending health, history, outbox). */
  public Path stateDir() {
    return root.resolve(".petrel");
  }

  public Path lockFile() {
    return stateDir().resolve("lock");
  }

  /** The pending health check of a freshly switched version, present until it reports healthy. */
  public Path pendingHealthFile() {
    return stateDir().resolve("pending-health.json");
  }

  /** The version the pointer names, or empty when there is no valid pointer. */
  public Optional<String> currentVersion() throws IOException {
    try {
      String text = Files.readString(pointerFile(), StandardCharsets.UTF_8).strip();
      Version.parse("current", text);
      return Optional.of(text);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (InvalidValueException | java.nio.charset.MalformedInputException e) {
      return Optional.empty();
    }
  }

  /** Points {@code current} at {@code version}: temp file, fsync, rename, directory fsync. */
  public void switchTo(String version) throws IOException {
    Version.parse("version", version);
    AtomicFiles.write(pointerFile(), (version + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The complete installed versions (folders under {@code versions/} named as a version, leftovers
   * of interrupted unpacks excluded), newest first by version precedence.
   */
  public List<String> installedVersions() throws IOException {
    List<Version> versions = new ArrayList<>();
    if (!Files.isDirectory(versionsDir())) {
      return List.of();
    }
    try (var children = Files.list(versionsDir())) {
      for (Path child : (Iterable<Path>) children::iterator) {
        String name = child.getFileName().toString();
        try {
          if (Files.isDirectory(child)) {
            versions.add(Version.parse("version", name));
          }
        } catch (InvalidValueException e) {
          // An unpack in progress (<version>.tmp-…) or a foreign folder: not a version.
        }
      }
    }
    versions.sort(java.util.Comparator.reverseOrder());
    List<String> names = new ArrayList<>();
    for (Version version : versions) {
      names.add(version.toString());
    }
    return names;
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
