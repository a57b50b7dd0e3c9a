package dev.petrel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The root command line holds the subcommand a run names, or all of them, and runs alike. */
class PetrelCommandLineTest {
  private static final List<String> EVERY_NAME =
      List.of(
          "serve",
          "keys",
          "apps",
          "publish",
          "releases",
          "rollout",
          "feed",
          "update",
          "launch",
          "webhooks",
          "deltas",
          "help");

  @Test
  void aRunThatNamesASubcommandBuildsOnlyThatOne() {
    assertThat(names("serve", "--port", "0")).containsExactly("serve");
    assertThat(names("rollout", "set", "--help")).containsExactly("rollout");
    CommandLine releases =
        Petrel.commandLine(Map.of(), "releases", "list").getSubcommands().get("releases");
    assertThat(releases.getSubcommands().keySet())
        .containsExactly("list", "show", "deactivate", "activate", "recall");
  }

  @Test
  void everyOtherRunBuildsEverySubcommandInHelpOrder() {
    assertThat(names()).containsExactlyElementsOf(EVERY_NAME);
    assertThat(names("--version")).containsExactlyElementsOf(EVERY_NAME);
    assertThat(names("help", "serve")).containsExactlyElementsOf(EVERY_NAME);
    assertThat(names("frobnicate")).containsExactlyElementsOf(EVERY_NAME);
    assertThat(names("Serve")).containsExactlyElementsOf(EVERY_NAME);
  }

  @Test
  void eachSubcommandsHelpIsTheSameAsOnTheWholeCommandLine() {
    for (String name : EVERY_NAME) {
      Printed whole = execute(Petrel.commandLine(Map.of()), name, "--help");
      Printed alone = execute(Petrel.commandLine(Map.of(), name, "--help"), name, "--help");
      assertThat(alone).as(name).isEqualTo(whole);
      assertThat(alone.exit()).as(name).isZero();
      assertThat(alone.out()).as(name).contains("Usage: petrel " + name);
    }
  }

  @Test
  void helpAndErrorsStillNameEverySubcommand() {
    CliRun usage = CliRun.run();
    assertThat(usage.out()).contains("serve", "publish", "deltas", "webhooks");

    CliRun help = CliRun.run("help", "rollout");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: petrel rollout");

    CliRun unknown = CliRun.run("publsh");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("publsh").contains("publish");
  }

  @Test
  void aBadOptionOfANamedSubcommandIsRefusedAsBefore() {
    Printed whole = execute(Petrel.commandLine(Map.of()), "serve", "--no-such-option");
    Printed alone =
        execute(
            Petrel.commandLine(Map.of(), "serve", "--no-such-option"), "serve", "--no-such-option");
    assertThat(alone.exit()).isEqualTo(2);
    assertThat(alone.err()).contains("Unknown option: '--no-such-option'");
    assertThat(alone).isEqualTo(whole);
  }

  private static List<String> names(String... args) {
    return List.copyOf(Petrel.commandLine(Map.of(), args).getSubcommands().keySet());
  }

  private record Printed(int exit, String out, String err) {}

  private static Printed execute(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Printed(exit, out.toString(), err.toString());
  }
}
