package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel releases activate}. */
@Command(
    name = "activate",
    mixinStandardHelpOptions = true,
    description = "Activates a release again (publisher): devices are offered it again.")
final class ReleasesActivateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Override
  public Integer call() {
    ReleaseIdOptions.printState(
        spec.commandLine().getOut(),
        "activated",
        server.api().post(release.path() + "/activate", PetrelApi.object()).path("release"));
    return 0;
  }
}
