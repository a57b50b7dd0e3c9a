package dev.petrel.server.auth;

import dev.petrel.server.web.ApiException;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Checks the {@code Authorization: Bearer <token>} header of admin requests. Handlers call {@link
 * #require} first, before reading the body or writing anything, so a refused request changes
 * nothing.
 */
public final class Authenticator {
  private static final String BEARER = "Bearer ";

  private final Tokens tokens;

  public Authenticator(Tokens tokens) {
    this.tokens = tokens;
  }

  /**
   * Returns the caller, or throws 401 {@code auth.missing_token} / {@code auth.invalid_token}, or
   * 403 {@code auth.forbidden} when the token's role does not include {@code required}.
   */
  public Principal require(Context ctx, Role required) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"petrel\"");
      throw new ApiException(
          401, "auth.missing_token", "this endpoint needs an Authorization: Bearer <token> header");
    }
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
    if (!principal.get().role().includes(required)) {
      throw new ApiException(
          403,
          "auth.forbidden",
          "this needs the "
              + required.wireName()
              + " role; the token has "
              + principal.get().role().wireName());
    }
    return principal.get();
  }
}
