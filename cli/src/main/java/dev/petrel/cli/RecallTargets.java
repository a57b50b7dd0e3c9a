package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.petrel.protocol.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a release a recall names by its version, among the releases the server lists. Whether it is
 * a good downgrade target is the server's to say: it refuses a recall naming one that is not
 * ({@code recall.target_invalid}), and {@code …/downgrade-target} gives the default.
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

  /** The release beside {@code recalled} with version {@code version}, or null. */
  static JsonNode withVersion(PetrelApi api, String appPath, JsonNode recalled, Version version) {
    for (JsonNode candidate : releasesBeside(api, appPath, recalled)) {
      if (candidate.path("version").asText().equals(version.toString())) {
        return candidate;
      }
    }
    return null;
  }
}
