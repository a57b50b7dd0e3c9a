package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders without a picocli warning: picocli formats descriptions with {@link
 * String#format}, so a bare {@code %} (as in "10%") makes it warn on stderr and print raw text.
 */
class HelpTextTest {
  @Test
  void everyCommandsHelpRendersWithoutAWarning() {
    List<String> seen = new ArrayList<>();
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      render(Petrel.commandLine(Map.of()), seen);
    } finally {
      System.setErr(original);
    }
    assertThat(seen).as("commands walked").contains("petrel rollout plan", "petrel publish");
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
  }

  private static void render(CommandLine command, List<String> seen) {
    seen.add(command.getCommandSpec().qualifiedName());
    assertThat(command.getUsageMessage()).isNotBlank();
    for (CommandLine sub : command.getSubcommands().values()) {
      render(sub, seen);
    }
  }
}
