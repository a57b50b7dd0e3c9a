package dev.petrel.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One request to the {@link GitHubStandIn}, routed to what GitHub's REST API does for it. */
final class GitHubRoutes {
  private static final String REPO = "/repos/([^/]+)/([^/]+)";
  private static final Pattern ANY_REPO = Pattern.compile("(?:/uploads)?" + REPO + "(/.*)?");
  private static final Pattern RELEASES = Pattern.compile(REPO + "/releases");
  private static final Pattern LATEST = Pattern.compile(REPO + "/releases/latest");
  private static final Pattern BY_TAG = Pattern.compile(REPO + "/releases/tags/([^/]+)");
  private static final Pattern RELEASE = Pattern.compile(REPO + "/releases/(\\d+)");
  private static final Pattern ASSET = Pattern.compile(REPO + "/releases/assets/(\\d+)");
  private static final Pattern UPLOAD =
      Pattern.compile("/uploads" + REPO + "/releases/(\\d+)/assets");
  private static final Pattern DOWNLOAD =
      Pattern.compile("/([^/]+)/([^/]+)/releases/download/([^/]+)/([^/]+)");
  private static final Pattern STORAGE = Pattern.compile("/storage/(\\d+)");

  private final GitHubStandIn hub;
  private final HttpExchange exchange;
  private final String method;

  GitHubRoutes(GitHubStandIn hub, HttpExchange exchange) {
    this.hub = hub;
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
  }

  void route(String path, String query) throws IOException {
    Matcher m = ANY_REPO.matcher(path);
    if (m.matches() && !hub.exists(repo(m))) {
      GitHubStandIn.send(exchange, 404, GitHubStandIn.message("Not Found"));
      return;
    }
    if (m.matches() && m.group(3) == null && is("GET")) {
      repository(repo(m));
    } else if ((m = LATEST.matcher(path)).matches() && is("GET")) {
      latest(repo(m));
    } else if ((m = BY_TAG.matcher(path)).matches() && is("GET")) {
      found(find(repo(m), "tag_name", m.group(3)));
    } else if ((m = RELEASES.matcher(path)).matches()) {
      if (is("POST")) {
        create(repo(m));
      } else {
        list(repo(m), params(query));
      }
    } else if ((m = ASSET.matcher(path)).matches()) {
      asset(repo(m), Long.parseLong(m.group(3)));
    } else if ((m = RELEASE.matcher(path)).matches()) {
      release(repo(m), Long.parseLong(m.group(3)));
    } else if ((m = UPLOAD.matcher(path)).matches() && is("POST")) {
      upload(repo(m), Long.parseLong(m.group(3)), params(query));
    } else if ((m = DOWNLOAD.matcher(path)).matches() && is("GET")) {
      download(m.group(1) + "/" + m.group(2), m.group(3), m.group(4));
    } else if ((m = STORAGE.matcher(path)).matches() && is("GET")) {
      storage(Long.parseLong(m.group(1)));
    } else {
      GitHubStandIn.send(exchange, 404, GitHubStandIn.message("Not Found"));
    }
  }

  private void repository(String repo) throws IOException {
    ObjectNode body = GitHubStandIn.object();
    body.put("id", Math.abs(repo.hashCode()));
    body.put("name", repo.substring(repo.indexOf('/') + 1));
    body.put("full_name", repo);
    body.put("private", false);
    body.put("html_url", hub.base() + "/" + repo);
    body.set("owner", author());
    GitHubStandIn.send(exchange, 200, body);
  }

  private void latest(String repo) throws IOException {
    ObjectNode newest = null;
    for (ObjectNode release : hub.allReleases()) {
      if (release.path("_repo").asText().equals(repo)
          && !release.path("draft").asBoolean()
          && !release.path("prerelease").asBoolean()) {
        newest = release; // created in order: the last one is the newest
      }
    }
    found(newest);
  }

  private void list(String repo, Map<String, String> params) throws IOException {
    int perPage = Math.min(100, Integer.parseInt(params.getOrDefault("per_page", "30")));
    ArrayNode out = GitHubStandIn.array();
    boolean authorised = authorised();
    for (JsonNode release : hub.releases(repo)) {
      if ((authorised || !release.path("draft").asBoolean()) && out.size() < perPage) {
        out.add(release);
      }
    }
    GitHubStandIn.send(exchange, 200, out);
  }

