package dev.petrel.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code petrel publish}'s GitHub mirror options. All are checked before anything is uploaded
 * anywhere; the token falls back to {@code GITHUB_TOKEN} and is never printed.
 */
final class GitHubOptions {
  static final URI GITHUB_API = URI.create("https://api.github.com");
  private static final Pattern REPO =
      Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}");

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--github",
      paramLabel = "OWNER/REPO",
      description =
          "Also create the GitHub release v<version> (a prerelease off the stable channel) with"
              + " the file and a signed feed as assets; needs --key.")
  String repo;

  @Option(
      names = "--github-token",
      paramLabel = "TOKEN",
      description =
          "GitHub token that may write releases, or @FILE to read it from a file (GITHUB_TOKEN).")
  String token;

  @Option(
      names = "--github-api",
      paramLabel = "URL",
      description = "GitHub REST API (GITHUB_API_URL, default https://api.github.com).")
  String api;

  boolean enabled() {
    return repo != null;
  }

  /** The client these options name; throws a usage error naming the bad option. */
  GitHubReleases releases() {
    if (!REPO.matcher(repo).matches()) {
      throw usage("--github: expected OWNER/REPO, found '" + repo + "'");
    }
    return new GitHubReleases(apiUri(), repo, resolveToken());
  }

  private URI apiUri() {
    if (api == null || api.isBlank()) {
      return GITHUB_API;
    }
    try {
      URI uri = new URI(api.strip());
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw usage("--github-api / GITHUB_API_URL: expected an http(s) URL, found '" + api + "'");
  }

  private String resolveToken() {
    if (token == null || token.isBlank()) {
      throw usage("--github needs a token: set GITHUB_TOKEN or pass --github-token @FILE");
    }
    if (!token.startsWith("@")) {
      return token.strip();
    }
    Path file = Path.of(token.substring(1));
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty() || text.contains("\n")) {
        throw usage("--github-token @" + file + ": expected one line holding the token");
      }
      return text;
    } catch (NoSuchFileException e) {
      throw usage("--github-token @" + file + ": no such file");
    } catch (IOException e) {
      throw new CommandFailedException("cannot read the token file " + file + ": " + e, e);
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
