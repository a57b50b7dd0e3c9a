package dev.petrel.server.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Version;
import dev.petrel.server.releases.Release;
import dev.petrel.server.telemetry.ClientEventType;
import dev.petrel.server.updates.Catalogue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The requests a rehearsal builds from the catalogue. */
class RehearsalRequestsTest {
  private static final Instant NOW = Instant.parse("2026-12-06T09:30:15.250Z");

  @Test
  void eachReleaseGivesACheckAndABatchOfTwoEventsAboutIt() {
    RehearsalRequests requests =
        RehearsalRequests.from(snapshot(release("shop", "linux", "2.0.0+7", 7, "beta")), NOW);

    RehearsalRequests.Template check = requests.check(0);
    assertThat(check.isCheck()).isTrue();
    assertThat(check.expected()).isEqualTo(200);
    assertThat(new String(check.bytes(12), StandardCharsets.UTF_8))
        .startsWith("POST /api/v1/apps/shop/check HTTP/1.1\r\n")
        // a version with build metadata carries its code itself
        .endsWith(
            "\r\n\r\n{\"platform\":\"linux\",\"current_version\":\"2.0.0+7\",\"channel\":\"beta\","
                + "\"device_id\":\"petrel-rehearsal-12\"}");

    RehearsalRequests.Template events = requests.events(0);
    assertThat(events.isCheck()).isFalse();
    assertThat(events.expected()).isEqualTo(202);
    String request = new String(events.bytes(3), StandardCharsets.UTF_8);
    String body = request.substring(request.indexOf("\r\n\r\n") + 4);
    assertThat(request)
        .startsWith("POST /api/v1/apps/shop/events HTTP/1.1\r\n")
        .contains("\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
    assertThat(body)
        .isEqualTo(
            "{\"events\":[{\"event_id\":\"petrel-rehearsal-3-a\",\"type\":\"download_started\","
                + "\"platform\":\"linux\",\"channel\":\"beta\",\"version\":\"2.0.0+7\","
                + "\"version_code\":7,\"device_id\":\"petrel-rehearsal-3\","
                + "\"occurred_at\":\"2026-12-06T09:30:15Z\"},"
                + "{\"event_id\":\"petrel-rehearsal-3-b\",\"type\":\"download_completed\","
                + "\"platform\":\"linux\",\"channel\":\"beta\",\"version\":\"2.0.0+7\","
                + "\"version_code\":7,\"device_id\":\"petrel-rehearsal-3\","
                + "\"occurred_at\":\"2026-12-06T09:30:15Z\"}]}");
  }

  @Test
  void theEventBatchesTakeEveryEventTypeInTurn() {
    List<Release> releases = new ArrayList<>();
    for (int i = 1; i <= ClientEventType.values().length; i++) {
      releases.add(release("shop", "android", "1." + i + ".0", i, "stable"));
    }
    RehearsalRequests requests =
        RehearsalRequests.from(snapshot(releases.toArray(Release[]::new)), NOW);

    Set<String> types = new HashSet<>();
    Pattern type = Pattern.compile("\"type\":\"([a-z_]+)\"");
    for (RehearsalRequests.Template batch : requests.eventBatches()) {
      Matcher matcher = type.matcher(batch.body());
      while (matcher.find()) {
        types.add(matcher.group(1));
      }
    }
    assertThat(types).containsExactlyInAnyOrder(ClientEventType.wireNames().toArray(String[]::new));
  }

  @Test
  void atMostMaxTemplatesOfEachAndADroppedOneIsNotHandedOutAgain() {
    List<Release> releases = new ArrayList<>();
    for (int i = 1; i <= RehearsalRequests.MAX_TEMPLATES + 10; i++) {
      releases.add(release("shop", "android", "1." + i + ".0", i, "stable"));
    }
    RehearsalRequests requests =
        RehearsalRequests.from(snapshot(releases.toArray(Release[]::new)), NOW);
    assertThat(requests.checks()).hasSize(RehearsalRequests.MAX_TEMPLATES);
    assertThat(requests.eventBatches()).hasSize(RehearsalRequests.MAX_TEMPLATES);

    RehearsalRequests.Template first = requests.check(0);
    RehearsalRequests.Template firstEvents = requests.events(0);
    requests.drop(first);
    requests.drop(firstEvents);

    assertThat(requests.checks())
        .hasSize(RehearsalRequests.MAX_TEMPLATES - 1)
        .doesNotContain(first);
    assertThat(requests.eventBatches())
        .hasSize(RehearsalRequests.MAX_TEMPLATES - 1)
        .doesNotContain(firstEvents);
  }

  @Test
  void withNoEventBatchLeftTheChecksGoOnAlone() {
    RehearsalRequests requests =
        RehearsalRequests.from(snapshot(release("shop", "android", "1.0.0", 1, "stable")), NOW);

    requests.drop(requests.events(0));

    assertThat(requests.events(5)).isNull();
    assertThat(requests.hasChecks()).isTrue();
    requests.drop(requests.check(0));
    assertThat(requests.hasChecks()).isFalse();
  }

  @Test
  void anEmptyCatalogueGivesNothing() {
    RehearsalRequests requests =
        RehearsalRequests.from(new Catalogue.Snapshot(1, Set.of(), Map.of(), Map.of()), NOW);

    assertThat(requests.hasChecks()).isFalse();
    assertThat(requests.events(0)).isNull();
  }

  private static Catalogue.Snapshot snapshot(Release... releases) {
    Map<Catalogue.Key, List<Release>> byKey = new LinkedHashMap<>();
    for (Release release : releases) {
      byKey
          .computeIfAbsent(
              new Catalogue.Key(release.appId(), release.platform()), k -> new ArrayList<>())
          .add(release);
    }
    Set<AppId> apps = new HashSet<>();
    byKey.keySet().forEach(key -> apps.add(key.app()));
    return new Catalogue.Snapshot(1, apps, byKey, Map.of());
  }

  private static Release release(
      String app, String platform, String version, long code, String channel) {
    return new Release(
        code,
        AppId.parse("app", app),
        new Platform(platform),
        Channel.parse("channel", channel),
        Version.parse(version),
        code,
        null,
        null,
        1L,
        null,
        "https://cdn.example.com/" + version,
        "",
        false,
        true,
        10_000,
        NOW,
        NOW,
        null,
        null,
        null);
  }
}
