package dev.petrel.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for GitHub's REST API (GitHub itself is out of reach here), on port 0, following the
 * documented shapes of the subset Petrel uses: create, get (by tag, latest, list), update and
 * delete a release; upload, list and delete release assets; and the asset download, which answers
 * {@code 302} to a "storage" URL that serves the bytes with {@code Range}. Release and asset bodies
 * carry the fields GitHub's documentation shows. Writes need {@code Authorization: Bearer TOKEN}
 * with {@link #TOKEN}. Thread-safe; every request is recorded.
 */
public final class GitHubStandIn implements AutoCloseable {
  public static final String TOKEN = "ghp_standInToken0123456789abcdefABCDEF";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final String base;
  private final AtomicLong ids = new AtomicLong(1000);
  private final List<ObjectNode> releases = new CopyOnWriteArrayList<>();
  private final Map<Long, byte[]> blobs = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> repositories = ConcurrentHashMap.newKeySet();

  private GitHubStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a stand-in on a free loopback port. */
  public static GitHubStandIn start() {
    try {
      return new GitHubStandIn();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the GitHub stand-in", e);
    }
  }

  /** The API base URL (what {@code https://api.github.com} is for the real thing). */
  public URI api() {
    return URI.create(base);
  }

  /** Creates the repository {@code owner/name}; every other one answers 404. */
  public GitHubStandIn repository(String repo) {
    repositories.add(repo);
    return this;
  }

  /** Every request so far, as {@code METHOD path?query}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The releases of {@code repo} ({@code owner/name}), newest first. */
  public List<JsonNode> releases(String repo) {
    List<JsonNode> out = new ArrayList<>();
    for (int i = releases.size() - 1; i >= 0; i--) {
      if (releases.get(i).path("_repo").asText().equals(repo)) {
        out.add(releases.get(i));
      }
    }
    return out;
  }

  /** The stored bytes of the asset named {@code name} in the release tagged {@code tag}. */
  public byte[] asset(String repo, String tag, String name) {
    return blobs.get(assetNode(repo, tag, name).path("id").asLong());
  }

  /** Replaces the stored bytes of an asset, as an attacker with write access could. */
  public void tamper(String repo, String tag, String name, byte[] bytes) {
    blobs.put(assetNode(repo, tag, name).path("id").asLong(), bytes.clone());
  }

  private JsonNode assetNode(String repo, String tag, String name) {
    for (JsonNode release : releases(repo)) {
      if (release.path("tag_name").asText().equals(tag)) {
        for (JsonNode asset : release.path("assets")) {
          if (asset.path("name").asText().equals(name)) {
            return asset;
          }
        }
      }
    }
    throw new IllegalArgumentException("no asset " + name + " in " + repo + "@" + tag);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      requests.add(exchange.getRequestMethod() + " " + uri);
      new GitHubRoutes(this, exchange).route(uri.getPath(), uri.getRawQuery());
    } catch (RuntimeException e) {
      send(exchange, 500, message("stand-in failure: " + e));
    }
  }

  // The state the routes read and change; package-private for GitHubRoutes.

  boolean exists(String repo) {
    return repositories.contains(repo);
  }

  String base() {
    return base;
  }

  long nextId() {
    return ids.incrementAndGet();
  }

  List<ObjectNode> allReleases() {
    return releases;
  }

  Map<Long, byte[]> blobs() {
    return blobs;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static ArrayNode array() {
    return JSON.createArrayNode();
  }

  static JsonNode read(byte[] body) throws IOException {
    return JSON.readTree(body);
  }

  static ObjectNode message(String text) {
    ObjectNode body = object();
    body.put("message", text);
    body.put("documentation_url", "https://docs.github.com/rest");
    return body;
  }

  static String now() {
    return Instant.now().toString().replaceAll("\\.\\d+Z$", "Z");
  }

  static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(withoutPrivate(body));
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
    if (status != 204) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  static void sendBytes(HttpExchange exchange, int status, byte[] bytes) throws IOException {
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Fields starting with {@code _} are the stand-in's own bookkeeping, never sent. */
  private static JsonNode withoutPrivate(JsonNode body) {
    if (body.isObject()) {
      ObjectNode copy = object();
      for (Map.Entry<String, JsonNode> field : body.properties()) {
        if (!field.getKey().startsWith("_")) {
          copy.set(field.getKey(), withoutPrivate(field.getValue()));
        }
      }
      return copy;
    }
    if (body.isArray()) {
      ArrayNode copy = array();
      body.forEach(item -> copy.add(withoutPrivate(item)));
      return copy;
    }
    return body;
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
