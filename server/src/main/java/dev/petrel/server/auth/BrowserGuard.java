package dev.petrel.server.auth;

import dev.petrel.protocol.Sha256;
import dev.petrel.server.web.ApiException;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request forgery defences for requests authenticated by the session cookie.
 *
 * <p>The CSRF token is derived from the session token (SHA-256 over a fixed prefix and the session
 * token, base64url): it is the same for the life of a session, needs no storage, and does not
 * reveal the session token. The panel reads it from {@code GET /api/v1/session} (a same-origin read
 * another site cannot make) and sends it as {@value #CSRF_HEADER} on every change; it is compared
 * in constant time. Independently, a request whose {@code Origin} (or, without one, whose {@code
 * Sec-Fetch-Site}) says it comes from another site is refused.
 */
public final class BrowserGuard {
  /** The header a cookie-authenticated change must carry. */
  public static final String CSRF_HEADER = "X-Petrel-CSRF";

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private BrowserGuard() {}

  /** The CSRF token of the session whose token is {@code sessionToken}. */
  public static String csrfToken(String sessionToken) {
    byte[] digest =
        Sha256.of(("petrel-csrf-v1:" + sessionToken).getBytes(StandardCharsets.UTF_8)).bytes();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  /** Whether {@code ctx} changes state (any method but GET, HEAD and OPTIONS). */
  public static boolean changesState(Context ctx) {
    return !SAFE_METHODS.contains(ctx.method().name());
  }

  /**
   * Refuses a cookie-authenticated change without the session's CSRF token.
   *
   * @throws ApiException 403 {@code auth.csrf} when the header is missing or wrong
   */
  public static void requireCsrf(Context ctx, String sessionToken) {
    String presented = ctx.header(CSRF_HEADER);
    byte[] expected = csrfToken(sessionToken).getBytes(StandardCharsets.US_ASCII);
    byte[] given =
        presented == null ? new byte[0] : presented.strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new ApiException(
          403,
          "auth.csrf",
          "a change made with the panel's session cookie needs the session's "
              + CSRF_HEADER
              + " header; reload the panel");
    }
  }

  /**
   * Refuses a request that a browser marked as coming from another site: an {@code Origin} whose
   * host and port differ from the {@code Host} the request was sent to and from the {@code
   * X-Forwarded-Host} a proxy in front set (or {@code Origin: null}), or, without an {@code
   * Origin}, {@code Sec-Fetch-Site: cross-site}. (Another site's page cannot set {@code
   * X-Forwarded-Host}: a cross-site request with a custom header needs a CORS preflight, which this
   * server never grants.)
   *
   * @throws ApiException 403 {@code auth.cross_origin}
   */
  public static void requireSameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null) {
      String site = ctx.header("Sec-Fetch-Site");
      if (site != null && site.toLowerCase(Locale.ROOT).equals("cross-site")) {
        throw crossOrigin("Sec-Fetch-Site: cross-site");
      }
      return;
    }
    String authority = authority(origin);
    if (authority == null
        || !(authority.equalsIgnoreCase(ctx.header("Host"))
            || authority.equalsIgnoreCase(ctx.header("X-Forwarded-Host")))) {
      throw crossOrigin("Origin " + cut(origin) + " is not this server");
    }
  }

  /** The {@code host[:port]} of an origin, or null when it is not an absolute http(s) URL. */
  private static String authority(String origin) {
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        return null;
      }
      return uri.getRawAuthority();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static ApiException crossOrigin(String why) {
    return new ApiException(
        403,
        "auth.cross_origin",
        "refused a cookie-authenticated request from another site: " + why);
  }

  private static String cut(String text) {
    return text.length() > 100 ? text.substring(0, 100) + "…" : text;
  }
}