  private void create(String repo) throws IOException {
    if (!requireToken()) {
      return;
    }
    JsonNode body = GitHubStandIn.read(exchange.getRequestBody().readAllBytes());
    String tag = body.path("tag_name").asText("");
    if (tag.isEmpty() || find(repo, "tag_name", tag) != null) {
      unprocessable("Release", tag.isEmpty() ? "missing_field" : "already_exists", "tag_name");
      return;
    }
    long id = hub.nextId();
    String repoUrl = hub.base() + "/repos/" + repo;
    ObjectNode release = GitHubStandIn.object();
    release.put("url", repoUrl + "/releases/" + id);
    release.put("html_url", hub.base() + "/" + repo + "/releases/tag/" + tag);
    release.put("assets_url", repoUrl + "/releases/" + id + "/assets");
    release.put(
        "upload_url",
        hub.base() + "/uploads/repos/" + repo + "/releases/" + id + "/assets{?name,label}");
    release.put("tarball_url", repoUrl + "/tarball/" + tag);
    release.put("zipball_url", repoUrl + "/zipball/" + tag);
    release.put("id", id);
    release.put("node_id", "RE_" + id);
    release.put("tag_name", tag);
    release.put("target_commitish", body.path("target_commitish").asText("main"));
    release.put("name", body.path("name").asText(tag));
    release.put("body", body.path("body").isTextual() ? body.path("body").asText() : null);
    release.put("draft", body.path("draft").asBoolean(false));
    release.put("prerelease", body.path("prerelease").asBoolean(false));
    release.put("created_at", GitHubStandIn.now());
    release.put("published_at", body.path("draft").asBoolean(false) ? null : GitHubStandIn.now());
    release.set("author", author());
    release.set("assets", GitHubStandIn.array());
    release.put("_repo", repo);
    hub.allReleases().add(release);
    GitHubStandIn.send(exchange, 201, release);
  }

  private void release(String repo, long id) throws IOException {
    ObjectNode release = find(repo, "id", Long.toString(id));
    if (release == null || !(is("GET") || requireToken())) {
      if (release == null) {
        found(null);
      }
      return;
    }
    if (is("DELETE")) {
      hub.allReleases().remove(release);
      GitHubStandIn.send(exchange, 204, GitHubStandIn.object());
      return;
    }
    if (is("PATCH")) {
      JsonNode body = GitHubStandIn.read(exchange.getRequestBody().readAllBytes());
      for (String field : new String[] {"name", "body", "tag_name"}) {
        if (body.has(field)) {
          release.set(field, body.get(field));
        }
      }
      for (String field : new String[] {"draft", "prerelease"}) {
        if (body.has(field)) {
          release.put(field, body.get(field).asBoolean());
        }
      }
      if (!release.path("draft").asBoolean() && release.path("published_at").isNull()) {
        release.put("published_at", GitHubStandIn.now());
      }
    }
    GitHubStandIn.send(exchange, 200, release);
  }

  private void upload(String repo, long id, Map<String, String> params) throws IOException {
    if (!requireToken()) {
      return;
    }
    ObjectNode release = find(repo, "id", Long.toString(id));
    String name = params.getOrDefault("name", "");
    if (release == null) {
      found(null);
      return;
    }
    ArrayNode assets = (ArrayNode) release.get("assets");
    for (JsonNode existing : assets) {
      if (existing.path("name").asText().equals(name)) {
        unprocessable("ReleaseAsset", "already_exists", "name");
        return;
      }
    }
    if (name.isEmpty() || exchange.getRequestHeaders().getFirst("Content-Type") == null) {
      unprocessable("ReleaseAsset", "missing_field", name.isEmpty() ? "name" : "content_type");
      return;
    }
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    long assetId = hub.nextId();
    hub.blobs().put(assetId, bytes);
    ObjectNode asset = GitHubStandIn.object();
    asset.put("url", hub.base() + "/repos/" + repo + "/releases/assets/" + assetId);
    asset.put(
        "browser_download_url",
        hub.base()
            + "/"
            + repo
            + "/releases/download/"
            + release.path("tag_name").asText()
            + "/"
            + name);
    asset.put("id", assetId);
    asset.put("node_id", "RA_" + assetId);
    asset.put("name", name);
    asset.put("label", params.getOrDefault("label", ""));
    asset.put("state", "uploaded");
    asset.put("content_type", exchange.getRequestHeaders().getFirst("Content-Type"));
    asset.put("size", bytes.length);
    asset.put("download_count", 0);
    asset.put("created_at", GitHubStandIn.now());
    asset.put("updated_at", GitHubStandIn.now());
    asset.set("uploader", author());
    assets.add(asset);
    GitHubStandIn.send(exchange, 201, asset);
  }

