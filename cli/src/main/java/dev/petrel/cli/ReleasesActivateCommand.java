package dev.petrel.cli;

import picocli.CommandLine.Command;

/** {@code petrel releases activate}. */
@Command(
    name = "activate",
    mixinStandardHelpOptions = true,
    description = "Activates a release again (publisher): devices are offered it again.")
final class ReleasesActivateCommand extends ReleaseStateCommand {
  ReleasesActivateCommand() {
    super("activate", "activated");
  }
}
