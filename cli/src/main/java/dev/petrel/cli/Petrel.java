package dev.petrel.cli;

import dev.petrel.server.PetrelServer;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code petrel} command: the root that holds every subcommand. */
@Command(
    name = "petrel",
    mixinStandardHelpOptions = true,
    versionProvider = Petrel.Version.class,
    description = "Petrel: a self-hosted over-the-air update server and its tools.",
    subcommands = {
      ServeCommand.class,
      KeysCommand.class,
      AppsCommand.class,
      PublishCommand.class,
      ReleasesCommand.class,
      RolloutCommand.class,
      FeedCommand.class,
      UpdateCommand.class,
      LaunchCommand.class,
      WebhooksCommand.class,
      DeltasCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Petrel implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code: 0 success, 1 failure, 2 bad usage. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** A command line for {@code petrel}, for {@code main} and for tests. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /**
   * A command line whose {@code --server} and {@code --token} default to {@code PETREL_SERVER} and
   * {@code PETREL_TOKEN} in {@code environment}.
   */
  public static CommandLine commandLine(Map<String, String> environment) {
    CommandLine cli = new CommandLine(new Petrel());
    // "--token @file" is ours to read; picocli's own @argument-files would split it into words.
    cli.setExpandAtFiles(false);
    cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
    cli.setExecutionExceptionHandler(Petrel::handleFailure);
    return cli;
  }

  /** The one place that turns a failed command into a line on stderr and exit code 1. */
  private static int handleFailure(
      Exception failure, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    if (!(failure instanceof CommandFailedException)) {
      throw failure;
    }
    PrintWriter err = command.getErr();
    err.println("petrel: " + failure.getMessage());
    err.flush();
    return 1;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"petrel " + PetrelServer.version()};
    }
  }
}
