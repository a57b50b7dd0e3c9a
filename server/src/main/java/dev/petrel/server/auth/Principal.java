package dev.petrel.server.auth;

/**
 * Who made an authenticated request.
 *
 * @param tokenId the token's row id
 * @param name the token's name, written to the audit log as the actor
 * @param role what the token may do
 */
public record Principal(long tokenId, String name, Role role) {
  /** The actor name written to the audit log: {@code token:<id>:<name>}. */
  public String actor() {
    return "token:" + tokenId + ":" + name;
  }
}
