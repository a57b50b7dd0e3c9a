package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the release a recall sends devices back to, among the releases the server lists. A good
 * target is what the server accepts (and devices can install): active, published, rolled out to
 * everyone, signed, in a channel the recalled release's devices receive, with a lower version code.
 */
final class RecallTargets {
  private static final int PAGE = 1000;
  private static final int MAX_PAGES = 100;

  private RecallTargets() {}

  /** Every release of {@code recalled}'s app and platform, newest version code first. */
  static List<JsonNode> releasesBeside(PetrelApi api, String appPath, JsonNode recalled) {
    String platform = PetrelApi.segment(recalled.path("platform").asText());
    List<JsonNode> all = new ArrayList<>();
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode releases =
          api.get(
                  appPath
                      + "/releases?platform="
                      + platform
                      + "&limit="
                      + PAGE
                      + "&offset="
                      + page * PAGE)
              .path("releases");
      releases.forEach(all::add);
      if (releases.size() < PAGE) {
        break;
      }
    }
    return all;
  }

  /** The newest good target below {@code recalled}, or null when there is none. */
  static JsonNode newestGood(List<JsonNode> releases, JsonNode recalled, Instant now) {
    for (JsonNode release : releases) {
      if (problem(release, recalled, now) == null) {
        return release;
      }
    }
    return null;
  }

  /**
   * Why {@code release} cannot be {@code recalled}'s target, or null when it can.
   *
   * @param now releases published after it are not live yet
   */
  static String problem(JsonNode release, JsonNode recalled, Instant now) {
    if (release.path("version_code").asLong() >= recalled.path("version_code").asLong()) {
      return "its version code "
          + release.path("version_code").asLong()
          + " is not below "
          + recalled.path("version_code").asLong();
    }
    if (!release.path("is_active").asBoolean()) {
      return "it is not active";
    }
    if (Instant.parse(release.path("published_at").asText()).isAfter(now)) {
      return "it is not published yet";
    }
    if (release.path("rollout_basis_points").asInt() < 10_000) {
      return "it is not rolled out to everyone";
    }
    if (!release.path("signing_key_id").isTextual()) {
      return "it is not signed";
    }
    Channel devices = Channel.parse("channel", recalled.path("channel").asText());
    Channel channel = Channel.parse("channel", release.path("channel").asText());
    if (!devices.receives(channel)) {
      return "its channel "
          + channel.wireName()
          + " is not one "
          + devices.wireName()
          + " devices receive";
    }
    return null;
  }
}
