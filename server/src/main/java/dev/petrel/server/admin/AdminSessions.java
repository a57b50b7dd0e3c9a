package dev.petrel.server.admin;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.BrowserGuard;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.Role;
import dev.petrel.server.auth.SessionLookup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The admin panel's sign-in sessions, kept in the database (hashed) so that every node behind a
 * load balancer shares them. A session is opened with an API token and acts with that token's role
 * and name; it ends on sign-out, when the token is revoked, after {@link #IDLE} without a request,
 * or at {@link #ABSOLUTE} after sign-in, whichever comes first. Thread-safe.
 */
public final class AdminSessions implements SessionLookup {
  /** A session unused this long ends. */
  public static final Duration IDLE = Duration.ofMinutes(30);

  /** No session lives longer than this, however busy. */
  public static final Duration ABSOLUTE = Duration.ofHours(12);

  /** The last-seen time is written at most this often, so reads do not each write. */
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  /** Sessions one token may hold; opening one more ends the oldest. */
  static final int MAX_PER_TOKEN = 20;

  private static final int MAX_SESSION_TOKEN = 100;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public AdminSessions(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** A live session as the panel sees it. */
  public record Session(Principal principal, String csrfToken, Instant expiresAt) {}

  /** A newly opened session: the cookie value, shown to the browser only, and its description. */
  public record Opened(String sessionToken, Session session) {}

  /** Opens a session for {@code principal}, audited as {@code session.sign_in}. */
  public Opened open(Principal principal) {
    String token = newSessionToken();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(ABSOLUTE);
    jdbi.useTransaction(
        handle -> {
          SessionDao dao = handle.attach(SessionDao.class);
          dao.deleteExpired(now, now.minus(IDLE));
          while (dao.countForToken(principal.tokenId()) >= MAX_PER_TOKEN) {
            dao.deleteOldestForToken(principal.tokenId());
          }
          dao.insert(hash(token), principal.tokenId(), now, expiresAt);
          audit.record(handle, principal.actor(), "session.sign_in", null, null, "admin panel");
        });
    return new Opened(token, new Session(principal, BrowserGuard.csrfToken(token), expiresAt));
  }

  /**
   * The live session whose token is {@code sessionToken}, its idle timer touched.
   *
   * @return empty when unknown, expired, idle longer than {@link #IDLE}, or its token is revoked
   */
  public Optional<Session> find(String sessionToken) {
    if (sessionToken == null
        || sessionToken.isEmpty()
        || sessionToken.length() > MAX_SESSION_TOKEN) {
      return Optional.empty();
    }
    String presentedHash = hash(sessionToken);
    Optional<SessionDao.Row> found =
        jdbi.withExtension(SessionDao.class, dao -> dao.findLive(presentedHash));
    if (found.isEmpty() || !sameHash(presentedHash, found.get().sessionHash())) {
      return Optional.empty();
    }
    SessionDao.Row row = found.get();
    Instant now = clock.instant();
    if (!now.isBefore(row.expiresAt()) || !now.isBefore(row.lastSeenAt().plus(IDLE))) {
      return Optional.empty();
    }
    if (!now.isBefore(row.lastSeenAt().plus(TOUCH_EVERY))) {
      jdbi.useExtension(SessionDao.class, dao -> dao.touch(row.id(), now));
    }
    Principal principal =
        new Principal(
            row.tokenId(), row.tokenName(), Role.valueOf(row.role().toUpperCase(Locale.ROOT)));
    return Optional.of(
        new Session(principal, BrowserGuard.csrfToken(sessionToken), row.expiresAt()));
  }

  @Override
  public Optional<Principal> principal(String sessionToken) {
    return find(sessionToken).map(Session::principal);
  }

  /** Ends the session, audited as {@code session.sign_out}; ending an ended one does nothing. */
  public void close(String sessionToken, Principal principal) {
    jdbi.useTransaction(
        handle -> {
          if (handle.attach(SessionDao.class).delete(hash(sessionToken)) > 0) {
            audit.record(handle, principal.actor(), "session.sign_out", null, null, "admin panel");
          }
        });
  }

  private String newSessionToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return "pss_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  private static String hash(String token) {
    return Sha256.of(token.getBytes(StandardCharsets.UTF_8)).hex();
  }
}
