package dev.petrel.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Panel sign-in sessions and their CSRF defences, over real HTTP on both databases. */
class SessionApiTest extends ServerTest {
  long release;

  @BeforeEach
  void publishOne() {
    release =
        server
            .postAsAdmin("/api/updates/publish", Releases.external("android", "1.0.0", 1))
            .json()
            .get("id")
            .asLong();
  }

  private String deactivate() {
    return "/api/v1/apps/default/releases/" + release + "/deactivate";
  }

  private boolean releaseActive() {
    return server
        .get("/api/v1/apps/default/releases/" + release, TestServer.ADMIN_TOKEN)
        .json()
        .at("/release/is_active")
        .asBoolean();
  }

  @Test
  void signInSetsAStrictHttpOnlyCookieAndStoresOnlyItsHash() {
    PanelSession session = PanelSession.open(server, TestTokens.issue(server, "viewer"));

    String setCookie = session.signIn().header("Set-Cookie");
    assertThat(setCookie)
        .startsWith("petrel_session=pss_")
        .contains("; Path=/", "; HttpOnly", "; SameSite=Strict", "; Max-Age=43200")
        .doesNotContain("Secure");
    assertThat(session.signIn().header("Cache-Control")).isEqualTo("no-store");
    assertThat(session.signIn().json().at("/session/role").asText()).isEqualTo("viewer");
    assertThat(session.csrf()).hasSize(43);
    String value = session.cookie().substring("petrel_session=".length());
    assertThat(server.count("admin_sessions")).isEqualTo(1);
    assertThat(
            server.queryLong(
                "SELECT COUNT(*) FROM admin_sessions WHERE session_hash = '" + value + "'"))
        .isZero();
    assertThat(session.get("/api/v1/apps").status()).isEqualTo(200);
    assertThat(session.get("/api/v1/session").json().at("/session/csrf_token").asText())
        .isEqualTo(session.csrf());
  }

  @Test
  void cookieIsSecureWhenTheRequestCameOverHttps() {
    TestResponse answer =
        server.send(
            server
                .request("/api/v1/session")
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(answer.header("Set-Cookie")).contains("; Secure");
  }

  @Test
  void signInNeedsAValidBearerToken() {
    TestResponse none =
        server.send(server.request("/api/v1/session").POST(HttpRequest.BodyPublishers.noBody()));
    TestResponse wrong =
        server.send(
            server
                .request("/api/v1/session")
                .header("Authorization", "Bearer ptk_wrong")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(none.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("Set-Cookie")).isNull();
    assertThat(server.count("admin_sessions")).isZero();
  }

  @Test
  void aChangeWithoutTheCsrfHeaderIsRefusedAndChangesNothing() {
    PanelSession session = PanelSession.open(server, TestTokens.issue(server, "publisher"));

    TestResponse missing = session.postWithoutCsrf(deactivate(), "{}");
    TestResponse wrong =
        server.send(
            session
                .request(deactivate())
                .header("X-Petrel-CSRF", session.csrf().substring(1) + "A")
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)));

    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.json().get("code").asText()).isEqualTo("auth.csrf");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(wrong.json().get("code").asText()).isEqualTo("auth.csrf");
    assertThat(releaseActive()).isTrue();

