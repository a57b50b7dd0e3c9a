package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.Version;
import dev.petrel.server.testing.RecallFixture;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Recall answers, and check answers about recalled releases, match openapi.yaml. */
class ApiRecallAnswersTest extends ServerTest {
  final OpenApiDescription api = OpenApiDescription.load();

  @Test
  void recallAndCheckAnswersMatch() {
    RecallFixture notes = RecallFixture.create(server, "notes");
    notes.publishSigned("linux", "1.0.0", 4);
    long bad = notes.publishSigned("linux", "1.0.1", 5);
    long mobile = notes.publishSigned("android", "1.0.1", 5);
    String path = "/api/v1/apps/notes/releases/" + bad + "/recall";

    TestResponse notRecalled = server.get(path, TestServer.ADMIN_TOKEN);
    TestResponse refused = notes.recall(bad, "{}", TestServer.ADMIN_TOKEN);
    TestResponse signed =
        notes.recall(
            bad,
            notes.signedBody(
                notes.recall("linux", "1.0.1", 5).target(Version.parse("1.0.0"), 4).build()),
            TestServer.ADMIN_TOKEN);
    TestResponse unsigned = notes.recall(mobile, "{\"reason\":\"broken\"}", TestServer.ADMIN_TOKEN);
    TestResponse read = server.get(path, TestServer.ADMIN_TOKEN);
    TestResponse downgrade = notes.check("linux", "1.0.1", 5);
    TestResponse fixForward = notes.check("android", "1.0.1", 5);

    assertThat(signed.status()).isEqualTo(200);
    assertThat(unsigned.json().get("warnings")).hasSize(1);
    assertThat(downgrade.json().get("downgrade").asBoolean()).isTrue();
    assertThat(fixForward.json().at("/recall/downgrade_allowed").asBoolean()).isFalse();
    api.assertDocuments("GET", "/api/v1/apps/{app}/releases/{id}/recall", notRecalled);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases/{id}/recall", refused);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases/{id}/recall", signed);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases/{id}/recall", unsigned);
    api.assertDocuments("GET", "/api/v1/apps/{app}/releases/{id}/recall", read);
    api.assertDocuments("POST", "/api/v1/apps/{app}/check", downgrade);
    api.assertDocuments("POST", "/api/v1/apps/{app}/check", fixForward);
  }
}
