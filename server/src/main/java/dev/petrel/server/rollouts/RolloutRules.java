package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The rollout state the check path needs, as of one catalogue snapshot: every app's channels and
 * the {@link ReleaseGate} of every release whose rollout is stopped or that is an experiment arm.
 * Immutable; lookups neither lock nor allocate.
 */
public final class RolloutRules {
  /** No app channels, no gates. */
  public static final RolloutRules NONE =
      new RolloutRules(Map.of(), new long[0], new ReleaseGate[0]);

  private final Map<AppId, AppChannels> channels;
  private final long[] gatedIds;
  private final ReleaseGate[] gates;

  private RolloutRules(Map<AppId, AppChannels> channels, long[] gatedIds, ReleaseGate[] gates) {
    this.channels = channels;
    this.gatedIds = gatedIds;
    this.gates = gates;
  }

  /**
   * @param channels the channels of the apps that define their own
   * @param gates the gates of releases that have one, by release id
   */
  public static RolloutRules of(Map<AppId, AppChannels> channels, Map<Long, ReleaseGate> gates) {
    long[] ids = gates.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    ReleaseGate[] byId = new ReleaseGate[ids.length];
    for (int i = 0; i < ids.length; i++) {
      byId[i] = gates.get(ids[i]);
    }
    return new RolloutRules(Map.copyOf(channels), ids, byId);
  }

  /** Reads the rules in the transaction of {@code handle} (the catalogue's reload). */
  public static RolloutRules load(Handle handle) {
    Map<AppId, Map<Channel, Channel>> defined = new HashMap<>();
    handle
        .createQuery("SELECT app_id, name, receives_from FROM app_channels")
        .map(
            (rs, ctx) ->
                defined
                    .computeIfAbsent(new AppId(rs.getString(1)), app -> new HashMap<>())
                    .put(
                        Channel.parse("stored channel", rs.getString(2)),
                        Channel.parse("stored channel", rs.getString(3))))
        .list();
    Map<AppId, AppChannels> channels = new HashMap<>();
    defined.forEach((app, map) -> channels.put(app, AppChannels.of(map)));

    Map<Long, ReleaseGate> gates = new HashMap<>();
    handle
        .createQuery("SELECT release_id FROM rollouts WHERE state <> 'running'")
        .mapTo(Long.class)
        .forEach(id -> gates.put(id, new ReleaseGate(true, 0, 0, 0)));
    handle
        .createQuery(
            """
            SELECT a.experiment_id, a.release_id, a.range_start, a.range_end
            FROM experiment_arms a JOIN experiments e ON e.id = a.experiment_id
            WHERE e.ended_at IS NULL
            """)
        .map(
            (rs, ctx) -> {
              long release = rs.getLong(2);
              boolean stopped = gates.containsKey(release);
              return gates.put(
                  release, new ReleaseGate(stopped, rs.getLong(1), rs.getInt(3), rs.getInt(4)));
            })
        .list();
    return of(channels, gates);
  }

  /** The channels of {@code app}. */
  public AppChannels channels(AppId app) {
    return channels.getOrDefault(app, AppChannels.BUILT_IN);
  }

  /** The gate of a release, or null when only its share decides. */
  public ReleaseGate gate(long releaseId) {
    if (gatedIds.length == 0) {
      return null;
    }
    int at = Arrays.binarySearch(gatedIds, releaseId);
    return at < 0 ? null : gates[at];
  }
}
