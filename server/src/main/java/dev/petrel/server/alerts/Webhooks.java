package dev.petrel.server.alerts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.releases.ReleaseEvents;
import dev.petrel.server.web.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates, lists and removes an app's webhooks, queues test alerts and reads delivery logs. Every
 * change is audited. Thread-safe.
 */
public final class Webhooks {
  /** The alert types a webhook may ask for. */
  public static final List<String> TYPES =
      List.of(
          ReleaseEvents.HALTED,
          ReleaseEvents.NEEDS_ATTENTION,
          ReleaseEvents.RAMP_STEP,
          ReleaseEvents.RECALLED,
          ReleaseEvents.LIVE);

  /** Most webhooks one app may have. */
  public static final int MAX_PER_APP = 20;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final Alerts alerts;
  private final SecureRandom random = new SecureRandom();

  public Webhooks(Jdbi jdbi, AuditLog audit, Clock clock, Alerts alerts) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.alerts = alerts;
  }

  /** A new webhook and its secret, which is shown only in this answer. */
  public record Created(Webhook webhook, String secret) {}

  /**
   * Adds a webhook to {@code app}.
   *
   * @param kind {@code json} or {@code slack}; null for json
   * @param events alert types from {@link #TYPES}; null or empty for all
   * @throws ApiException 400 {@code request.invalid_field} naming a bad field, 409 {@code
   *     webhook.too_many} past {@value #MAX_PER_APP}
   */
  public Created create(AppId app, String url, String kind, List<String> events, Principal actor) {
    String target = url(url);
    String form = kind == null ? "json" : kind.toLowerCase(Locale.ROOT);
    if (!form.equals("json") && !form.equals("slack")) {
      throw ApiException.badRequest(
          "request.invalid_field", "kind: expected json or slack, found '" + kind + "'");
    }
    String wanted = events(events);
    String secret = "whsec_" + secretBytes();
    return jdbi.inTransaction(
        handle -> {
          WebhookDao dao = handle.attach(WebhookDao.class);
          if (dao.ofApp(app.name()).size() >= MAX_PER_APP) {
            throw ApiException.conflict(
                "webhook.too_many", app + " has " + MAX_PER_APP + " webhooks, the most allowed");
          }
          long id = dao.insert(app.name(), target, form, wanted, secret, clock.instant());
          audit.record(
              handle,
              actor.actor(),
              "webhook.create",
              app.name(),
              String.valueOf(id),
              form + " " + target + " for " + wanted);
          return new Created(dao.byId(id).orElseThrow(), secret);
        });
  }

  /** The app's webhooks, oldest first. */
  public List<Webhook> list(AppId app) {
    return jdbi.withHandle(handle -> handle.attach(WebhookDao.class).ofApp(app.name()));
  }

  /** Removes a webhook; its pending deliveries are dropped (state failed). */
  public void delete(AppId app, long id, Principal actor) {
    jdbi.useTransaction(
        handle -> {
          WebhookDao dao = handle.attach(WebhookDao.class);
          Webhook webhook = find(dao, app, id);
          dao.delete(webhook.id(), clock.instant());
          dao.dropPending(webhook.id(), "the webhook was removed");
          audit.record(
              handle,
              actor.actor(),
              "webhook.delete",
              app.name(),
              String.valueOf(id),
              webhook.url());
        });
  }

  /** Turns a webhook on or off (off: new alerts are not queued for it). */
  public Webhook setEnabled(AppId app, long id, boolean enabled, Principal actor) {
    return jdbi.inTransaction(
        handle -> {
          WebhookDao dao = handle.attach(WebhookDao.class);
          Webhook webhook = find(dao, app, id);
          dao.setEnabled(webhook.id(), enabled);
          audit.record(
              handle,
              actor.actor(),
              enabled ? "webhook.enable" : "webhook.disable",
              app.name(),
              String.valueOf(id),
              webhook.url());
          return dao.byId(id).orElseThrow();
        });
  }

  /** Queues a test alert for a webhook. */
  public void test(AppId app, long id) {
    jdbi.useTransaction(
        handle -> alerts.test(handle, find(handle.attach(WebhookDao.class), app, id)));
  }

  /** The newest {@code limit} deliveries of a webhook, newest first. */
  public List<Delivery> deliveries(AppId app, long id, int limit) {
    return jdbi.withHandle(
        handle -> {
          WebhookDao dao = handle.attach(WebhookDao.class);
          return dao.deliveries(find(dao, app, id).id(), limit);
        });
  }

  private static Webhook find(WebhookDao dao, AppId app, long id) {
    return dao.find(app.name(), id)
        .orElseThrow(
            () -> ApiException.notFound("webhook.not_found", app + " has no webhook " + id));
  }

  private static String url(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("request.missing_field", "url: required");
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && text.length() <= 2000) {
        return text;
      }
    } catch (URISyntaxException e) {
      // answered below
    }
    throw ApiException.badRequest(
        "request.invalid_field",
        "url: expected an http or https URL of at most 2000 characters, found '" + text + "'");
  }

  private static String events(List<String> events) {
    if (events == null || events.isEmpty()) {
      return "*";
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String type : events) {
      if (!TYPES.contains(type)) {
        throw ApiException.badRequest(
            "request.invalid_field",
            "events: expected types from " + String.join(", ", TYPES) + ", found '" + type + "'");
      }
      wanted.add(type);
    }
    return String.join(",", wanted);
  }

  private String secretBytes() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
