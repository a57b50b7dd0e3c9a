package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.server.apps.AppDao;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.releases.ReleaseDao;
import dev.petrel.server.web.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * An app's own channels: define (or redefine) one, remove one, list them all with what each
 * receives. Changes are audited and bump the catalogue revision, since checks resolve channels from
 * the catalogue. Thread-safe.
 */
public final class Channels {
  /** Most channels an app may define besides the built-in three. */
  public static final int MAX_CHANNELS = 20;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;

  public Channels(Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
  }

  /**
   * A channel on the wire.
   *
   * @param receivesFrom the channel it also receives from; null for a built-in channel
   * @param receives every channel whose releases a device in it is offered, sorted
   */
  public record ChannelView(
      String name, boolean builtIn, String receivesFrom, List<String> receives) {}

  /**
   * The built-in channels and the app's own.
   *
   * @throws ApiException 404 {@code app.not_found}
   */
  public List<ChannelView> list(AppId app) {
    return jdbi.withHandle(
        handle -> {
          requireApp(handle, app);
          Map<Channel, Channel> defined = defined(handle, app);
          AppChannels channels = AppChannels.of(defined);
          List<ChannelView> views = new ArrayList<>();
          for (Channel channel : Channel.builtIn()) {
            views.add(view(channel, null, channels));
          }
          defined.keySet().stream()
              .sorted((a, b) -> a.wireName().compareTo(b.wireName()))
              .forEach(channel -> views.add(view(channel, defined.get(channel), channels)));
          return views;
        });
  }

  /**
   * Defines {@code channel} for {@code app}, receiving what {@code receivesFrom} receives.
   *
   * @throws ApiException 400 {@code channel.built_in} for stable, beta or alpha, {@code
   *     channel.unknown} when {@code receivesFrom} is neither built in nor the app's, {@code
   *     channel.cycle} when it would receive from itself, {@code channel.too_many} past {@link
   *     #MAX_CHANNELS}
   */
  public List<ChannelView> define(
      AppId app, Channel channel, Channel receivesFrom, Principal actor) {
    if (channel.isBuiltIn()) {
      throw ApiException.badRequest(
          "channel.built_in", "channel: " + channel + " is built in and cannot be redefined");
    }
    jdbi.useTransaction(
        handle -> {
          requireApp(handle, app);
          Map<Channel, Channel> defined = defined(handle, app);
          checkTarget(app, channel, receivesFrom, defined);
          boolean exists = defined.containsKey(channel);
          if (!exists && defined.size() >= MAX_CHANNELS) {
            throw ApiException.badRequest(
                "channel.too_many",
                "app '" + app + "' has " + MAX_CHANNELS + " channels of its own, the most allowed");
          }
          handle
              .createUpdate(
                  exists
                      ? "UPDATE app_channels SET receives_from = :from"
                          + " WHERE app_id = :app AND name = :name"
                      : "INSERT INTO app_channels (app_id, name, receives_from, created_at)"
                          + " VALUES (:app, :name, :from, :at)")
              .bind("app", app.name())
              .bind("name", channel.wireName())
              .bind("from", receivesFrom.wireName())
              .bind("at", clock.millis())
              .execute();
          handle.attach(ReleaseDao.class).bumpCatalogueRevision();
          audit.record(
              handle,
              actor.actor(),
              "channel.define",
              app.name(),
              channel.wireName(),
              "receives from " + receivesFrom);
        });
    onChange.run();
    return list(app);
  }

  /**
   * Removes one of the app's channels.
   *
   * @throws ApiException 404 {@code channel.not_found}, 409 {@code channel.in_use} while releases
   *     are published to it or another channel receives from it
   */
  public List<ChannelView> remove(AppId app, Channel channel, Principal actor) {
    jdbi.useTransaction(
        handle -> {
          requireApp(handle, app);
          Map<Channel, Channel> defined = defined(handle, app);
          if (!defined.containsKey(channel)) {
            throw ApiException.notFound(
                "channel.not_found",
                "app '" + app + "' has no channel '" + channel + "' of its own");
          }
          long releases =
              handle
                  .createQuery("SELECT COUNT(*) FROM releases WHERE app_id = :app AND channel = :c")
                  .bind("app", app.name())
                  .bind("c", channel.wireName())
                  .mapTo(Long.class)
                  .one();
          boolean feeds = defined.containsValue(channel);
          if (releases > 0 || feeds) {
            throw ApiException.conflict(
                "channel.in_use",
                "channel '"
                    + channel
                    + "' is in use: "
                    + (releases > 0 ? releases + " releases are published to it" : "")
                    + (releases > 0 && feeds ? "; " : "")
                    + (feeds ? "another channel receives from it" : ""));
          }
          handle
              .createUpdate("DELETE FROM app_channels WHERE app_id = :app AND name = :name")
              .bind("app", app.name())
              .bind("name", channel.wireName())
              .execute();
          handle.attach(ReleaseDao.class).bumpCatalogueRevision();
          audit.record(
              handle, actor.actor(), "channel.remove", app.name(), channel.wireName(), null);
        });
    onChange.run();
    return list(app);
  }

  /** Whether {@code channel} is built in or one of {@code app}'s, read in {@code handle}. */
  static boolean exists(Handle handle, AppId app, Channel channel) {
    return channel.isBuiltIn() || defined(handle, app).containsKey(channel);
  }

  private static void checkTarget(
      AppId app, Channel channel, Channel receivesFrom, Map<Channel, Channel> defined) {
    if (!receivesFrom.isBuiltIn() && !defined.containsKey(receivesFrom)) {
      throw ApiException.badRequest(
          "channel.unknown",
          "receives_from: app '" + app + "' has no channel '" + receivesFrom + "'");
    }
    Channel at = receivesFrom;
    while (at != null && !at.isBuiltIn()) {
      if (at.equals(channel)) {
        throw ApiException.badRequest(
            "channel.cycle",
            "receives_from: channel '" + channel + "' would receive from itself through " + at);
      }
      at = defined.get(at);
    }
  }

  private static Map<Channel, Channel> defined(Handle handle, AppId app) {
    Map<Channel, Channel> defined = new HashMap<>();
    handle
        .createQuery("SELECT name, receives_from FROM app_channels WHERE app_id = :app")
        .bind("app", app.name())
        .map(
            (rs, ctx) ->
                defined.put(
                    Channel.parse("stored channel", rs.getString(1)),
                    Channel.parse("stored channel", rs.getString(2))))
        .list();
    return defined;
  }

  private static void requireApp(Handle handle, AppId app) {
    if (handle.attach(AppDao.class).find(app).isEmpty()) {
      throw Apps.notFound(app);
    }
  }

  private static ChannelView view(Channel channel, Channel receivesFrom, AppChannels channels) {
    List<String> receives =
        new ArrayList<>(
            new TreeSet<>(channels.receivedBy(channel).stream().map(Channel::wireName).toList()));
    return new ChannelView(
        channel.wireName(),
        channel.isBuiltIn(),
        receivesFrom == null ? null : receivesFrom.wireName(),
        receives);
  }
}
