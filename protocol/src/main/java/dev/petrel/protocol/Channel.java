package dev.petrel.protocol;

import java.util.List;

/**
 * A release channel, named like a platform ({@code [a-z][a-z0-9_-]*}, 1–32 characters). Immutable.
 *
 * <p>Three channels are built in: {@link #STABLE}, {@link #BETA} and {@link #ALPHA}. A device in a
 * built-in channel is offered releases of that channel and of every more stable one: {@code alpha}
 * sees beta and stable releases, {@code beta} sees stable ones. An app may define more channels on
 * its server (for instance {@code internal}, receiving beta and stable too); what such a channel
 * receives is the server's per-app setting, so {@link #receives} only knows the built-in order.
 *
 * <p>{@link #parse} returns the built-in constants for their names, so they compare equal with
 * {@code equals} (and with {@code ==}).
 */
public final class Channel {
  private static final NameSyntax SYNTAX = NameSyntax.of("a-z", "a-z0-9_-", 32);
  private static final String EXPECTED = "a lowercase channel name like stable, beta or alpha";

  /** Receives only stable releases. */
  public static final Channel STABLE = new Channel("stable", 0);

  /** Receives beta and stable releases. */
  public static final Channel BETA = new Channel("beta", 1);

  /** Receives alpha, beta and stable releases. */
  public static final Channel ALPHA = new Channel("alpha", 2);

  private static final List<Channel> BUILT_IN = List.of(STABLE, BETA, ALPHA);

  private final String name;

  /** Rank among the built-in channels (0 stable, 1 beta, 2 alpha), or -1 for another channel. */
  private final int rank;

  private Channel(String name, int rank) {
    this.name = name;
    this.rank = rank;
  }

  /** The built-in channels, most stable first: stable, beta, alpha. */
  public static List<Channel> builtIn() {
    return BUILT_IN;
  }

  /** Whether this is stable, beta or alpha. */
  public boolean isBuiltIn() {
    return rank >= 0;
  }

  /** The name on the wire, e.g. {@code stable}. */
  public String wireName() {
    return name;
  }

  /**
   * Whether a device in this channel may be offered a release published to {@code release}, by the
   * built-in order alone: a channel receives itself, and a built-in channel every more stable
   * built-in one. What an app's own channels receive is decided by the server.
   */
  public boolean receives(Channel release) {
    if (equals(release)) {
      return true;
    }
    return isBuiltIn() && release.isBuiltIn() && release.rank <= rank;
  }

  /**
   * @throws InvalidValueException unless {@code text} is 1–32 of {@code [a-z0-9_-]}, starting with
   *     a letter
   */
  public static Channel parse(String field, String text) {
    // Checked one by one, not through BUILT_IN: this runs on every update check.
    if (STABLE.name.equals(text)) {
      return STABLE;
    }
    if (BETA.name.equals(text)) {
      return BETA;
    }
    if (ALPHA.name.equals(text)) {
      return ALPHA;
    }
    return new Channel(Names.require(field, text, SYNTAX, EXPECTED), -1);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Channel channel && channel.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