    TestResponse done = session.post(deactivate(), "{}");

    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(releaseActive()).isFalse();
  }

  @Test
  void aChangeFromAnotherOriginIsRefusedEvenWithTheCsrfHeader() {
    PanelSession session = PanelSession.open(server, TestServer.ADMIN_TOKEN);

    TestResponse foreign =
        server.send(
            session
                .request(deactivate())
                .header("Origin", "http://evil.example")
                .header("X-Petrel-CSRF", session.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)));
    TestResponse crossSite =
        server.send(
            session
                .request(deactivate())
                .header("Sec-Fetch-Site", "cross-site")
                .header("X-Petrel-CSRF", session.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)));

    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.json().get("code").asText()).isEqualTo("auth.cross_origin");
    assertThat(crossSite.status()).isEqualTo(403);
    assertThat(releaseActive()).isTrue();
  }

  @Test
  void anOriginNamedByTheProxysForwardedHostIsThisServer() {
    PanelSession session = PanelSession.open(server, TestServer.ADMIN_TOKEN);

    TestResponse proxied =
        server.send(
            session
                .request(deactivate())
                .header("Origin", "https://updates.example.com")
                .header("X-Forwarded-Host", "updates.example.com")
                .header("X-Petrel-CSRF", session.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)));

    assertThat(proxied.status()).as(proxied.toString()).isEqualTo(200);
    assertThat(releaseActive()).isFalse();
  }

  @Test
  void aViewerSessionReadsButCannotChange() {
    PanelSession session = PanelSession.open(server, TestTokens.issue(server, "viewer"));

    TestResponse change = session.post(deactivate(), "{}");

    assertThat(session.get("/api/v1/apps/default/releases").status()).isEqualTo(200);
    assertThat(change.status()).isEqualTo(403);
    assertThat(change.json().get("code").asText()).isEqualTo("auth.forbidden");
    assertThat(releaseActive()).isTrue();
  }

  @Test
  void signOutEndsTheSessionOnlyWithTheCsrfHeader() {
    PanelSession session = PanelSession.open(server, TestServer.ADMIN_TOKEN);

    TestResponse forged =
        server.send(session.request("/api/v1/session").header("Origin", server.url()).DELETE());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(session.get("/api/v1/apps").status()).isEqualTo(200);

    TestResponse out = session.signOut();

    assertThat(out.status()).isEqualTo(200);
    assertThat(out.header("Set-Cookie")).startsWith("petrel_session=;").contains("Max-Age=0");
    assertThat(server.count("admin_sessions")).isZero();
    TestResponse after = session.get("/api/v1/apps");
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().get("code").asText()).isEqualTo("auth.session_expired");
    assertThat(session.get("/api/v1/session").json().get("signed_in").asBoolean()).isFalse();
    assertThat(server.queryLong("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'session.%'"))
        .isEqualTo(2);
  }

  @Test
  void anIdleSessionExpires() {
    PanelSession session = PanelSession.open(server, TestServer.ADMIN_TOKEN);

    server.clock().advance(Duration.ofMinutes(29));
    assertThat(session.get("/api/v1/apps").status()).isEqualTo(200);
    server.clock().advance(Duration.ofMinutes(29));
    assertThat(session.get("/api/v1/apps").status()).isEqualTo(200);
    server.clock().advance(Duration.ofMinutes(31));

    assertThat(session.get("/api/v1/apps").status()).isEqualTo(401);
  }

  @Test
  void aBusySessionStillEndsAtItsAbsoluteExpiry() {
    PanelSession session = PanelSession.open(server, TestServer.ADMIN_TOKEN);

    for (int i = 0; i < 12 * 3 - 1; i++) {
      server.clock().advance(Duration.ofMinutes(20));
      assertThat(session.get("/api/v1/apps").status())
          .as("after %d × 20 min", i + 1)
          .isEqualTo(200);
    }
    server.clock().advance(Duration.ofMinutes(20));

    assertThat(session.get("/api/v1/apps").status()).isEqualTo(401);
  }

  @Test
  void revokingTheTokenEndsItsSessions() {
    String token = TestTokens.issue(server, "publisher");
    PanelSession session = PanelSession.open(server, token);
    long tokenId = session.signIn().json().at("/session/token_id").asLong();

    server.postAsAdmin("/api/v1/tokens/" + tokenId + "/revoke", "");

    assertThat(session.get("/api/v1/apps").status()).isEqualTo(401);
  }

  @Test
  void aBearerTokenNeedsNoCsrfHeaderEvenBesideACookie() {
    PanelSession session = PanelSession.open(server, TestTokens.issue(server, "viewer"));

    TestResponse answer =
        server.send(
            session
                .request(deactivate())
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)));

    assertThat(answer.status()).isEqualTo(200);
  }
}
