package dev.petrel.server.audit;

import dev.petrel.server.auth.Authenticator;
import dev.petrel.server.auth.Role;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * {@code GET /api/v1/audit}: the audit log, newest first, for admins. Filters: {@code app}, {@code
 * action} (exact, or a prefix ending in {@code .} such as {@code release.}), {@code before} (an
 * entry id, for the next page) and {@code limit} (1-500, default 100).
 */
public final class AuditRoutes {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;
  private static final int MAX_FILTER = 100;

  private final Jdbi jdbi;
  private final Authenticator auth;

  public AuditRoutes(Jdbi jdbi, Authenticator auth) {
    this.jdbi = jdbi;
    this.auth = auth;
  }

  /** One audit entry as listed. */
  public record Entry(
      long id,
      Instant at,
      String actor,
      String action,
      String appId,
      String target,
      String detail) {}

  /** The JSON shape of an entry. */
  record EntryView(
      long id, String at, String actor, String action, String app, String target, String detail) {
    static EntryView of(Entry entry) {
      return new EntryView(
          entry.id(),
          Times.iso(entry.at()),
          entry.actor(),
          entry.action(),
          entry.appId(),
          entry.target(),
          entry.detail());
    }
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/audit", this::list);
  }

  private void list(Context ctx) {
    auth.require(ctx, Role.ADMIN);
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
    long before = intParam(ctx, "before", Integer.MAX_VALUE, Integer.MAX_VALUE);
    String app = filter(ctx, "app");
    String action = filter(ctx, "action");
    List<Entry> entries = jdbi.withHandle(handle -> query(handle, before, app, action, limit));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ok", true);
    answer.put("entries", entries.stream().map(EntryView::of).toList());
    answer.put(
        "next_before", entries.size() == limit ? entries.get(entries.size() - 1).id() : null);
    ctx.json(answer);
  }

  private static List<Entry> query(
      org.jdbi.v3.core.Handle handle, long before, String app, String action, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, at, actor, action, app_id, target, detail FROM audit_log WHERE id < :before");
    if (app != null) {
      sql.append(" AND app_id = :app");
    }
    if (action != null) {
      sql.append(action.endsWith(".") ? " AND action LIKE :action" : " AND action = :action");
    }
    sql.append(" ORDER BY id DESC LIMIT :limit");
    Query query = handle.createQuery(sql.toString()).bind("before", before).bind("limit", limit);
    if (app != null) {
      query.bind("app", app);
    }
    if (action != null) {
      query.bind("action", action.endsWith(".") ? action + "%" : action);
    }
    return query
        .map(
            (rs, c) ->
                new Entry(
                    rs.getLong("id"),
                    Instant.ofEpochMilli(rs.getLong("at")),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("app_id"),
                    rs.getString("target"),
                    rs.getString("detail")))
        .list();
  }

  private static String filter(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.length() > MAX_FILTER || !text.matches("[A-Za-z0-9._-]+")) {
      throw ApiException.badRequest(
          "request.invalid_field",
          name + ": expected up to " + MAX_FILTER + " characters of A-Z, a-z, 0-9, '.', '_', '-'");
    }
    return text;
  }

  private static int intParam(Context ctx, String name, int fallback, int max) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "request.invalid_field",
        name + ": expected an integer from 1 to " + max + ", found '" + text + "'");
  }
}
