package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The systemd unit and the container file in {@code packaging/}: systemd itself verifies the unit,
 * both start {@code petrel serve} with options it has, and neither runs as root.
 */
class PackagingTest {
  static final Path UNIT = Path.of("..", "packaging", "systemd", "petrel.service");
  static final Path CONTAINER = Path.of("..", "packaging", "container", "Containerfile");

  @Test
  void systemdVerifiesTheUnit() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    Assumptions.assumeTrue(
        Files.isExecutable(analyze),
        "NOTICE: systemd-analyze is missing; the systemd unit is not verified here");
    Process verify =
        new ProcessBuilder(analyze.toString(), "verify", UNIT.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.exitValue()).as(output).isZero();
    assertThat(output).as("systemd's warnings").isBlank();
  }

  @Test
  void theUnitIsHardenedAndRunsAsItsOwnUser() throws Exception {
    String unit = Files.readString(UNIT);
    assertThat(unit)
        .contains(
            "DynamicUser=yes",
            "StateDirectory=petrel",
            "NoNewPrivileges=yes",
            "ProtectSystem=strict",
            "ProtectHome=yes",
            "PrivateTmp=yes",
            "CapabilityBoundingSet=\n")
        .doesNotContain("User=root");
    assertServeArguments(line(unit, "ExecStart="));
  }

  @Test
  void theContainerRunsAsANonRootUser() throws Exception {
    String file = Files.readString(CONTAINER);
    assertThat(line(file, "USER ")).isEqualTo("USER 10001");
    String entry = file.substring(file.indexOf("ENTRYPOINT [") + "ENTRYPOINT [".length());
    entry = entry.substring(0, entry.indexOf(']')).replace("\\\n", " ");
    List<String> args =
        Arrays.stream(entry.split(","))
            .map(String::strip)
            .map(a -> a.substring(1, a.length() - 1))
            .toList();
    assertServeArguments(String.join(" ", args));
  }

  /** The arguments after {@code serve} in {@code command} are options {@code petrel serve} has. */
  private static void assertServeArguments(String command) {
    String[] words = command.strip().split("\\s+");
    int serve = Arrays.asList(words).indexOf("serve");
    assertThat(serve).as(command).isPositive();
    String[] args = Arrays.copyOfRange(words, serve + 1, words.length);
    CommandLine.ParseResult parsed = new CommandLine(new ServeCommand()).parseArgs(args);
    assertThat(parsed.matchedOptions()).isNotEmpty();
    assertThat(parsed.unmatched()).isEmpty();
  }

  private static String line(String text, String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with " + prefix));
  }
}
