package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code petrel launch} starting a real app in a child JVM. */
class LaunchCommandTest {
  @TempDir Path dir;

  @Test
  void startsTheCurrentVersionWithItsArgumentsAndReturnsItsExitCode() throws Exception {
    Path app = DesktopApps.appDir(dir.resolve("app"), "1.0.0", 1);
    CliRun run = CliRun.run("launch", "--app-dir", app.toString(), "--", "7", "--flag");
    assertThat(run.exit()).as(run.err()).isEqualTo(7);
    assertThat(Files.readString(app.resolve("launched.txt"))).isEqualTo("1.0.0 7,--flag");
  }

  @Test
  void anEmptyAppDirectoryExitsWith78() throws Exception {
    CliRun run = CliRun.run("launch", "--app-dir", dir.resolve("nothing").toString());
    assertThat(run.exit()).isEqualTo(78);
    assertThat(run.err()).contains("no version of the app");
  }
}
