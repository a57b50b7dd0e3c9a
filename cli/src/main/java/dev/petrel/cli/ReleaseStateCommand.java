package dev.petrel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * A {@code petrel releases} subcommand that switches whether devices are offered a release: it
 * posts {@code .../releases/<id>/<action>} and prints the release's state.
 */
abstract class ReleaseStateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  private final String action;
  private final String done;

  /**
   * @param action the last segment of the endpoint, e.g. {@code activate}
   * @param done the verb printed after it, e.g. {@code activated}
   */
  ReleaseStateCommand(String action, String done) {
    this.action = action;
    this.done = done;
  }

  @Override
  public Integer call() {
    ReleaseIdOptions.printState(
        spec.commandLine().getOut(),
        done,
        server.api().post(release.path() + "/" + action, PetrelApi.object()).path("release"));
    return 0;
  }
}
