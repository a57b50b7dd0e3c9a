package dev.petrel.server.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.SignedReleases;
import dev.petrel.server.testing.SignedReleases.Uploaded;
import dev.petrel.server.testing.TestKeys;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Answers about signed releases match openapi.yaml, the signature fields filled in. */
class ApiSignedAnswersTest extends ServerTest {
  final OpenApiDescription api = OpenApiDescription.load();

  @Test
  void signedReleaseAnswersMatch() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"photo-viewer\"}");
    ReleaseKeyPair keys = ReleaseKeyPair.generate();
    server.postAsAdmin("/api/v1/apps/photo-viewer/keys", TestKeys.addBody(keys.publicKey()));
    Uploaded uploaded =
        SignedReleases.upload(server, "photo-viewer", "zip".getBytes(StandardCharsets.UTF_8));
    ReleaseStatement statement = SignedReleases.statement("photo-viewer", uploaded).build();
    String statementText = SignedReleases.base64(statement.canonicalBytes());
    String signature = keys.signer().sign(statement).signature();
    String base = "/api/v1/apps/photo-viewer/releases";

    TestResponse foreign =
        server.postAsAdmin(
            base,
            SignedReleases.hostedBody(
                uploaded,
                statementText,
                ReleaseKeyPair.generate().signer().sign(statement).signature()));
    TestResponse published =
        server.postAsAdmin(base, SignedReleases.hostedBody(uploaded, statementText, signature));
    long id = published.json().at("/release/id").asLong();
    TestResponse one = server.get(base + "/" + id, TestServer.ADMIN_TOKEN);
    TestResponse check =
        server.post(
            "/api/v1/apps/photo-viewer/check",
            "{\"platform\":\"windows\",\"current_version\":\"1.0.0+1\"}");

    assertThat(foreign.status()).isEqualTo(400);
    assertThat(published.status()).isEqualTo(201);
    assertThat(check.json().at("/release/signature").asText()).isEqualTo(signature);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases", foreign);
    api.assertDocuments("POST", "/api/v1/apps/{app}/releases", published);
    api.assertDocuments("GET", "/api/v1/apps/{app}/releases/{id}", one);
    api.assertDocuments("POST", "/api/v1/apps/{app}/check", check);
  }
}
