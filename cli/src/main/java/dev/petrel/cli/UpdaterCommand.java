package dev.petrel.cli;

import dev.petrel.client.UpdateException;
import dev.petrel.client.Updater;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * A {@code petrel update} subcommand that works with the app directory's updater: it opens the
 * updater, runs, flushes its output and closes the updater; an {@link UpdateException} fails the
 * command with its message.
 */
abstract class UpdaterCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin AppDirOptions app;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Updater updater = app.open()) {
      run(updater, out);
      out.flush();
      return 0;
    } catch (UpdateException e) {
      throw AppDirOptions.failed(e);
    }
  }

  /** The command's work, printing to {@code out}. */
  abstract void run(Updater updater, PrintWriter out) throws UpdateException;
}
