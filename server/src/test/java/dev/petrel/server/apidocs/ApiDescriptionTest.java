package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.PetrelServer.Route;
import dev.petrel.server.testing.TestDatabase;
import dev.petrel.server.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The description in {@code openapi.yaml} covers exactly the routes the server registers, and is
 * internally consistent (parameters, roles, error codes, answer schemas).
 */
class ApiDescriptionTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
  private static final Set<String> ROLES = Set.of("viewer", "publisher", "admin");

  final OpenApiDescription api = OpenApiDescription.load();

  @TempDir Path dir;

  @Test
  void documentsExactlyTheRoutesTheServerRegisters() {
    Set<Route> registered;
    try (TestServer server = TestServer.start(TestDatabase.SQLITE, dir)) {
      registered =
          server.server().routes().stream()
              .map(route -> new Route(route.method(), route.path().replaceAll("<([^>]+)>", "{$1}")))
              .collect(Collectors.toCollection(LinkedHashSet::new));
    }
    Set<Route> documented = api.operations();

    Set<Route> undocumented = new LinkedHashSet<>(registered);
    undocumented.removeAll(documented);
    Set<Route> stale = new LinkedHashSet<>(documented);
    stale.removeAll(registered);
    assertThat(undocumented)
        .as("routes the server registers that openapi.yaml does not describe")
        .isEmpty();
    assertThat(stale).as("operations openapi.yaml describes that the server lacks").isEmpty();
    assertThat(registered).contains(new Route("POST", "/api/updates/check"));
  }

  @Test
  void everyOperationHasAUniqueIdATagAndASummary() {
    Set<String> ids = new HashSet<>();
    for (Route route : api.operations()) {
      JsonNode operation = api.operation(route);
      assertThat(operation.path("operationId").asText())
          .as("operationId of %s", route)
          .isNotEmpty();
      assertThat(ids.add(operation.path("operationId").asText()))
          .as("operationId of %s is unique", route)
          .isTrue();
      assertThat(operation.path("tags").size()).as("tags of %s", route).isEqualTo(1);
      assertThat(operation.path("summary").asText()).as("summary of %s", route).isNotEmpty();
    }
  }

  @Test
  void everyPathPlaceholderIsADeclaredPathParameterAndBack() {
    for (Route route : api.operations()) {
      Set<String> placeholders = new TreeSet<>();
      Matcher matcher = PLACEHOLDER.matcher(route.path());
      while (matcher.find()) {
        placeholders.add(matcher.group(1));
      }
      Set<String> declared = new TreeSet<>();
      for (JsonNode parameter : api.operation(route).path("parameters")) {
        JsonNode resolved = api.dereference(parameter);
        if (resolved.path("in").asText().equals("path")) {
          assertThat(resolved.path("required").asBoolean()).as("%s is required", resolved).isTrue();
          declared.add(resolved.path("name").asText());
        }
      }
      assertThat(declared).as("path parameters of %s", route).isEqualTo(placeholders);
    }
  }

  @Test
  void everySecuredOperationNamesOneRoleInItsRequirementAndItsDescription() {
    for (Route route : api.operations()) {
      JsonNode operation = api.operation(route);
      List<String> roles = api.roles(operation);
      if (roles.isEmpty()) {
        continue;
      }
      assertThat(roles).as("roles of %s", route).hasSize(1);
      String role = roles.get(0);
      assertThat(ROLES).as("role of %s", route).contains(role);
      assertThat(operation.path("description").asText())
          .as("description of %s", route)
          .contains("**" + role + "**");
      assertThat(operation.path("summary").asText())
          .as("summary of %s", route)
          .endsWith("(" + role + ")");
      assertThat(operation.path("responses").has("401")).as("401 of %s", route).isTrue();
      assertThat(operation.path("responses").has("403")).as("403 of %s", route).isTrue();
    }
  }

  @Test
  void everyAnswerSchemaListsAllItsFieldsAsRequired() {
    // The server writes every field of its answer records, null or not; a schema that marks one
    // optional would let a client believe it may be missing.
    JsonNode schemas = api.root().path("components").path("schemas");
    int closed = 0;
    for (Iterator<String> names = schemas.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode schema = schemas.get(name);
      if (!schema.path("additionalProperties").isBoolean()) {
        continue;
      }
      closed++;
      Set<String> properties = new TreeSet<>();
      schema.path("properties").fieldNames().forEachRemaining(properties::add);
      Set<String> required = new TreeSet<>();
      schema.path("required").forEach(field -> required.add(field.asText()));
      assertThat(required).as("required fields of %s", name).isEqualTo(properties);
    }
    assertThat(closed).isGreaterThan(10);
  }

  @Test
  void theGuideListsEveryErrorCodeTheDescriptionLists() throws IOException {
    Set<String> codes = new TreeSet<>();
    collectErrorCodes(api.root(), codes);
    String guide = Files.readString(Path.of("..", "docs", "api.md"), StandardCharsets.UTF_8);

    List<String> missing = new ArrayList<>();
    for (String code : codes) {
      if (!guide.contains("`" + code + "`")) {
        missing.add(code);
      }
    }
    assertThat(codes).contains("auth.forbidden", "release.duplicate_version");
    assertThat(missing).as("error codes openapi.yaml lists but docs/api.md does not").isEmpty();
  }

  /** Collects the {@code code} values of error schemas and examples. */
  private static void collectErrorCodes(JsonNode node, Set<String> codes) {
    if (node.isObject()) {
      JsonNode code = node.path("properties").path("code");
      code.path("enum").forEach(value -> codes.add(value.asText()));
      if (code.path("const").isTextual()) {
        codes.add(code.path("const").asText());
      }
      if (node.path("ok").isBoolean() && !node.path("ok").asBoolean() && node.has("code")) {
        codes.add(node.path("code").asText());
      }
      node.forEach(child -> collectErrorCodes(child, codes));
    } else if (node.isArray()) {
      node.forEach(child -> collectErrorCodes(child, codes));
    }
  }
}
