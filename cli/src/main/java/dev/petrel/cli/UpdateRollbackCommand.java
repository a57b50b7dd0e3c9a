package dev.petrel.cli;

import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code petrel update rollback}. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = "Switches back to the newest installed version older than the current one.")
final class UpdateRollbackCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AppDirOptions app;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the history.")
  String reason;

  @Override
  public Integer call() {
    try (Updater updater = app.open()) {
      String before = updater.installedVersion();
      updater.rollback(reason == null ? "rolled back with petrel update rollback" : reason);
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "rolled back from " + before + " to " + app.directory().currentVersion().orElse("?"));
      out.flush();
      return 0;
    } catch (UpdateException e) {
      throw AppDirOptions.failed(e);
    } catch (java.io.IOException e) {
      throw new CommandFailedException(e.getMessage(), e);
    }
  }
}
