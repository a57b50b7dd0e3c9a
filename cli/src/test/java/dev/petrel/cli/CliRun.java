package dev.petrel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One {@code petrel} invocation in-process: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {
  /**
   * Runs {@code petrel args…} with {@code environment} as its environment variables, on the command
   * line {@code main} builds for those {@code args}.
   */
  static CliRun run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Petrel.commandLine(environment, args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  static CliRun run(String... args) {
    return run(Map.of(), args);
  }
}
