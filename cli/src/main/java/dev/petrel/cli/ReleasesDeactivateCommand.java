package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel releases deactivate}. */
@Command(
    name = "deactivate",
    mixinStandardHelpOptions = true,
    description =
        "Deactivates a release (publisher): devices are no longer offered it, e.g. to roll back.")
final class ReleasesDeactivateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Override
  public Integer call() {
    ReleaseIdOptions.printState(
        spec.commandLine().getOut(),
        "deactivated",
        server.api().post(release.path() + "/deactivate", PetrelApi.object()).path("release"));
    return 0;
  }
}
