package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The part of GitHub's REST API ({@code /repos/{owner}/{repo}/releases…}) that mirroring a release
 * needs. Every failure becomes a {@link CommandFailedException} naming the call and GitHub's
 * message; the token is sent, never shown. Redirects are not followed.
 */
final class GitHubReleases {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Uploads of large artifacts may take long; they have no overall timeout, only connect's. */
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(PetrelApi.CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final URI api;
  private final String repo;
  private final String token;

  /**
   * @param api the API base, e.g. {@code https://api.github.com}
   * @param repo {@code OWNER/REPO}
   * @param token a token that may write the repository's releases
   */
  GitHubReleases(URI api, String repo, String token) {
    this.api = api;
    this.repo = repo;
    this.token = token;
  }

  String repo() {
    return repo;
  }

  /** {@code GET /repos/{repo}}: fails unless the repository exists and the token may see it. */
  JsonNode repository() {
    return send(request("").GET(), "read the repository", 200);
  }

  /** The release tagged {@code tag}, or null when there is none. */
  JsonNode byTag(String tag) {
    HttpResponse<byte[]> response = exchange(request("/releases/tags/" + encode(tag)).GET());
    return response.statusCode() == 404
        ? null
        : parse(response, "read the release tagged " + tag, 200);
  }

  /** Creates a release: a draft until {@link #publish} makes it visible. */
  JsonNode create(String tag, String name, String body, boolean draft, boolean prerelease) {
    var json = MAPPER.createObjectNode();
    json.put("tag_name", tag);
    json.put("name", name);
    json.put("body", body == null ? "" : body);
    json.put("draft", draft);
    json.put("prerelease", prerelease);
    return send(request("/releases").POST(body(json)), "create the release " + tag, 201);
  }

  /** Makes a draft release visible. */
  JsonNode publish(long releaseId) {
    var json = MAPPER.createObjectNode();
    json.put("draft", false);
    return send(
        request("/releases/" + releaseId).method("PATCH", body(json)),
        "publish the release draft",
        200);
  }

  /** Deletes a release (its tag stays, as on GitHub). */
  void delete(long releaseId) {
    send(request("/releases/" + releaseId).DELETE(), "delete the release", 204);
  }

  /** Deletes one asset. */
  void deleteAsset(long assetId) {
    send(request("/releases/assets/" + assetId).DELETE(), "delete the asset", 204);
  }

  /**
   * Uploads {@code file} as the asset {@code name} to {@code release}'s {@code upload_url}.
   *
   * @return the asset, with its {@code browser_download_url}
   */
  JsonNode upload(JsonNode release, String name, Path file, String contentType) {
    String template = release.path("upload_url").asText();
    int brace = template.indexOf('{');
    URI uri =
        URI.create((brace < 0 ? template : template.substring(0, brace)) + "?name=" + encode(name));
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(file);
    } catch (FileNotFoundException e) {
      throw new CommandFailedException("cannot read " + file + " to upload it to GitHub", e);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).header("Content-Type", contentType).POST(body);
    return send(authorised(builder), "upload the asset " + name, 201);
  }

  private HttpRequest.Builder request(String path) {
    return authorised(HttpRequest.newBuilder(endpoint(path)).timeout(TIMEOUT));
  }

  private HttpRequest.Builder authorised(HttpRequest.Builder builder) {
    return builder
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", "2022-11-28")
        .header("User-Agent", "petrel-cli")
        .header("Authorization", "Bearer " + token);
  }

  private URI endpoint(String path) {
    String base = api.toString();
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
            + "/repos/"
            + repo
            + path);
  }

  private JsonNode send(HttpRequest.Builder builder, String what, int expected) {
    return parse(exchange(builder), what, expected);
  }

  private HttpResponse<byte[]> exchange(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CommandFailedException(
          "github.unreachable: " + request.method() + " " + request.uri() + ": " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted while talking to GitHub", e);
    }
  }

  private JsonNode parse(HttpResponse<byte[]> response, String what, int expected) {
    JsonNode json;
    try {
      json =
          response.body().length == 0
              ? MAPPER.createObjectNode()
              : MAPPER.readTree(response.body());
    } catch (IOException e) {
      json = MAPPER.createObjectNode();
    }
    if (response.statusCode() != expected) {
      String message = json.path("message").asText("");
      JsonNode errors = json.path("errors");
      throw new CommandFailedException(
          "github.refused: could not "
              + what
              + " in "
              + repo
              + ": HTTP "
              + response.statusCode()
              + (message.isEmpty() ? "" : " " + message)
              + (errors.isMissingNode() ? "" : " " + errors));
    }
    return json;
  }

  private static HttpRequest.BodyPublisher body(JsonNode json) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(json));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a GitHub request", e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
