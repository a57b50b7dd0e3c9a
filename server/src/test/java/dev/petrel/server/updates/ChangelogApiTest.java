package dev.petrel.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.testing.Releases;
import dev.petrel.server.testing.ServerTest;
import dev.petrel.server.testing.TestResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/apps/{app}/changelog} over real HTTP, on both databases. */
class ChangelogApiTest extends ServerTest {
  static final String PATH = "/api/v1/apps/default/changelog?platform=android";

  long publish(String version, long code, String extra) {
    String json = Releases.external("android", version, code);
    if (!extra.isEmpty()) {
      json = json.substring(0, json.lastIndexOf('}')) + "," + extra + "}";
    }
    TestResponse published = server.postAsAdmin("/api/v1/apps/default/releases", json);
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    return published.json().at("/release/id").asLong();
  }

  JsonNode changelog(String query) {
    TestResponse answer = server.get(PATH + query);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  static List<String> versions(JsonNode answer) {
    List<String> versions = new ArrayList<>();
    answer.get("entries").forEach(entry -> versions.add(entry.get("version").asText()));
    return versions;
  }

  @Test
  void listsTheNotesOfEveryReleaseAboveTheInstalledOneNewestFirst() {
    publish("1.1.0", 2, "");
    publish("1.2.0", 3, "\"is_mandatory\":true");
    publish("1.3.0", 4, "");

    JsonNode answer = changelog("&from_version_code=2");

    assertThat(versions(answer)).containsExactly("1.3.0", "1.2.0");
    JsonNode mandatory = answer.get("entries").get(1);
    assertThat(mandatory.get("release_notes").asText()).isEqualTo("Notes for 1.2.0");
    assertThat(mandatory.get("is_mandatory").asBoolean()).isTrue();
    assertThat(mandatory.get("version_code").asLong()).isEqualTo(3);
    assertThat(mandatory.get("published_at").asText()).endsWith("Z");
    assertThat(answer.get("truncated").asBoolean()).isFalse();
    assertThat(versions(changelog("&from_version_code=4"))).isEmpty();
  }

  @Test
  void leavesOutDeactivatedReleasesAndChannelsTheDeviceDoesNotReceive() {
    publish("1.1.0", 2, "");
    long bad = publish("1.2.0", 3, "");
    publish("1.3.0-beta.1", 4, "\"channel\":\"beta\"");
    assertThat(server.postAsAdmin("/api/updates/deactivate/" + bad, "").status()).isEqualTo(200);

    assertThat(versions(changelog("&from_version_code=1"))).containsExactly("1.1.0");
    assertThat(versions(changelog("&from_version_code=1&channel=beta")))
        .containsExactly("1.3.0-beta.1", "1.1.0");
  }

  @Test
  void stopsAtTheReleaseACheckWouldOfferThisDevice() {
    publish("1.1.0", 2, "");
    long partial = publish("1.2.0", 3, "\"rollout_basis_points\":1000");
    String inside = device(partial, true);
    String outside = device(partial, false);

    assertThat(versions(changelog("&from_version_code=1&device_id=" + inside)))
        .containsExactly("1.2.0", "1.1.0");
    assertThat(versions(changelog("&from_version_code=1&device_id=" + outside)))
        .containsExactly("1.1.0");
    assertThat(versions(changelog("&from_version_code=1"))).containsExactly("1.1.0");
  }

  @Test
  void keepsTheNewestEntriesWithinTheLimitAndSaysSo() {
    for (int code = 2; code <= 6; code++) {
      publish("1." + code + ".0", code, "");
    }

    JsonNode answer = changelog("&from_version_code=1&limit=2");

    assertThat(versions(answer)).containsExactly("1.6.0", "1.5.0");
    assertThat(answer.get("truncated").asBoolean()).isTrue();
  }

  @Test
  void refusesBadQueriesWithTheFieldNamed() {
    publish("1.1.0", 2, "");
    assertError("/api/v1/apps/default/changelog?from_version_code=1", 400, "request.missing_field")
        .contains("platform");
    assertError(PATH, 400, "request.missing_field").contains("from_version_code");
    assertError(PATH + "&from_version_code=0", 400, "request.invalid_field")
        .contains("from_version_code");
    assertError(PATH + "&from_version_code=x", 400, "request.invalid_field")
        .contains("from_version_code");
    assertError(PATH + "&from_version_code=1&limit=101", 400, "request.invalid_field")
        .contains("limit");
    assertError(PATH + "&from_version_code=1&channel=nightly", 400, "request.invalid_field")
        .contains("nightly");
    assertError(
            "/api/v1/apps/nosuchapp/changelog?platform=android&from_version_code=1",
            404,
            "app.not_found")
        .contains("nosuchapp");
  }

  private org.assertj.core.api.AbstractStringAssert<?> assertError(
      String path, int status, String code) {
    TestResponse answer = server.get(path);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.json().get("code").asText()).isEqualTo(code);
    return assertThat(answer.json().get("message").asText());
  }

  private static String device(long release, boolean inside) {
    for (int i = 0; ; i++) {
      String device = "dev-" + i;
      if (RolloutBucket.includes(release, new DeviceId(device), 1_000) == inside) {
        return device;
      }
    }
  }
}
