package dev.petrel.cli;

import dev.petrel.client.desktop.AppDirectory;
import dev.petrel.client.desktop.Launcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code petrel launch}: the desktop launcher ({@link Launcher}) from the command line. */
@Command(
    name = "launch",
    mixinStandardHelpOptions = true,
    description =
        "Starts the current version of a desktop app directory, reverts a new version that"
            + " crashes on start or is not healthy in time, restarts after an install (exit 75)."
            + " Exits with the app's exit code (78: no version can be started).")
final class LaunchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--app-dir",
      required = true,
      paramLabel = "DIR",
      description = "The app directory.")
  Path appDir;

  @Parameters(paramLabel = "ARG", description = "Arguments passed to the app (after --).")
  List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream log =
        new PrintStream(
            new WriterOutputStream(spec.commandLine().getErr()), true, StandardCharsets.UTF_8);
    try {
      return new Launcher(AppDirectory.of(appDir), arguments, Clock.systemUTC(), log).run();
    } catch (IOException e) {
      throw new CommandFailedException(e.getMessage(), e);
    }
  }
}
