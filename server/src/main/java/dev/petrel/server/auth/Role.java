package dev.petrel.server.auth;

import java.util.Locale;

/** What a token may do. Each role includes the rights of the ones below it. */
public enum Role {
  /** Reads apps, releases, rollouts and figures. */
  VIEWER,
  /** Also uploads artifacts and publishes, activates and deactivates releases. */
  PUBLISHER,
  /** Also manages apps and tokens, and reads the audit log. */
  ADMIN;

  /** Whether a token of this role may act where {@code required} is needed. */
  public boolean includes(Role required) {
    return ordinal() >= required.ordinal();
  }

  /** The name stored and shown: {@code admin}, {@code publisher}, {@code viewer}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Role fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
