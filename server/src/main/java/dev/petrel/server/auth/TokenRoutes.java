package dev.petrel.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.JsonFields;
import dev.petrel.server.web.Params;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/v1/tokens}: admins issue (shown once), list and revoke API tokens. */
public final class TokenRoutes {
  private final Tokens tokens;
  private final Authenticator auth;
  private final AuditLog audit;
  private final ObjectMapper mapper;

  public TokenRoutes(Tokens tokens, Authenticator auth, AuditLog audit, ObjectMapper mapper) {
    this.tokens = tokens;
    this.auth = auth;
    this.audit = audit;
    this.mapper = mapper;
  }

  /** The JSON shape of a token: never its value or hash. */
  record TokenView(long id, String name, String role, String createdAt, String revokedAt) {
    static TokenView of(Tokens.TokenInfo info) {
      return new TokenView(
          info.id(),
          info.name(),
          info.role().wireName(),
          Times.iso(info.createdAt()),
          Times.iso(info.revokedAt()));
    }
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/tokens", this::issue);
    routes.get("/api/v1/tokens", this::list);
    routes.post("/api/v1/tokens/{id}/revoke", this::revoke);
  }

  private void issue(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    JsonFields body = JsonFields.parse(mapper, ctx.bodyAsBytes());
    String name = body.requiredText("name");
    Role role = role(body.requiredText("role"));
    Tokens.Issued issued = tokens.issue(name, role, actor, audit);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", true);
    answer.put("token", issued.token());
    answer.put("info", TokenView.of(issued.info()));
    ctx.status(201).header("Cache-Control", "no-store").json(answer);
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.ADMIN);
    List<TokenView> views = tokens.list().stream().map(TokenView::of).toList();
    ctx.json(Map.of("ok", true, "tokens", views));
  }

  private void revoke(Context ctx) {
    Principal actor = auth.require(ctx, Role.ADMIN);
    long id = Params.positiveId(ctx, "id", "token");
    ctx.json(Map.of("ok", true, "info", TokenView.of(tokens.revoke(id, actor, audit))));
  }

  private static Role role(String text) {
    for (Role role : Role.values()) {
      if (role.wireName().equals(text.toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw ApiException.badRequest(
        "request.invalid_field", "role: expected admin, publisher or viewer, found '" + text + "'");
  }
}
