package dev.petrel.protocol;

import java.util.Locale;

/**
 * A release channel. A device in a channel is offered releases of that channel and of every more
 * stable one: {@code alpha} sees beta and stable releases, {@code beta} sees stable ones.
 */
public enum Channel {
  STABLE,
  BETA,
  ALPHA;

  /** The name on the wire: {@code stable}, {@code beta} or {@code alpha}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a device in this channel may be offered a release published to {@code release}. */
  public boolean receives(Channel release) {
    return release.ordinal() <= ordinal();
  }

  /**
   * @throws InvalidValueException unless {@code text} is {@code stable}, {@code beta} or {@code
   *     alpha}
   */
  public static Channel parse(String field, String text) {
    if (text != null) {
      for (Channel channel : values()) {
        if (channel.wireName().equals(text)) {
          return channel;
        }
      }
    }
    throw new InvalidValueException(
        field,
        field
            + ": expected one of stable, beta, alpha, found "
            + InvalidValueException.quote(text));
  }

  @Override
  public String toString() {
    return wireName();
  }
}
