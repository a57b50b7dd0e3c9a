package dev.petrel.cli;

import dev.petrel.server.PetrelServer;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code petrel} command: the root that holds every subcommand (added by {@link #commandLine},
 * not listed in the annotation, so that a run builds only the subcommand it names).
 */
@Command(
    name = "petrel",
    mixinStandardHelpOptions = true,
    versionProvider = Petrel.Version.class,
    description = "Petrel: a self-hosted over-the-air update server and its tools.")
public final class Petrel implements Runnable {
  /** Every subcommand, in the order {@code petrel --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
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
          CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code: 0 success, 1 failure, 2 bad usage. */
  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), args).execute(args));
  }

  /** A command line for {@code petrel} with every subcommand, for tests. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  /** {@link #commandLine(Map, String...)} with every subcommand. */
  public static CommandLine commandLine(Map<String, String> environment) {
    return commandLine(environment, new String[0]);
  }

  /**
   * A command line to run {@code petrel args…}, whose {@code --server} and {@code --token} default
   * to {@code PETREL_SERVER} and {@code PETREL_TOKEN} in {@code environment}.
   *
   * <p>It holds only the subcommand that {@code args} start with, when they start with the name of
   * one other than {@code help}: picocli builds a command's model from its annotations when the
   * command is added, and building all of them took a server start about a fifth of its main
   * thread's CPU (docs/BENCHMARKS.md, "Start to ready"). Any other {@code args} (none, an option of
   * the root, {@code help}, an unknown name) get every subcommand, so that usage, help and errors
   * name them all. The result runs {@code args} exactly as the whole command line would.
   */
  public static CommandLine commandLine(Map<String, String> environment, String... args) {
    CommandLine cli = new CommandLine(new Petrel());
    subcommandsFor(args).forEach(cli::addSubcommand);
    // Settings after the subcommands: picocli applies them to the subcommands added so far only.
    // "--token @file" is ours to read; picocli's own @argument-files would split it into words.
    cli.setExpandAtFiles(false);
    cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
    cli.setExecutionExceptionHandler(Petrel::handleFailure);
    return cli;
  }

  /** The subcommands {@link #commandLine(Map, String...)} adds for {@code args}. */
  static List<Class<?>> subcommandsFor(String... args) {
    if (args.length == 0) {
      return SUBCOMMANDS;
    }
    for (Class<?> subcommand : SUBCOMMANDS) {
      Command command = subcommand.getAnnotation(Command.class);
      boolean named =
          command.name().equals(args[0]) || Arrays.asList(command.aliases()).contains(args[0]);
      if (named && subcommand != CommandLine.HelpCommand.class) {
        return List.of(subcommand);
      }
    }
    return SUBCOMMANDS;
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
