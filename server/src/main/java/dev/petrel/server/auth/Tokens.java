package dev.petrel.server.auth;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
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
  private static final int MAX_NAME = 100;

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

  /** A token as shown to admins; never its value or hash. */
  public record TokenInfo(long id, String name, Role role, Instant createdAt, Instant revokedAt) {
    static TokenInfo of(TokenDao.Listed row) {
      return new TokenInfo(
          row.id(), row.name(), Role.fromWireName(row.role()), row.createdAt(), row.revokedAt());
    }
  }

  /** A newly issued token: its value, shown once, and its description. */
  public record Issued(String token, TokenInfo info) {}

  /**
   * Issues a new token with {@code role}, audited as done by {@code actor}.
   *
   * @throws ApiException 400 when the name is blank or longer than 100 characters
   */
  public Issued issue(String name, Role role, Principal actor, AuditLog audit) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "name: expected 1-" + MAX_NAME + " characters naming the token's holder");
    }
    String token = newToken();
    String tokenHash = hash(token);
    TokenDao.Listed row =
        jdbi.inTransaction(
            handle -> {
              TokenDao dao = handle.attach(TokenDao.class);
              dao.insert(name.strip(), role.wireName(), tokenHash, clock.instant());
              TokenDao.Listed listed = dao.findListedByHash(tokenHash).orElseThrow();
              audit.record(
                  handle,
                  actor.actor(),
                  "token.create",
                  null,
                  String.valueOf(listed.id()),
                  role.wireName() + " " + listed.name());
              return listed;
            });
    return new Issued(token, TokenInfo.of(row));
  }

  /** Every token, revoked ones included, oldest first. */
  public List<TokenInfo> list() {
    return jdbi.withExtension(TokenDao.class, TokenDao::list).stream().map(TokenInfo::of).toList();
  }

  /**
   * Revokes a token; revoking a revoked token changes nothing.
   *
   * @throws ApiException 404 {@code token.not_found}
   */
  public TokenInfo revoke(long id, Principal actor, AuditLog audit) {
    return jdbi.inTransaction(
        handle -> {
          TokenDao dao = handle.attach(TokenDao.class);
          if (dao.findListed(id).isEmpty()) {
            throw ApiException.notFound("token.not_found", "no token with id " + id);
          }
          if (dao.revoke(id, clock.instant()) > 0) {
            audit.record(handle, actor.actor(), "token.revoke", null, String.valueOf(id), null);
          }
          return TokenInfo.of(dao.findListed(id).orElseThrow());
        });
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
