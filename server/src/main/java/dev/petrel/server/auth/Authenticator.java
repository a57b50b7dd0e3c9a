package dev.petrel.server.auth;

import dev.petrel.server.web.ApiException;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Finds who made an admin request: from its {@code Authorization: Bearer <token>} header, or, when
 * it has none, from the admin panel's session cookie. Handlers call {@link #require} first, before
 * reading the body or writing anything, so a refused request changes nothing.
 *
 * <p>A cookie-authenticated request that changes state must also pass {@link BrowserGuard}: same
 * origin and the session's CSRF token. A bearer token is never sent by a browser on its own, so
 * bearer requests need neither.
 */
public final class Authenticator {
  private static final String BEARER = "Bearer ";

  private final Tokens tokens;
  private final SessionLookup sessions;

  public Authenticator(Tokens tokens, SessionLookup sessions) {
    this.tokens = tokens;
    this.sessions = sessions;
  }

  /**
   * Returns the caller, or throws 401 {@code auth.missing_token} / {@code auth.invalid_token} /
   * {@code auth.session_expired}, 403 {@code auth.csrf} / {@code auth.cross_origin} for a
   * cookie-authenticated change without the session's CSRF header or from another site, or 403
   * {@code auth.forbidden} when the caller's role does not include {@code required}.
   */
  public Principal require(Context ctx, Role required) {
    Principal principal = authenticate(ctx);
    if (!principal.role().includes(required)) {
      throw new ApiException(
          403,
          "auth.forbidden",
          "this needs the "
              + required.wireName()
              + " role; the token has "
              + principal.role().wireName());
    }
    return principal;
  }

  /**
   * The caller of a request that must carry {@code Authorization: Bearer <token>} (a session cookie
   * does not count), as signing in to the panel does.
   */
  public Principal requireBearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw missingToken(ctx);
    }
    return fromBearer(ctx, header);
  }

  private Principal authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && !header.isBlank()) {
      return fromBearer(ctx, header);
    }
    String session = ctx.cookie(SessionLookup.COOKIE);
    if (session != null && !session.isEmpty()) {
      return fromSession(ctx, session);
    }
    throw missingToken(ctx);
  }

  private Principal fromBearer(Context ctx, String header) {
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"petrel\"");
      throw new ApiException(
          401,
          "auth.invalid_token",
          "expected an Authorization header of the form 'Bearer <token>'");
    }
    Optional<Principal> principal = tokens.authenticate(header.substring(BEARER.length()).trim());
    if (principal.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"petrel\", error=\"invalid_token\"");
      throw new ApiException(401, "auth.invalid_token", "the token is unknown or revoked");
    }
    return principal.get();
  }

  private Principal fromSession(Context ctx, String session) {
    Optional<Principal> principal = sessions.principal(session);
    if (principal.isEmpty()) {
      throw new ApiException(
          401,
          "auth.session_expired",
          "the panel session has expired or was signed out; sign in again");
    }
    if (BrowserGuard.changesState(ctx)) {
      BrowserGuard.requireSameOrigin(ctx);
      BrowserGuard.requireCsrf(ctx, session);
    }
    return principal.get();
  }

  private static ApiException missingToken(Context ctx) {
    ctx.header("WWW-Authenticate", "Bearer realm=\"petrel\"");
    return new ApiException(
        401, "auth.missing_token", "this endpoint needs an Authorization: Bearer <token> header");
  }
}
