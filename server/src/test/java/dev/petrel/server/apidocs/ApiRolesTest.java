package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.PetrelServer.Route;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestTokens;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation needs exactly the role openapi.yaml names: no token is refused with 401, a token
 * one role below with 403, a token of the role gets past authentication; operations documented
 * without security never ask for a token.
 */
class ApiRolesTest extends ServerTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
  private static final Map<String, String> ROLE_BELOW =
      Map.of("publisher", "viewer", "admin", "publisher");

  final OpenApiDescription api = OpenApiDescription.load();

  Map<String, String> tokens;
  Map<String, String> samples;

  @BeforeEach
  void issueTokensAndSamples() {
    tokens =
        Map.of(
            "viewer",
            TestTokens.issue(server, "viewer"),
            "publisher",
            TestTokens.issue(server, "publisher"),
            "admin",
            TestTokens.issue(server, "admin"));
    long release =
        server
            .postAsAdmin("/api/updates/publish", Releases.external("android", "1.0.0", 1))
            .json()
            .get("id")
            .asLong();
    long spareToken =
        server
            .postAsAdmin("/api/v1/tokens", "{\"name\":\"spare\",\"role\":\"viewer\"}")
            .json()
            .at("/info/id")
            .asLong();
    samples =
        Map.of(
            "app",
            "default",
            "id",
            String.valueOf(release),
            "token id",
            String.valueOf(spareToken),
            "file",
            "docs.js",
            "sha256",
            Releases.sha("no such artifact"),
            "name",
            "app.apk",
            "key_id",
            "0123456789abcdef",
            "from",
            String.valueOf(release),
            "delta",
            "1");
  }

  @Test
  void securedOperationsRefuseRequestsWithoutAToken() {
    for (Route route : api.operations()) {
      if (!api.roles(api.operation(route)).isEmpty()) {
        TestResponse answer = send(route, null);

        assertThat(answer.status()).as("%s without a token: %s", route, answer).isEqualTo(401);
        assertThat(answer.json().get("code").asText()).isEqualTo("auth.missing_token");
        api.assertDocuments(route.method(), route.path(), answer);
      }
    }
  }

  @Test
  void securedOperationsRefuseATokenOneRoleBelowTheDocumentedOne() {
    int checked = 0;
    for (Route route : api.operations()) {
      List<String> roles = api.roles(api.operation(route));
      if (roles.isEmpty() || !ROLE_BELOW.containsKey(roles.get(0))) {
        continue;
      }
      TestResponse answer = send(route, tokens.get(ROLE_BELOW.get(roles.get(0))));

      assertThat(answer.status()).as("%s as %s: %s", route, roles, answer).isEqualTo(403);
      assertThat(answer.json().get("code").asText()).isEqualTo("auth.forbidden");
      api.assertDocuments(route.method(), route.path(), answer);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  @Test
  void securedOperationsLetTheDocumentedRoleIn() {
    for (Route route : api.operations()) {
      List<String> roles = api.roles(api.operation(route));
      if (!roles.isEmpty()) {
        TestResponse answer = send(route, tokens.get(roles.get(0)));

        assertThat(answer.status()).as("%s as %s: %s", route, roles, answer).isNotIn(401, 403);
      }
    }
  }

  @Test
  void openOperationsNeverAskForAToken() {
    for (Route route : api.operations()) {
      JsonNode operation = api.operation(route);
      if (api.roles(operation).isEmpty()) {
        TestResponse answer = send(route, null);

        assertThat(answer.status()).as("%s without a token: %s", route, answer).isNotIn(401, 403);
        assertThat(operation.path("responses").has("401")).as("%s lists 401", route).isFalse();
      }
    }
  }

  /** Sends {@code route} with its placeholders filled and an empty JSON object as body. */
  private TestResponse send(Route route, String token) {
    Matcher matcher = PLACEHOLDER.matcher(route.path());
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      // {id} of /api/v1/tokens is a token's: revoking the test's own tokens would spoil the run.
      String name =
          route.path().startsWith("/api/v1/tokens/")
              ? "token " + matcher.group(1)
              : matcher.group(1);
      String value = samples.get(name);
      if (value == null) {
        fail("ApiRolesTest has no sample value for {%s} in %s; add one", matcher.group(1), route);
      }
      matcher.appendReplacement(path, value);
    }
    matcher.appendTail(path);
    HttpRequest.Builder request = server.request(path.toString());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    boolean hasBody = Set.of("POST", "PUT", "PATCH").contains(route.method());
    request.header("Content-Type", "application/json");
    request.method(
        route.method(),
        hasBody
            ? HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)
            : HttpRequest.BodyPublishers.noBody());
    return server.send(request);
  }
}
