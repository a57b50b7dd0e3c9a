package dev.petrel.server.system;

import dev.petrel.server.updates.Catalogue;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/system/health} for load balancers and people, and {@code GET /metrics} in the
 * Prometheus text format.
 */
public final class SystemRoutes {
  private final Jdbi jdbi;
  private final Catalogue catalogue;
  private final PrometheusMeterRegistry metrics;
  private final Clock clock;
  private final Instant startedAt;
  private final String version;

  public SystemRoutes(
      Jdbi jdbi,
      Catalogue catalogue,
      PrometheusMeterRegistry metrics,
      Clock clock,
      String version) {
    this.jdbi = jdbi;
    this.catalogue = catalogue;
    this.metrics = metrics;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.version = version;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/system/health", this::health);
    routes.get("/api/system/live", this::live);
    routes.get("/api/system/ready", this::ready);
    routes.get("/metrics", this::metrics);
  }

  /** 200 when the database answers, else 503; both with the same fields. */
  private void health(Context ctx) {
    boolean databaseUp = databaseUp();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", databaseUp);
    body.put("status", databaseUp ? "ok" : "degraded");
    body.put("version", version);
    body.put("database", databaseUp ? "ok" : "unavailable");
    body.put("catalogue_revision", catalogue.snapshot().revision());
    body.put("uptime_seconds", Duration.between(startedAt, clock.instant()).toSeconds());
    ctx.status(databaseUp ? 200 : 503).json(body);
  }

  /** Liveness: 200 whenever the process answers HTTP; it says nothing of the database. */
  private void live(Context ctx) {
    ctx.json(Map.of("ok", true, "status", "live"));
  }

  /**
   * Readiness: 200 when the database answers and the catalogue has been loaded (so checks are
   * answered from real data), else 503 naming what is missing; a load balancer sends traffic only
   * to ready nodes.
   */
  private void ready(Context ctx) {
    boolean databaseUp = databaseUp();
    boolean catalogueLoaded = catalogue.snapshot().revision() >= 0;
    boolean ready = databaseUp && catalogueLoaded;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", ready);
    body.put("status", ready ? "ready" : "not_ready");
    body.put("database", databaseUp ? "ok" : "unavailable");
    body.put("catalogue", catalogueLoaded ? "loaded" : "not_loaded");
    ctx.status(ready ? 200 : 503).json(body);
  }

  private boolean databaseUp() {
    try {
      return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one())
          == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }
}
