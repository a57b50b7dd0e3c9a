package dev.petrel.server.admin;

import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.BrowserGuard;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.auth.SessionLookup;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/session}: the admin panel signs in by sending an API token as {@code
 * Authorization: Bearer} and gets a session cookie ({@code HttpOnly}, {@code SameSite=Strict},
 * {@code Path=/}, {@code Max-Age} of the absolute expiry, {@code Secure} when the request came over
 * https); it reads its session (and CSRF token) back, and signs out.
 */
public final class SessionRoutes {
  private final AdminSessions sessions;
  private final Authenticator auth;
  private final boolean publicUrlIsHttps;

  /**
   * @param publicUrlIsHttps whether the server is reached over https (its public URL says so), so
   *     cookies are marked {@code Secure} even when TLS ends at a proxy in front
   */
  public SessionRoutes(AdminSessions sessions, Authenticator auth, boolean publicUrlIsHttps) {
    this.sessions = sessions;
    this.auth = auth;
    this.publicUrlIsHttps = publicUrlIsHttps;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/session", this::signIn);
    routes.get("/api/v1/session", this::show);
    routes.delete("/api/v1/session", this::signOut);
  }

  private void signIn(Context ctx) {
    BrowserGuard.requireSameOrigin(ctx);
    Principal principal = auth.requireBearer(ctx);
    AdminSessions.Opened opened = sessions.open(principal);
    setCookie(ctx, opened.sessionToken(), AdminSessions.ABSOLUTE.toSeconds());
    ctx.status(201).header("Cache-Control", "no-store").json(answer(opened.session()));
  }

  private void show(Context ctx) {
    Optional<AdminSessions.Session> session = sessions.find(ctx.cookie(SessionLookup.COOKIE));
    ctx.header("Cache-Control", "no-store");
    if (session.isEmpty()) {
      ctx.json(signedOut());
    } else {
      ctx.json(answer(session.get()));
    }
  }

  /** Ends the cookie's session; needs the CSRF header when there is a live one to end. */
  private void signOut(Context ctx) {
    String token = ctx.cookie(SessionLookup.COOKIE);
    Optional<AdminSessions.Session> session = sessions.find(token);
    if (session.isPresent()) {
      BrowserGuard.requireSameOrigin(ctx);
      BrowserGuard.requireCsrf(ctx, token);
      sessions.close(token, session.get().principal());
    }
    if (token != null) {
      setCookie(ctx, "", 0);
    }
    ctx.header("Cache-Control", "no-store").json(signedOut());
  }

  private static Map<String, Object> signedOut() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", true);
    answer.put("signed_in", false);
    answer.put("session", null);
    return answer;
  }

  private static Map<String, Object> answer(AdminSessions.Session session) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", session.principal().name());
    view.put("role", session.principal().role().wireName());
    view.put("token_id", session.principal().tokenId());
    view.put("csrf_token", session.csrfToken());
    view.put("expires_at", Times.iso(session.expiresAt()));
    view.put("idle_minutes", AdminSessions.IDLE.toMinutes());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", true);
    answer.put("signed_in", true);
    answer.put("session", view);
    return answer;
  }

  private void setCookie(Context ctx, String value, long maxAgeSeconds) {
    StringBuilder cookie =
        new StringBuilder(SessionLookup.COOKIE)
            .append('=')
            .append(value)
            .append("; Path=/; Max-Age=")
            .append(maxAgeSeconds)
            .append("; HttpOnly; SameSite=Strict");
    if (overHttps(ctx)) {
      cookie.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", cookie.toString());
  }

  private boolean overHttps(Context ctx) {
    String forwarded = ctx.header("X-Forwarded-Proto");
    return publicUrlIsHttps
        || "https".equals(ctx.scheme())
        || (forwarded != null && forwarded.toLowerCase(Locale.ROOT).startsWith("https"));
  }
}