  private void asset(String repo, long assetId) throws IOException {
    for (JsonNode release : hub.releases(repo)) {
      ArrayNode assets = (ArrayNode) release.get("assets");
      for (int i = 0; i < assets.size(); i++) {
        if (assets.get(i).path("id").asLong() != assetId) {
          continue;
        }
        if (is("DELETE")) {
          if (requireToken()) {
            assets.remove(i);
            hub.blobs().remove(assetId);
            GitHubStandIn.send(exchange, 204, GitHubStandIn.object());
          }
        } else if ("application/octet-stream"
            .equals(exchange.getRequestHeaders().getFirst("Accept"))) {
          redirect(hub.base() + "/storage/" + assetId);
        } else {
          GitHubStandIn.send(exchange, 200, assets.get(i));
        }
        return;
      }
    }
    found(null);
  }

  private void download(String repo, String tag, String name) throws IOException {
    for (JsonNode release : hub.releases(repo)) {
      if (release.path("tag_name").asText().equals(tag) && !release.path("draft").asBoolean()) {
        for (JsonNode asset : release.path("assets")) {
          if (asset.path("name").asText().equals(name)) {
            redirect(hub.base() + "/storage/" + asset.path("id").asLong());
            return;
          }
        }
      }
    }
    GitHubStandIn.sendBytes(exchange, 404, "Not Found".getBytes(StandardCharsets.UTF_8));
  }

  /** The object store behind the redirects: whole files, or one {@code bytes=N-[M]} range. */
  private void storage(long assetId) throws IOException {
    byte[] bytes = hub.blobs().get(assetId);
    if (bytes == null) {
      GitHubStandIn.sendBytes(exchange, 404, new byte[0]);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
    exchange.getResponseHeaders().set("ETag", "\"" + assetId + "-" + Arrays.hashCode(bytes) + "\"");
    String range = exchange.getRequestHeaders().getFirst("Range");
    Matcher m = range == null ? null : Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range);
    if (m == null || !m.matches() || Long.parseLong(m.group(1)) >= bytes.length) {
      GitHubStandIn.sendBytes(exchange, 200, bytes);
      return;
    }
    int from = Integer.parseInt(m.group(1));
    int to =
        m.group(2).isEmpty()
            ? bytes.length - 1
            : Math.min(bytes.length - 1, Integer.parseInt(m.group(2)));
    exchange
        .getResponseHeaders()
        .set("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length);
    GitHubStandIn.sendBytes(exchange, 206, Arrays.copyOfRange(bytes, from, to + 1));
  }

  private void redirect(String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  private void found(JsonNode release) throws IOException {
    if (release == null) {
      GitHubStandIn.send(exchange, 404, GitHubStandIn.message("Not Found"));
    } else {
      GitHubStandIn.send(exchange, 200, release);
    }
  }

  private void unprocessable(String resource, String code, String field) throws IOException {
    ObjectNode body = GitHubStandIn.message("Validation Failed");
    ObjectNode error = GitHubStandIn.object();
    error.put("resource", resource);
    error.put("code", code);
    error.put("field", field);
    body.set("errors", GitHubStandIn.array().add(error));
    GitHubStandIn.send(exchange, 422, body);
  }

  private boolean requireToken() throws IOException {
    if (authorised()) {
      return true;
    }
    GitHubStandIn.send(exchange, 401, GitHubStandIn.message("Bad credentials"));
    return false;
  }

  private boolean authorised() {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return ("Bearer " + GitHubStandIn.TOKEN).equals(header)
        || ("token " + GitHubStandIn.TOKEN).equals(header);
  }

  private ObjectNode find(String repo, String field, String value) {
    for (ObjectNode release : hub.allReleases()) {
      if (release.path("_repo").asText().equals(repo)
          && release.path(field).asText().equals(value)) {
        return release;
      }
    }
    return null;
  }

  private boolean is(String expected) {
    return expected.equals(method);
  }

  private static String repo(Matcher m) {
    return m.group(1) + "/" + m.group(2);
  }

  private static ObjectNode author() {
    ObjectNode author = GitHubStandIn.object();
    author.put("login", "octocat");
    author.put("id", 1);
    author.put("type", "User");
    author.put("site_admin", false);
    return author;
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query == null) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }
}
