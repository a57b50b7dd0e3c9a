package dev.petrel.server.updates;

import dev.petrel.protocol.Channel;
import dev.petrel.server.releases.Release;
import dev.petrel.server.rollouts.RolloutRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The release notes a device has not seen yet, from the catalogue alone (no I/O): every live
 * release of its app and platform in its channels above the version code it runs, up to and
 * including the release a check would offer it, newest first.
 *
 * <p>"Live" is what the check means by it: active, published, not paused or halted, in a channel
 * the device's channel receives. Releases the device skipped because it was outside their partial
 * rollout are listed too, since the offered release contains their changes; recalled (deactivated)
 * releases never are.
 */
public final class Changelog {
  /** The most entries one answer holds. */
  public static final int MAX_ENTRIES = 100;

  private Changelog() {}

  /**
   * The changelog of a device.
   *
   * @param entries the releases whose notes to show, newest first, at most {@code limit}
   * @param upTo the release a check would offer the device, or null when it is up to date (then
   *     {@code entries} is empty)
   * @param truncated whether older entries were left out because of {@code limit}
   */
  public record Entries(List<Release> entries, Release upTo, boolean truncated) {}

  /**
   * Lists the notes between the version code {@code query} runs and what it would be offered.
   *
   * @param releases the app's releases on the device's platform, highest version code first
   * @param receivable the channels the device's channel receives
   * @param limit how many entries at most, 1 to {@link #MAX_ENTRIES}
   */
  public static Entries of(
      CheckQuery query,
      List<Release> releases,
      Set<Channel> receivable,
      RolloutRules rules,
      Instant now,
      int limit) {
    if (limit < 1 || limit > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "limit: expected 1 to " + MAX_ENTRIES + ", found " + limit);
    }
    Release upTo = CheckDecision.decide(query, releases, receivable, rules, now).offered();
    if (upTo == null) {
      return new Entries(List.of(), null, false);
    }
    long from = query.currentVersionCode() == null ? 0 : query.currentVersionCode();
    List<Release> entries = new ArrayList<>();
    boolean truncated = false;
    for (Release release : releases) {
      if (release.versionCode() > upTo.versionCode()) {
        continue;
      }
      if (release.versionCode() <= from) {
        break;
      }
      if (!CheckDecision.isLive(release, receivable, rules.gate(release.id()), now)) {
        continue;
      }
      if (entries.size() == limit) {
        truncated = true;
        break;
      }
      entries.add(release);
    }
    return new Entries(List.copyOf(entries), upTo, truncated);
  }
}
