package dev.petrel.server.auth;

import java.util.Optional;

/**
 * Finds who a browser session belongs to, for requests that carry the admin panel's session cookie
 * instead of an {@code Authorization} header. Implemented by the panel's session store.
 */
public interface SessionLookup {
  /** The cookie that carries the session token. */
  String COOKIE = "petrel_session";

  /**
   * The principal of a live session, touching its idle timer.
   *
   * @return empty when the session is unknown, expired, idle too long, or its token was revoked
   */
  Optional<Principal> principal(String sessionToken);
}
