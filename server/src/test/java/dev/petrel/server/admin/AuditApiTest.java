package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/audit}: newest first, filtered, paged, admins only. */
class AuditApiTest extends ServerTest {
  private List<String> actions(JsonNode answer) {
    List<String> actions = new ArrayList<>();
    answer.get("entries").forEach(entry -> actions.add(entry.get("action").asText()));
    return actions;
  }

  @Test
  void listsChangesNewestFirstWithTheirActor() {
    server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.0.0", 1));
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"other\",\"name\":\"<b>Other</b>\"}");

    JsonNode answer = server.get("/api/v1/audit", TestServer.ADMIN_TOKEN).json();

    assertThat(actions(answer)).startsWith("app.create", "release.publish");
    assertThat(answer.at("/entries/0/actor").asText()).startsWith("token:");
    assertThat(answer.at("/entries/0/at").asText()).endsWith("Z");
    assertThat(answer.get("next_before").isNull()).isTrue();
  }

  @Test
  void filtersByActionPrefixAndAppAndPages() {
    for (int code = 1; code <= 3; code++) {
      server.postAsAdmin("/api/updates/publish", Releases.external("android", "1.0." + code, code));
    }
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"other\"}");

    JsonNode page1 =
        server.get("/api/v1/audit?action=release.&limit=2", TestServer.ADMIN_TOKEN).json();
    JsonNode page2 =
        server
            .get(
                "/api/v1/audit?action=release.&limit=2&before=" + page1.get("next_before").asLong(),
                TestServer.ADMIN_TOKEN)
            .json();
    JsonNode other = server.get("/api/v1/audit?app=other", TestServer.ADMIN_TOKEN).json();

    assertThat(actions(page1)).containsExactly("release.publish", "release.publish");
    assertThat(actions(page2)).containsExactly("release.publish");
    assertThat(actions(other)).containsExactly("app.create");
  }

  @Test
  void refusesBadFiltersAndNonAdmins() {
    TestResponse bad = server.get("/api/v1/audit?action=x%27--", TestServer.ADMIN_TOKEN);
    TestResponse limit = server.get("/api/v1/audit?limit=501", TestServer.ADMIN_TOKEN);
    TestResponse publisher = server.get("/api/v1/audit", TestTokens.issue(server, "publisher"));

    assertThat(bad.status()).isEqualTo(400);
    assertThat(limit.status()).isEqualTo(400);
    assertThat(publisher.status()).isEqualTo(403);
  }
}
