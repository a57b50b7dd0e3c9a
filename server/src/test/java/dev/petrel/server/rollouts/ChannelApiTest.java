package dev.petrel.server.rollouts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import dev.petrel.server.testing.TestServer;
import dev.petrel.server.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Built-in and app channels over the API, and what devices in each are offered. */
class ChannelApiTest extends ServerTest {
  RolloutClient api;

  @BeforeEach
  void client() {
    api = new RolloutClient(server);
  }

  private TestResponse define(String name, String from) {
    return api.send(
        "PUT",
        "/api/v1/apps/default/channels/" + name,
        "{\"receives_from\":\"" + from + "\"}",
        TestServer.ADMIN_TOKEN);
  }

  @Test
  void builtInChannelsReceiveTheMoreStableOnes() {
    api.publish("1.1.0", 2, "");
    api.publish("1.2.0-beta.1", 3, "\"channel\":\"beta\"");
    api.publish("1.3.0-alpha.1", 4, "\"channel\":\"alpha\"");

    assertThat(api.offered("d", "stable")).isEqualTo("1.1.0");
    assertThat(api.offered("d", "beta")).isEqualTo("1.2.0-beta.1");
    assertThat(api.offered("d", "alpha")).isEqualTo("1.3.0-alpha.1");
  }

  @Test
  void anAppChannelReceivesItsOwnReleasesAndWhatItsSourceReceives() {
    JsonNode channels = api.ok(define("internal", "beta")).get("channels");
    api.publish("1.1.0", 2, "");
    api.publish("1.2.0-beta.1", 3, "\"channel\":\"beta\"");
    api.publish("1.3.0-internal.1", 4, "\"channel\":\"internal\"");
    api.publish("1.4.0-alpha.1", 5, "\"channel\":\"alpha\"");

    assertThat(channels).hasSize(4);
    assertThat(channels.get(3).get("name").asText()).isEqualTo("internal");
    assertThat(channels.get(3).get("built_in").asBoolean()).isFalse();
    assertThat(channels.get(3).get("receives_from").asText()).isEqualTo("beta");
    assertThat(channels.get(3).get("receives").toString())
        .isEqualTo("[\"beta\",\"internal\",\"stable\"]");
    assertThat(api.offered("d", "internal")).isEqualTo("1.3.0-internal.1");
    assertThat(api.offered("d", "beta")).isEqualTo("1.2.0-beta.1");
    assertThat(api.offered("d", "alpha")).isEqualTo("1.4.0-alpha.1");
    assertThat(api.offered("d", "stable")).isEqualTo("1.1.0");
  }

  @Test
  void aChannelCanReceiveFromAnotherAppChannel() {
    api.ok(define("internal", "beta"));
    api.ok(define("dogfood", "internal"));
    api.publish("1.3.0-internal.1", 4, "\"channel\":\"internal\"");

    assertThat(api.offered("d", "dogfood")).isEqualTo("1.3.0-internal.1");
  }

  @Test
  void unknownChannelsCyclesAndBuiltInNamesAreRefused() {
    api.ok(define("internal", "beta"));
    api.ok(define("dogfood", "internal"));

    TestResponse unknownSource = define("qa", "nightly");
    TestResponse cycle = define("internal", "dogfood");
    TestResponse builtIn = define("beta", "stable");
    TestResponse badName = define("Not%20a%20name", "stable");
    TestResponse publishUnknown =
        server.postAsAdmin(
            "/api/v1/apps/default/releases",
            dev.petrel.server.testing.Releases.external("android", "1.0.1", 9)
                .replace("\"is_mandatory\"", "\"channel\":\"nightly\",\"is_mandatory\""));
    TestResponse checkUnknown =
        server.post(
            "/api/v1/apps/default/check",
            "{\"platform\":\"android\",\"current_version\":\"1.0.0+1\",\"channel\":\"nightly\"}");
    TestResponse inUse =
        api.send("DELETE", "/api/v1/apps/default/channels/internal", null, TestServer.ADMIN_TOKEN);

    assertThat(unknownSource.json().get("code").asText()).isEqualTo("channel.unknown");
    assertThat(cycle.json().get("code").asText()).isEqualTo("channel.cycle");
    assertThat(builtIn.json().get("code").asText()).isEqualTo("channel.built_in");
    assertThat(badName.status()).isEqualTo(400);
    assertThat(publishUnknown.status()).isEqualTo(400);
    assertThat(publishUnknown.json().get("code").asText()).isEqualTo("channel.unknown");
    assertThat(checkUnknown.status()).isEqualTo(400);
    assertThat(checkUnknown.json().get("message").asText())
        .isEqualTo(
            "channel: app 'default' has no channel 'nightly'; its channels are alpha, beta,"
                + " dogfood, internal, stable");
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.json().get("code").asText()).isEqualTo("channel.in_use");
    assertThat(server.count("releases")).isZero();
  }

  @Test
  void aChannelWithoutReleasesCanBeRemovedAndDevicesInItAreThenRefused() {
    api.ok(define("internal", "beta"));

    JsonNode after =
        api.ok(
                api.send(
                    "DELETE",
                    "/api/v1/apps/default/channels/internal",
                    null,
                    TestServer.ADMIN_TOKEN))
            .get("channels");

    assertThat(after).hasSize(3);
    assertThat(
            server
                .post(
                    "/api/v1/apps/default/check",
                    "{\"platform\":\"android\",\"current_version\":\"1.0.0\",\"channel\":\"internal\"}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void onlyAnAdminDefinesChannelsAndAViewerListsThem() {
    String publisher = TestTokens.issue(server, "publisher");
    String viewer = TestTokens.issue(server, "viewer");

    TestResponse refused =
        api.send(
            "PUT",
            "/api/v1/apps/default/channels/internal",
            "{\"receives_from\":\"beta\"}",
            publisher);
    TestResponse listed = server.get("/api/v1/apps/default/channels", viewer);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get("channels")).hasSize(3);
  }
}
