package dev.petrel.server.rollouts;

import dev.petrel.protocol.Channel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channels of one app and what each receives: the built-in stable, beta and alpha in their
 * order, and the app's own channels, each receiving its own releases and everything the channel it
 * names as {@code receives_from} receives. Immutable; built once per catalogue snapshot, so the
 * check path only looks up sets.
 */
public final class AppChannels {
  /** The channels of an app that defines none of its own. */
  public static final AppChannels BUILT_IN = of(Map.of());

  private final Map<Channel, Set<Channel>> receives;

  private AppChannels(Map<Channel, Set<Channel>> receives) {
    this.receives = receives;
  }

  /**
   * @param defined the app's own channels, each mapped to the channel it also receives from; a
   *     chain that does not end in a built-in channel (a cycle, or an unknown name) receives only
   *     the channels on it
   */
  public static AppChannels of(Map<Channel, Channel> defined) {
    Map<Channel, Set<Channel>> receives = new HashMap<>();
    for (Channel channel : Channel.builtIn()) {
      Set<Channel> set = new HashSet<>();
      for (Channel other : Channel.builtIn()) {
        if (channel.receives(other)) {
          set.add(other);
        }
      }
      receives.put(channel, Set.copyOf(set));
    }
    for (Channel channel : defined.keySet()) {
      Set<Channel> set = new HashSet<>();
      Channel at = channel;
      while (at != null && set.add(at)) {
        if (at.isBuiltIn()) {
          set.addAll(receives.get(at));
          break;
        }
        at = defined.get(at);
      }
      receives.put(channel, Set.copyOf(set));
    }
    return new AppChannels(Map.copyOf(receives));
  }

  /** What a device in {@code channel} receives, or null when the app has no such channel. */
  public Set<Channel> receivedBy(Channel channel) {
    return receives.get(channel);
  }

  /** Every channel of the app, by name. */
  public List<String> names() {
    return receives.keySet().stream().map(Channel::wireName).sorted().toList();
  }
}
