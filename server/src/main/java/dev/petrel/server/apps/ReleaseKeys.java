package dev.petrel.server.apps;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.ReleasePublicKey;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * An app's release keys and whether it requires signed releases. Keeps one rule: an app that
 * requires signatures always has an active key. Keys are never deleted, only marked removed, so the
 * statements of old releases stay attributable. Every change is audited. Thread-safe.
 */
public final class ReleaseKeys {
  /** Most keys one request may add. */
  public static final int MAX_KEYS_PER_REQUEST = 20;

  /** Most active keys an app may have. */
  public static final int MAX_ACTIVE_KEYS = 100;

  private static final int MAX_LABEL = 100;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public ReleaseKeys(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /** What {@link #add} did: the keys it added, and all active keys of the app afterwards. */
  public record Added(List<ReleaseKey> added, List<ReleaseKey> active) {}

  /**
   * Registers {@code keys} with {@code app}, all or none. Keys that are active already are left as
   * they are (adding is idempotent, so a rotation script may repeat itself).
   *
   * @param label what to call the keys, or null
   * @throws ApiException 404 {@code app.not_found}; 409 {@code key.removed} when a key was removed
   *     from the app before (a removed key stays removed); 409 {@code key.too_many} when the app
   *     would have more than {@value #MAX_ACTIVE_KEYS} active keys; 400 for a bad label
   */
  public Added add(AppId app, List<ReleasePublicKey> keys, String label, Principal actor) {
    String cleanLabel = label(label);
    List<ReleasePublicKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
    return jdbi.inTransaction(
        handle -> {
          lockApp(handle, app);
          ReleaseKeyDao dao = handle.attach(ReleaseKeyDao.class);
          List<ReleasePublicKey> fresh = new ArrayList<>();
          for (ReleasePublicKey key : distinct) {
            Optional<ReleaseKey> known = dao.findByPublicKey(app, key.base64());
            if (known.isPresent() && !known.get().active()) {
              throw ApiException.conflict(
                  "key.removed",
                  "key "
                      + key.id()
                      + " was removed from app '"
                      + app
                      + "'; a removed key cannot be added again, generate a new one");
            }
            if (known.isEmpty()) {
              fresh.add(key);
            }
          }
          int total = dao.countActive(app) + fresh.size();
          if (total > MAX_ACTIVE_KEYS) {
            throw ApiException.conflict(
                "key.too_many",
                "app '"
                    + app
                    + "' would have "
                    + total
                    + " active release keys; at most "
                    + MAX_ACTIVE_KEYS
                    + " are allowed, remove old ones first");
          }
          Instant now = clock.instant();
          List<ReleaseKey> added = new ArrayList<>();
          for (ReleasePublicKey key : fresh) {
            dao.insert(app, key.id(), key.base64(), cleanLabel, now);
            String detail =
                "public_key=" + key.base64() + (cleanLabel == null ? "" : " label=" + cleanLabel);
            audit.record(handle, actor.actor(), "key.add", app.name(), key.id(), detail);
            added.add(dao.findByKeyId(app, key.id()).orElseThrow());
          }
          return new Added(added, dao.active(app));
        });
  }

  /**
   * The app's keys, oldest first: the active ones, or all of them with the removed ones.
   *
   * @throws ApiException 404 {@code app.not_found}
   */
  public List<ReleaseKey> list(AppId app, boolean includeRemoved) {
    return jdbi.inTransaction(
        handle -> {
          if (handle.attach(AppDao.class).find(app).isEmpty()) {
            throw Apps.notFound(app);
          }
          ReleaseKeyDao dao = handle.attach(ReleaseKeyDao.class);
          return includeRemoved ? dao.all(app) : dao.active(app);
        });
  }

  /**
   * Marks a key removed; it can no longer sign new releases. Removing a removed key changes nothing
   * and answers the same.
   *
   * @throws ApiException 404 {@code app.not_found} or {@code key.not_found}; 409 {@code
   *     key.last_active} when it is the last active key of an app that requires signatures
   */
  public ReleaseKey remove(AppId app, String keyId, Principal actor) {
    return jdbi.inTransaction(
        handle -> {
          App locked = lockApp(handle, app);
          ReleaseKeyDao dao = handle.attach(ReleaseKeyDao.class);
          ReleaseKey key =
              dao.findByKeyId(app, keyId)
                  .orElseThrow(
                      () ->
                          ApiException.notFound(
                              "key.not_found", "app '" + app + "' has no release key " + keyId));
          if (!key.active()) {
            return key;
          }
          if (locked.requireSignatures() && dao.countActive(app) == 1) {
            throw ApiException.conflict(
                "key.last_active",
                "key "
                    + keyId
                    + " is the last active release key of app '"
                    + app
                    + "', which requires signatures; add its successor first, or stop requiring"
                    + " signatures");
          }
          dao.markRemoved(app, keyId, clock.instant());
          audit.record(handle, actor.actor(), "key.remove", app.name(), keyId, key.publicKey());
          return dao.findByKeyId(app, keyId).orElseThrow();
        });
  }

  /**
   * Sets whether the app refuses unsigned releases. Setting the current value changes nothing.
   *
   * @throws ApiException 404 {@code app.not_found}; 409 {@code app.no_release_keys} when turning it
   *     on for an app without an active key
   */
  public App requireSignatures(AppId app, boolean require, Principal actor) {
    return jdbi.inTransaction(
        handle -> {
          App locked = lockApp(handle, app);
          if (locked.requireSignatures() == require) {
            return locked;
          }
          if (require && handle.attach(ReleaseKeyDao.class).countActive(app) == 0) {
            throw ApiException.conflict(
                "app.no_release_keys",
                "app '" + app + "' has no active release key; add one before requiring signatures");
          }
          AppDao apps = handle.attach(AppDao.class);
          apps.setRequireSignatures(app, require);
          audit.record(
              handle,
              actor.actor(),
              "app.update",
              app.name(),
              app.name(),
              "require_signatures=" + require);
          return apps.find(app).orElseThrow();
        });
  }

  /**
   * What a publish of {@code app} must satisfy, read in its own transaction.
   *
   * @throws ApiException 404 {@code app.not_found}
   */
  public SigningPolicy signingPolicy(AppId app) {
    return jdbi.inTransaction(handle -> signingPolicy(handle, app));
  }

  /**
   * What a publish of {@code app} must satisfy, read in the caller's transaction (the publish path
   * reads it where it stores the release).
   *
   * @throws ApiException 404 {@code app.not_found}
   */
  public static SigningPolicy signingPolicy(Handle handle, AppId app) {
    App found = handle.attach(AppDao.class).find(app).orElseThrow(() -> Apps.notFound(app));
    List<ReleasePublicKey> keys =
        handle.attach(ReleaseKeyDao.class).active(app).stream()
            .map(key -> ReleasePublicKey.parse("public_key", key.publicKey()))
            .toList();
    return new SigningPolicy(app, found.requireSignatures(), keys);
  }

  private static App lockApp(Handle handle, AppId app) {
    AppDao apps = handle.attach(AppDao.class);
    if (apps.lock(app) == 0) {
      throw Apps.notFound(app);
    }
    return apps.find(app).orElseThrow();
  }

  private static String label(String label) {
    if (label == null || label.isBlank()) {
      return null;
    }
    String stripped = label.strip();
    if (stripped.length() > MAX_LABEL) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "label: expected at most " + MAX_LABEL + " characters, found " + stripped.length());
    }
    return stripped;
  }
}
