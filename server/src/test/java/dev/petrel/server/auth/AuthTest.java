package dev.petrel.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class AuthTest extends ServerTest {
  static final String PUBLISH = Releases.external("android", "1.1.0", 2);

  @Test
  void missingTokenIs401AndWritesNothing() {
    TestResponse answer = server.post("/api/updates/publish", PUBLISH);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().get("code").asText()).isEqualTo("auth.missing_token");
    assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void wrongTokenIs401AndWritesNothing() {
    TestResponse wrong = server.post("/api/updates/publish", PUBLISH, TestServer.ADMIN_TOKEN + "x");
    TestResponse basic =
        server.send(
            server
                .request("/api/updates/publish")
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(PUBLISH)));

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("code").asText()).isEqualTo("auth.invalid_token");
    assertThat(basic.status()).isEqualTo(401);
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void viewerMayReadButNotPublish() {
    String viewer = issue(Role.VIEWER);

    TestResponse publish = server.post("/api/updates/publish", PUBLISH, viewer);
    TestResponse list = server.get("/api/updates/versions?platform=android", viewer);

    assertThat(publish.status()).isEqualTo(403);
    assertThat(publish.json().get("code").asText()).isEqualTo("auth.forbidden");
    assertThat(list.status()).isEqualTo(200);
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void publisherMayPublishButNotCreateApps() {
    String publisher = issue(Role.PUBLISHER);

    assertThat(server.post("/api/updates/publish", PUBLISH, publisher).status()).isEqualTo(200);
    assertThat(server.post("/api/v1/apps", "{\"id\":\"other\"}", publisher).status())
        .isEqualTo(403);
    assertThat(server.count("apps")).isEqualTo(1);
  }

  @Test
  void revokedTokenIsRefused() {
    String publisher = issue(Role.PUBLISHER);
    long id =
        server
            .get("/api/v1/tokens", TestServer.ADMIN_TOKEN)
            .json()
            .get("tokens")
            .get(1)
            .get("id")
            .asLong();

    TestResponse revoked = server.postAsAdmin("/api/v1/tokens/" + id + "/revoke", "");

    assertThat(revoked.json().at("/info/revoked_at").isTextual()).isTrue();
    assertThat(server.post("/api/updates/publish", PUBLISH, publisher).status()).isEqualTo(401);
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void tokenListingNeverShowsTokensOrHashes() {
    String viewer = issue(Role.VIEWER);

    TestResponse listing = server.get("/api/v1/tokens", TestServer.ADMIN_TOKEN);

    assertThat(listing.text())
        .doesNotContain(viewer)
        .doesNotContain(Tokens.hash(viewer))
        .doesNotContain(TestServer.ADMIN_TOKEN);
    assertThat(server.get("/api/v1/tokens", viewer).status()).isEqualTo(403);
  }

  @Test
  void revokingAMalformedTokenIdIs400AndAnUnknownOne404() {
    assertThat(server.postAsAdmin("/api/v1/tokens/0/revoke", "").status()).isEqualTo(400);
    assertThat(server.postAsAdmin("/api/v1/tokens/x/revoke", "").json().get("code").asText())
        .isEqualTo("request.invalid_field");
    assertThat(server.postAsAdmin("/api/v1/tokens/999/revoke", "").json().get("code").asText())
        .isEqualTo("token.not_found");
  }

  @Test
  void storesOnlyTheHashOfTheBootstrapToken() {
    String stored =
        jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT token_hash FROM api_tokens WHERE name = 'bootstrap'")
                        .mapTo(String.class)
                        .one());

    assertThat(stored)
        .isEqualTo(Tokens.hash(TestServer.ADMIN_TOKEN))
        .doesNotContain(TestServer.ADMIN_TOKEN);
  }

  @Test
  void everyChangeIsAudited() {
    long id = server.postAsAdmin("/api/updates/publish", PUBLISH).json().get("id").asLong();
    server.postAsAdmin("/api/updates/deactivate/" + id, "");

    var actions =
        jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT action FROM audit_log ORDER BY id")
                        .mapTo(String.class)
                        .list());
    assertThat(actions).containsSubsequence("release.publish", "release.deactivate");
    var actor =
        jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT actor FROM audit_log WHERE action = 'release.publish'")
                        .mapTo(String.class)
                        .one());
    assertThat(actor).contains("bootstrap").doesNotContain(TestServer.ADMIN_TOKEN);
  }

  private String issue(Role role) {
    TestResponse issued =
        server.postAsAdmin(
            "/api/v1/tokens",
            "{\"name\":\"test-" + role.wireName() + "\",\"role\":\"" + role.wireName() + "\"}");
    assertThat(issued.status()).isEqualTo(201);
    return issued.json().get("token").asText();
  }

  private Jdbi jdbi() {
    return Jdbi.create(server.jdbcUrl());
  }
}
