package dev.petrel.server.auth;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Issues and checks API tokens. A token is 256 random bits, shown once and stored only as its
 * SHA-256 hash; a presented token is hashed and the stored hash compared in constant time. Tokens
 * are never logged. Thread-safe.
 */
public final class Tokens {
  /** Prefix of every token Petrel issues, so that leaked tokens are easy to recognise. */
  static final String PREFIX = "ptk_";

  private static final int MAX_TOKEN_LENGTH = 256;

  private final Jdbi jdbi;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Tokens(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** A fresh random token: {@code ptk_} and 43 base64url characters (256 bits). */
  public String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Stores a token's hash under a name and role; returns nothing that reveals the token. */
  public void store(String token, String name, Role role) {
    jdbi.useExtension(
        TokenDao.class, dao -> dao.insert(name, role.wireName(), hash(token), clock.instant()));
  }

  /**
   * Makes sure an admin can sign in on first start. With a configured bootstrap token, its hash is
   * stored (once); without one, and with no admin token stored yet, a new token is generated and
   * returned so the caller can show it once. Otherwise returns empty.
   */
  public Optional<String> bootstrap(String configuredToken, AuditLog audit) {
    if (configuredToken != null) {
      jdbi.useTransaction(
          handle -> {
            TokenDao dao = handle.attach(TokenDao.class);
            if (dao.findByHash(hash(configuredToken)).isEmpty()) {
              dao.insert(
                  "bootstrap", Role.ADMIN.wireName(), hash(configuredToken), clock.instant());
              audit.record(
                  handle,
                  "system",
                  "token.bootstrap",
                  null,
                  "bootstrap",
                  "from PETREL_ADMIN_TOKEN");
            }
          });
      return Optional.empty();
    }
    return jdbi.inTransaction(
        handle -> {
          TokenDao dao = handle.attach(TokenDao.class);
          if (dao.countActiveAdmins() > 0) {
            return Optional.empty();
          }
          String token = newToken();
          dao.insert("initial-admin", Role.ADMIN.wireName(), hash(token), clock.instant());
          audit.record(
              handle,
              "system",
              "token.bootstrap",
              null,
              "initial-admin",
              "generated on first start");
          return Optional.of(token);
        });
  }

  /**
   * Finds who a presented token belongs to.
   *
   * @return empty when the token is unknown, revoked or not of Petrel's form
   */
  public Optional<Principal> authenticate(String presented) {
    if (presented == null || presented.isEmpty() || presented.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    String presentedHash = hash(presented);
    Optional<TokenDao.Row> row =
        jdbi.withExtension(TokenDao.class, dao -> dao.findByHash(presentedHash));
    if (row.isEmpty() || row.get().revokedAt() != null) {
      return Optional.empty();
    }
    boolean equal =
        MessageDigest.isEqual(
            presentedHash.getBytes(StandardCharsets.US_ASCII),
            row.get().tokenHash().getBytes(StandardCharsets.US_ASCII));
    if (!equal) {
      return Optional.empty();
    }
    return Optional.of(
        new Principal(row.get().id(), row.get().name(), Role.fromWireName(row.get().role())));
  }

  static String hash(String token) {
    return Sha256.of(token.getBytes(StandardCharsets.UTF_8)).hex();
  }
}
