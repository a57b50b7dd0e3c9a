package dev.petrel.server.releases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.ReleaseKeyPair;
import dev.petrel.protocol.ReleaseStatement;
import dev.petrel.protocol.Sha256;
import dev.petrel.protocol.SignedStatement;
import dev.petrel.protocol.StatementVerifier;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.SignedReleases;
import dev.petrel.server.testing.SignedReleases.Uploaded;
import dev.petrel.server.testing.TestKeys;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A signed publish is stored and served byte for byte; unsigned publishes keep working. */
class SignedPublishTest extends ServerTest {
  static final String CHECK =
      "{\"platform\":\"windows\",\"current_version\":\"1.1.0+11\",\"device_id\":\"d-1\"}";

  private ReleaseKeyPair registeredKey(String app) {
    ReleaseKeyPair keys = ReleaseKeyPair.generate();
    TestResponse added =
        server.postAsAdmin("/api/v1/apps/" + app + "/keys", TestKeys.addBody(keys.publicKey()));
    assertThat(added.status()).isEqualTo(201);
    return keys;
  }

  private static byte[] artifact() {
    byte[] bytes = new byte[10_000];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  @Test
  void servesTheSignedStatementAsSignedAndItVerifiesWithThePublicKeyAlone() {
    server.postAsAdmin("/api/v1/apps", "{\"id\":\"notes\"}");
    ReleaseKeyPair keys = registeredKey("notes");
    Uploaded uploaded = SignedReleases.upload(server, "notes", artifact());
    ReleaseStatement statement = SignedReleases.statement("notes", uploaded).build();
    SignedStatement signed = keys.signer().sign(statement);
    String statementText = SignedReleases.base64(statement.canonicalBytes());

    TestResponse published =
        server.postAsAdmin(
            "/api/v1/apps/notes/releases",
            SignedReleases.hostedBody(uploaded, statementText, signed.signature()));
    long id = published.json().at("/release/id").asLong();
    TestResponse check = server.post("/api/v1/apps/notes/check", CHECK);
    TestResponse again = server.post("/api/v1/apps/notes/check", CHECK);
    JsonNode release =
        server.get("/api/v1/apps/notes/releases/" + id, TestServer.ADMIN_TOKEN).json();

    assertThat(published.status()).isEqualTo(201);
    assertThat(published.json().at("/release/signing_key_id").asText())
        .isEqualTo(keys.publicKey().id());
    JsonNode offer = check.json().get("release");
    assertThat(offer.get("statement").asText()).isEqualTo(statementText);
    assertThat(offer.get("signature").asText()).isEqualTo(signed.signature());
    assertThat(offer.get("signing_key_id").asText()).isEqualTo(keys.publicKey().id());
    assertThat(again.body()).isEqualTo(check.body());
    assertThat(release.at("/release/statement").asText()).isEqualTo(statementText);
    assertThat(release.at("/release/signature").asText()).isEqualTo(signed.signature());
    byte[] served = Base64.getDecoder().decode(offer.get("statement").asText());
    assertThat(
            StatementVerifier.verifyAndParse(
                    served, offer.get("signature").asText(), List.of(keys.publicKey()))
                .statement())
        .isEqualTo(statement);
    assertThat(server.count("releases")).isEqualTo(1);
  }

  @Test
  void acceptsASignedExternalReleaseThroughTheSeedPublish() {
    ReleaseKeyPair keys = registeredKey("default");
    Sha256 sha = Sha256.parse("sha256", Releases.sha("external"));
    ReleaseStatement statement = SignedReleases.statement("default", sha, 25_000_000).build();
    String body =
        """
        {"platform":"windows","version":"1.2.0","version_code":12,
         "download_url":"https://cdn.example.com/app-1.2.0.zip","file_size":25000000,
         "checksum":"%s","statement":"%s","signature":"%s"}
        """
            .formatted(
                sha.hex(),
                SignedReleases.base64(statement.canonicalBytes()),
                keys.signer().sign(statement).signature());

    TestResponse published = server.postAsAdmin("/api/updates/publish", body);
    JsonNode offer = server.post("/api/v1/apps/default/check", CHECK).json().get("release");

    assertThat(published.status()).isEqualTo(200);
    assertThat(offer.get("signing_key_id").asText()).isEqualTo(keys.publicKey().id());
    assertThat(
            StatementVerifier.verify(
                Base64.getDecoder().decode(offer.get("statement").asText()),
                offer.get("signature").asText(),
                List.of(keys.publicKey())))
        .isEqualTo(keys.publicKey());
  }

  @Test
  void theDefaultAppStillAcceptsTheSeedsUnsignedCurlPublish() {
    registeredKey("default"); // having keys does not make signatures required

    TestResponse published =
        server.postAsAdmin("/api/updates/publish", Releases.external("windows", "1.2.0", 12));
    JsonNode offer = server.post("/api/v1/apps/default/check", CHECK).json().get("release");
    JsonNode seedAnswer =
        server
            .post(
                "/api/updates/check", "{\"platform\":\"windows\",\"current_version\":\"1.1.0+11\"}")
            .json();

    assertThat(published.status()).isEqualTo(200);
    assertThat(offer.get("statement").isNull()).isTrue();
    assertThat(offer.get("signature").isNull()).isTrue();
    assertThat(offer.get("signing_key_id").isNull()).isTrue();
    assertThat(seedAnswer.get("update_available").asBoolean()).isTrue();
    assertThat(seedAnswer.size()).isEqualTo(9);
  }
}
