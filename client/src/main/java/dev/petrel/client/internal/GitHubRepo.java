package dev.petrel.client.internal;

import java.net.URI;

/**
 * A GitHub repository whose releases carry a Petrel app's artifacts and signed feeds, and the REST
 * API that serves it ({@code https://api.github.com}, or a GitHub Enterprise server's {@code
 * https://HOST/api/v3}).
 *
 * @param owner the user or organisation: 1 to 39 letters, digits or single hyphens, not at the ends
 * @param name the repository: 1 to 100 letters, digits, {@code .}, {@code _} or {@code -}, not
 *     {@code .} or {@code ..}
 * @param api the API's base URL (http or https)
 */
public record GitHubRepo(String owner, String name, URI api) {
  /** The public GitHub's API. */
  public static final URI GITHUB_API = URI.create("https://api.github.com");

  /** The name of the signed feed asset for {@code platform} in a release. */
  public static String feedAssetName(String platform) {
    return "petrel-feed-" + platform + ".json";
  }

  /**
   * Reads {@code OWNER/REPO}.
   *
   * @param what the setting's name, for messages
   * @throws IllegalArgumentException naming {@code what}, what was expected and what was found
   */
  public static GitHubRepo parse(String what, String text, URI api) {
    if (text == null) {
      throw new IllegalArgumentException(what + ": expected OWNER/REPO, found nothing");
    }
    int slash = text.indexOf('/');
    if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException(what + ": expected OWNER/REPO, found '" + text + "'");
    }
    String owner = text.substring(0, slash);
    String name = text.substring(slash + 1);
    if (!validOwner(owner)) {
      throw new IllegalArgumentException(
          what
              + ": expected an owner of 1 to 39 letters, digits or inner single hyphens, found '"
              + owner
              + "'");
    }
    if (!validName(name)) {
      throw new IllegalArgumentException(
          what
              + ": expected a repository name of 1 to 100 letters, digits, '.', '_' or '-',"
              + " found '"
              + name
              + "'");
    }
    if (api == null
        || !api.isAbsolute()
        || !("https".equals(api.getScheme()) || "http".equals(api.getScheme()))) {
      throw new IllegalArgumentException(what + ": expected an http(s) API URL, found " + api);
    }
    return new GitHubRepo(owner, name, api);
  }

  /** {@code {api}/repos/{owner}/{name}{path}}. */
  public URI endpoint(String path) {
    return ServerSource.endpoint(api, "/repos/" + owner + "/" + name + path);
  }

  @Override
  public String toString() {
    return owner + "/" + name;
  }

  private static boolean validOwner(String owner) {
    if (owner.isEmpty()
        || owner.length() > 39
        || owner.startsWith("-")
        || owner.endsWith("-")
        || owner.contains("--")) {
      return false;
    }
    for (int i = 0; i < owner.length(); i++) {
      char c = owner.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean validName(String name) {
    if (name.isEmpty() || name.length() > 100 || name.equals(".") || name.equals("..")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '-' || c == '_' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
