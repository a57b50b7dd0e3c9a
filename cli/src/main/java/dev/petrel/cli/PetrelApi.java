package dev.petrel.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The CLI's small client for the server's JSON API. Every failure becomes a {@link
 * CommandFailedException} with one clear line: the server's {@code code: message} for an error
 * answer, or what went wrong reaching the server, naming its URL. The token is sent, never shown.
 */
final class PetrelApi {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final URI server;
  private final String token;
  private final HttpClient http;

  PetrelApi(URI server, String token) {
    this.server = server;
    this.token = token;
    // HTTP/1.1: no h2c upgrade dance on plain http://, which proxies in front of Petrel may not do.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
  }

  /** A new JSON object to fill in as a request body. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** One path segment, percent-encoded. */
  static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  JsonNode get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody());
  }

  JsonNode post(String path, JsonNode body) {
    return send("POST", path, json(body));
  }

  JsonNode patch(String path, JsonNode body) {
    return send("PATCH", path, json(body));
  }

  JsonNode put(String path, JsonNode body) {
    return send("PUT", path, json(body));
  }

  JsonNode delete(String path, JsonNode body) {
    return send("DELETE", path, json(body));
  }

  /**
   * Uploads {@code body} as an artifact's raw bytes, declaring its SHA-256 so the server refuses a
   * file that changed since it was hashed. No request timeout: a large file on a slow link takes as
   * long as it takes, and the body publisher streams it from disk.
   */
  JsonNode upload(String path, HttpRequest.BodyPublisher body, String sha256) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server + path))
            .header("Accept", "application/json")
            .header("Content-Type", "application/octet-stream")
            .header("X-Petrel-Sha256", sha256)
            .POST(body);
    return exchange("POST", path, request);
  }

  /**
   * PUTs {@code body} as raw bytes (a patch made in CI), streamed from disk with no request
   * timeout: the server proves the patch before it answers, which takes as long as applying it.
   */
  JsonNode putBytes(String path, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server + path))
            .header("Accept", "application/json")
            .header("Content-Type", "application/octet-stream")
            .PUT(body);
    return exchange("PUT", path, request);
  }

  private JsonNode send(String method, String path, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .method(method, body);
    return exchange(method, path, request);
  }

  private JsonNode exchange(String method, String path, HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
    } catch (HttpTimeoutException e) {
      throw new CommandFailedException(
          server
              + " did not answer "
              + method
              + " "
              + path
              + " within "
              + REQUEST_TIMEOUT.toSeconds()
              + " s",
          e);
    } catch (ConnectException e) {
      throw unreachable("connection refused", e);
    } catch (IOException | UnresolvedAddressException e) {
      throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("interrupted", e);
    }
    return answer(method, path, response);
  }

  private JsonNode answer(String method, String path, HttpResponse<byte[]> response) {
    JsonNode json;
    try {
      json = MAPPER.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    int status = response.statusCode();
    if (json != null && json.path("ok").asBoolean(false) && status < 300) {
      return json;
    }
    if (json != null && json.hasNonNull("code")) {
      throw new CommandFailedException(
          json.get("code").asText() + ": " + json.path("message").asText("(no message)"));
    }
    throw new CommandFailedException(
        server
            + " answered HTTP "
            + status
            + " to "
            + method
            + " "
            + path
            + " without a Petrel answer; is --server the Petrel server?");
  }

  private CommandFailedException unreachable(String reason, Exception cause) {
    return new CommandFailedException(
        "cannot reach the server at "
            + server
            + " ("
            + reason
            + "); is it running? Set it with --server or PETREL_SERVER",
        cause);
  }

  private static HttpRequest.BodyPublisher json(JsonNode body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON request body", e);
    }
  }
}
