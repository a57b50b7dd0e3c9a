package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code petrel deltas remove}: stops offering a patch; devices take the full download. */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    description =
        "Removes a patch of a release (publisher): devices are no longer offered it and download"
            + " the whole file. 'petrel deltas generate' makes it again.")
final class DeltasRemoveCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin DeltaReleaseOptions release;

  @Parameters(
      index = "0",
      paramLabel = "DELTA_ID",
      description = "The patch's id, as 'petrel deltas list' shows it.")
  long delta;

  @Override
  public Integer call() {
    DeltaReleaseOptions.positive(spec, "DELTA_ID", delta);
    server.api().delete(release.path() + "/" + delta, PetrelApi.object());
    spec.commandLine()
        .getOut()
        .println("removed patch " + delta + " of release " + release.release);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
