package dev.petrel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --app APP --release ID}: the release whose patches a deltas command works on. */
final class DeltaReleaseOptions {
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandSpec spec;

  @Mixin AppOption app;

  @Option(
      names = "--release",
      required = true,
      paramLabel = "ID",
      description = "The release the patches make (its id, as 'petrel releases list' shows it).")
  long release;

  /** {@code /api/v1/apps/{app}/releases/{id}/deltas}; a non-positive id is bad usage. */
  String path() {
    return app.path() + "/releases/" + positive(spec, "--release", release) + "/deltas";
  }

  /** {@code value} when it is a positive id; bad usage naming {@code option} otherwise. */
  static long positive(CommandSpec spec, String option, long value) {
    if (value < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), option + ": expected a positive id, found " + value);
    }
    return value;
  }
}
