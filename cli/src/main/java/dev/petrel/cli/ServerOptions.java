package dev.petrel.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to a server: where it is and the API token to send. Each
 * falls back to its environment variable ({@link EnvironmentDefaults}); the token is never printed.
 */
final class ServerOptions {
  static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "Petrel server (PETREL_SERVER, default " + DEFAULT_SERVER + ").")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "API token, or @FILE to read it from a file (PETREL_TOKEN; prefer the environment or"
              + " a file: a token on the command line shows in the process list).")
  String token;

  /** A client for the server these options name. */
  PetrelApi api() {
    return new PetrelApi(serverUri(), resolveToken());
  }

  URI serverUri() {
    String text = server == null ? DEFAULT_SERVER : server.strip();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below with the expected form
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "--server / PETREL_SERVER: expected an http:// or https:// URL, found '" + text + "'");
  }

  private String resolveToken() {
    if (token == null || !token.startsWith("@")) {
      return token;
    }
    Path file = Path.of(token.substring(1));
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--token @" + file + ": no such file");
    } catch (IOException e) {
      throw new CommandFailedException("cannot read the token file " + file + ": " + e, e);
    }
    if (text.isEmpty() || text.contains("\n")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--token @" + file + ": expected one line holding the token");
    }
    return text;
  }
}
