package dev.petrel.cli;

import picocli.CommandLine.Command;

/** {@code petrel releases deactivate}. */
@Command(
    name = "deactivate",
    mixinStandardHelpOptions = true,
    description =
        "Deactivates a release (publisher): devices are no longer offered it, e.g. to roll back.")
final class ReleasesDeactivateCommand extends ReleaseStateCommand {
  ReleasesDeactivateCommand() {
    super("deactivate", "deactivated");
  }
}
