package dev.petrel.cli;

import dev.petrel.server.PetrelServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code petrel} command: the root that holds every subcommand. */
@Command(
    name = "petrel",
    mixinStandardHelpOptions = true,
    versionProvider = Petrel.Version.class,
    description = "Petrel: a self-hosted over-the-air update server and its tools.",
    subcommands = {ServeCommand.class, CommandLine.HelpCommand.class})
public final class Petrel implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code: 0 success, 1 failure, 2 bad usage. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** A command line for {@code petrel}, for {@code main} and for tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Petrel());
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
