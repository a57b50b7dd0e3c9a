package dev.petrel.cli;

import picocli.CommandLine.Option;

/** {@code --id N}: which webhook. */
final class WebhookIdOption {
  @Option(names = "--id", required = true, paramLabel = "N", description = "The webhook's id.")
  long id;
}
