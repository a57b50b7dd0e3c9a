package dev.petrel.server.updates;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.protocol.DeviceId;
import dev.petrel.protocol.Platform;
import dev.petrel.protocol.Version;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.releases.Release;
import dev.petrel.server.rollouts.AppChannels;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.Times;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/apps/{app}/changelog}: the notes of every live release between the one a
 * device runs and the one a check would offer it, newest first (see {@link Changelog}). Like the
 * check it needs no token, since devices call it, and it reads only the in-memory catalogue.
 *
 * <p>Query: {@code platform} (required), {@code from_version_code} (required, the installed code),
 * {@code channel} (default stable), {@code device_id} (optional: without it only fully rolled-out
 * releases count as offered, as in the check), {@code limit} (1 to {@value Changelog#MAX_ENTRIES},
 * default {@value #DEFAULT_LIMIT}).
 */
public final class ChangelogRoutes {
  static final int DEFAULT_LIMIT = 20;

  private final Catalogue catalogue;
  private final Clock clock;

  public ChangelogRoutes(Catalogue catalogue, Clock clock) {
    this.catalogue = catalogue;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/apps/{app}/changelog", this::changelog);
  }

  private void changelog(Context ctx) {
    AppId app = AppId.parse("app", ctx.pathParam("app"));
    Catalogue.Snapshot snapshot = catalogue.snapshot();
    if (!snapshot.apps().contains(app)) {
      throw Apps.notFound(app);
    }
    Platform platform = Platform.parse("platform", required(ctx, "platform"));
    long from = positive("from_version_code", required(ctx, "from_version_code"));
    String channelText = ctx.queryParam("channel");
    Channel channel = blank(channelText) ? Channel.STABLE : Channel.parse("channel", channelText);
    String deviceText = ctx.queryParam("device_id");
    DeviceId device = blank(deviceText) ? null : DeviceId.parse("device_id", deviceText);
    int limit = limit(ctx);
    AppChannels channels = snapshot.rollouts().channels(app);
    Set<Channel> receivable = channels.receivedBy(channel);
    if (receivable == null) {
      throw CheckService.unknownChannel(app, channel, channels);
    }
    List<Release> releases = snapshot.releases(app, platform);
    CheckQuery query =
        new CheckQuery(app, platform, channel, installedVersion(releases, from), from, device);
    Changelog.Entries entries =
        Changelog.of(query, releases, receivable, snapshot.rollouts(), clock.instant(), limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ok", true);
    body.put("app", app.name());
    body.put("platform", platform.name());
    body.put("channel", channel.wireName());
    body.put("from_version_code", from);
    body.put("entries", entries.entries().stream().map(ChangelogRoutes::entry).toList());
    body.put("truncated", entries.truncated());
    ctx.json(body);
  }

  private static Map<String, Object> entry(Release release) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", release.version().toString());
    out.put("version_code", release.versionCode());
    out.put("channel", release.channel().wireName());
    out.put("release_notes", release.releaseNotes() == null ? "" : release.releaseNotes());
    out.put("is_mandatory", release.mandatory());
    out.put("published_at", Times.iso(release.publishedAt()));
    return out;
  }

  /**
   * The installed version, for the minimum-supported-version rule only: the catalogue's release
   * with that code, else the lowest version, which every minimum is above.
   */
  private static Version installedVersion(List<Release> releases, long code) {
    for (Release release : releases) {
      if (release.versionCode() == code) {
        return release.version();
      }
    }
    return Version.parse("from_version_code", "0.0.0");
  }

  private static int limit(Context ctx) {
    String text = ctx.queryParam("limit");
    if (blank(text)) {
      return DEFAULT_LIMIT;
    }
    long limit = positive("limit", text);
    if (limit > Changelog.MAX_ENTRIES) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "limit: expected 1 to " + Changelog.MAX_ENTRIES + ", found " + text);
    }
    return (int) limit;
  }

  private static String required(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (blank(text)) {
      throw ApiException.badRequest(
          "request.missing_field", name + ": required query parameter is missing");
    }
    return text;
  }

  private static long positive(String name, String text) {
    try {
      long value = Long.parseLong(text);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "request.invalid_field", name + ": expected a positive integer, found '" + text + "'");
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
