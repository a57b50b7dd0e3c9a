package dev.petrel.cli;

import dev.petrel.protocol.AppId;
import picocli.CommandLine.Option;

/** The {@code --app APP} option that most commands take, as a picocli mixin. */
final class AppOption {
  @Option(
      names = "--app",
      required = true,
      paramLabel = "APP",
      converter = AppIdConverter.class,
      description = "The app (its id, e.g. default).")
  AppId app;

  /** The app named on the command line. */
  AppId id() {
    return app;
  }

  /** The app's path on the server, {@code /api/v1/apps/<app>}. */
  String path() {
    return "/api/v1/apps/" + PetrelApi.segment(app.name());
  }
}
