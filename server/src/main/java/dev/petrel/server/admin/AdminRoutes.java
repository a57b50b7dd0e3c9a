package dev.petrel.server.admin;

import dev.petrel.server.web.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin panel's files, every byte from the jar: {@code GET /admin} (the one HTML page) and
 * {@code GET /admin/assets/{file}} (its scripts and stylesheet). The page is a client of the same
 * {@code /api/v1} JSON API the command line uses.
 *
 * <p>Every answer carries a strict Content-Security-Policy (scripts and styles from this server
 * only, no inline script, nothing framed, nothing fetched elsewhere), {@code X-Frame-Options:
 * DENY}, {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer}.
 */
public final class AdminRoutes {
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'";

  /** The files under {@code /admin/} on the class path that are served, by name. */
  static final List<String> ASSETS =
      List.of(
          "panel.css",
          "app.js",
          "api.js",
          "dom.js",
          "charts.js",
          "format.js",
          "rollout.js",
          "release-rollout.js",
          "figures.js",
          "release-patches.js",
          "view-signin.js",
          "view-home.js",
          "view-releases.js",
          "view-release.js",
          "view-publish.js",
          "view-admin.js",
          "view-webhooks.js",
          "view-cohorts.js");

  private final byte[] page;
  private final Map<String, byte[]> assets;

  private AdminRoutes(byte[] page, Map<String, byte[]> assets) {
    this.page = page;
    this.assets = assets;
  }

  /**
   * Reads the page and its assets from the class path.
   *
   * @throws IllegalStateException when one is missing from the build
   */
  public static AdminRoutes load() {
    Map<String, byte[]> assets = new LinkedHashMap<>();
    for (String name : ASSETS) {
      assets.put(name, read(name));
    }
    return new AdminRoutes(read("index.html"), Map.copyOf(assets));
  }

  public void register(RoutesConfig routes) {
    routes.get("/admin", this::page);
    routes.get("/admin/assets/{file}", this::asset);
  }

  private void page(Context ctx) {
    secure(ctx);
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  private void asset(Context ctx) {
    secure(ctx);
    String name = ctx.pathParam("file");
    byte[] bytes = assets.get(name);
    if (bytes == null) {
      throw ApiException.notFound(
          "admin.asset_not_found", "the panel has no file '" + cut(name) + "'");
    }
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(contentType(name)).result(bytes);
  }

  /** The browser-side defences of every panel answer. */
  static void secure(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
  }

  private static String contentType(String name) {
    return name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
  }

  private static byte[] read(String name) {
    String path = "/admin/" + name;
    try (InputStream in = AdminRoutes.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the admin panel file " + path + " is missing");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static String cut(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
