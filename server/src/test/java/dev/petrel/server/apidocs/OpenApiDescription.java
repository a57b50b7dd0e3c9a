package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.petrel.server.PetrelServer.Route;
import dev.petrel.server.testing.TestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The server's {@code openapi.yaml} as tests read it, and assertions of answers against it. */
final class OpenApiDescription {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final JsonNode root;

  private OpenApiDescription(JsonNode root) {
    this.root = root;
  }

  /** Reads the description from the class path, where the server reads it too. */
  static OpenApiDescription load() {
    try (InputStream in = OpenApiDescription.class.getResourceAsStream(ApiDocsRoutes.DESCRIPTION)) {
      assertThat(in).as(ApiDocsRoutes.DESCRIPTION).isNotNull();
      return new OpenApiDescription(new ObjectMapper(new YAMLFactory()).readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode root() {
    return root;
  }

  /** Every documented operation as a route: upper-case method and path. */
  Set<Route> operations() {
    Set<Route> operations = new LinkedHashSet<>();
    for (Iterator<String> paths = root.path("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      for (Iterator<String> keys = root.path("paths").path(path).fieldNames(); keys.hasNext(); ) {
        String key = keys.next();
        if (METHODS.contains(key)) {
          operations.add(new Route(key.toUpperCase(Locale.ROOT), path));
        }
      }
    }
    return operations;
  }

  /** The operation object of {@code route}; fails the test when it is not documented. */
  JsonNode operation(Route route) {
    JsonNode operation =
        root.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
    if (!operation.isObject()) {
      fail("openapi.yaml does not document " + route.method() + " " + route.path());
    }
    return operation;
  }

  /** The role names of the operation's bearer security requirement; empty when it needs none. */
  List<String> roles(JsonNode operation) {
    List<String> roles = new ArrayList<>();
    operation
        .path("security")
        .forEach(
            requirement ->
                requirement.path("bearerAuth").forEach(role -> roles.add(role.asText())));
    return roles;
  }

  /** The node a {@code #/…} reference points at, or a missing node. */
  JsonNode resolve(String reference) {
    if (!reference.startsWith("#/")) {
      throw new IllegalArgumentException("only local references are used, found " + reference);
    }
    return root.at(reference.substring(1));
  }

  /** {@code node} itself, or what its {@code $ref} points at (followed until there is none). */
  JsonNode dereference(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      current = resolve(current.get("$ref").asText());
    }
    return current;
  }

  SchemaChecker checker() {
    return new SchemaChecker(this::resolve);
  }

  /**
   * Asserts that {@code answer}, received for {@code method path}, is one the description lists:
   * its status is documented for the operation, its media type too, and a JSON body matches the
   * schema (every listed field present with its declared type, no undocumented field).
   *
   * @param path the documented path, with {@code {param}} placeholders
   */
  void assertDocuments(String method, String path, TestResponse answer) {
    Route route = new Route(method, path);
    JsonNode responses = operation(route).path("responses");
    JsonNode documented = responses.path(String.valueOf(answer.status()));
    if (documented.isMissingNode()) {
      fail(
          "%s %s answered %s, a status openapi.yaml does not list (it lists %s)",
          method, path, answer, fieldNames(responses));
    }
    JsonNode response = dereference(documented);
    JsonNode content = response.path("content");
    if (content.isMissingNode()) {
      return;
    }
    String mediaType = mediaType(answer.header("Content-Type"));
    JsonNode media = content.path(mediaType);
    if (media.isMissingNode()) {
      media = content.path(mediaType.replaceFirst("/.*", "/*"));
    }
    if (media.isMissingNode()) {
      media = content.path("*/*");
    }
    assertThat(media.isObject())
        .as(
            "%s %s answered %d with %s; openapi.yaml lists %s",
            method, path, answer.status(), mediaType, fieldNames(content))
        .isTrue();
    if (mediaType.equals("application/json") && media.has("schema")) {
      assertThat(checker().problems(answer.json(), media.get("schema")))
          .as("%s %s answered %s", method, path, answer)
          .isEmpty();
    }
  }

  private static String mediaType(String contentType) {
    assertThat(contentType).as("Content-Type").isNotNull();
    return contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
