package dev.petrel.client.testing;

import dev.petrel.client.InstallResult;
import dev.petrel.client.Installer;
import dev.petrel.client.UpdateException;
import dev.petrel.client.VerifiedUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A small real installer for tests: copies the artifact to {@code appDir/versions/<v>/artifact} and
 * names the version in {@code appDir/current}; remembers every install.
 */
public final class RecordingInstaller implements Installer {
  private final Path appDir;
  private final List<VerifiedUpdate> installs = new ArrayList<>();
  private final List<String> previous = new ArrayList<>();
  private int healthy;

  public RecordingInstaller(Path appDir, String installed) {
    this.appDir = appDir;
    try {
      Files.createDirectories(appDir.resolve("versions").resolve(installed));
      Files.write(appDir.resolve("current"), installed.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized String currentVersion() {
    try {
      return Files.readString(appDir.resolve("current"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized InstallResult install(VerifiedUpdate update) throws UpdateException {
    String from = currentVersion();
    String version = update.offer().version();
    try {
      Path dir = appDir.resolve("versions").resolve(version);
      Files.createDirectories(dir);
      Files.copy(update.file(), dir.resolve("artifact"), StandardCopyOption.REPLACE_EXISTING);
      Files.write(appDir.resolve("current"), version.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UpdateException(UpdateException.Reason.INSTALL, "copy failed: " + e, e);
    }
    installs.add(update);
    previous.add(from);
    return new InstallResult(from, version, true, "installed " + version);
  }

  @Override
  public synchronized void rollback() throws UpdateException {
    if (previous.isEmpty()) {
      throw new UpdateException(UpdateException.Reason.INSTALL, "nothing to roll back to");
    }
    String back = previous.remove(previous.size() - 1);
    try {
      Files.write(appDir.resolve("current"), back.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UpdateException(UpdateException.Reason.INSTALL, "rollback failed: " + e, e);
    }
  }

  @Override
  public synchronized void markHealthy() {
    healthy++;
  }

  public synchronized List<VerifiedUpdate> installs() {
    return List.copyOf(installs);
  }

  public synchronized int healthyMarks() {
    return healthy;
  }
}
