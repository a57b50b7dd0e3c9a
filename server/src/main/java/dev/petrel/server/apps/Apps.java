package dev.petrel.server.apps;

import dev.petrel.protocol.AppId;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.web.ApiException;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Creates and reads apps. Thread-safe. */
public final class Apps {
  private static final int MAX_NAME = 200;

  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;
  private final Runnable onChange;

  /**
   * @param onChange run after a change commits (the catalogue reloads)
   */
  public Apps(Jdbi jdbi, AuditLog audit, Clock clock, Runnable onChange) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
    this.onChange = onChange;
  }

  /**
   * Creates an app.
   *
   * @throws ApiException 409 {@code app.exists} when the id is taken, 400 for a bad name
   */
  public App create(AppId id, String name, Principal actor) {
    String displayName = name == null || name.isBlank() ? id.name() : name.strip();
    if (displayName.length() > MAX_NAME) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "name: expected at most " + MAX_NAME + " characters, found " + displayName.length());
    }
    App app =
        jdbi.inTransaction(
            handle -> {
              AppDao dao = handle.attach(AppDao.class);
              if (dao.find(id).isPresent()) {
                throw ApiException.conflict(
                    "app.exists", "an app with id '" + id + "' exists already");
              }
              dao.insert(id, displayName, clock.instant());
              audit.record(handle, actor.actor(), "app.create", id.name(), id.name(), displayName);
              return dao.find(id).orElseThrow();
            });
    onChange.run();
    return app;
  }

  /**
   * @throws ApiException 404 {@code app.not_found}
   */
  public App get(AppId id) {
    return jdbi.withExtension(AppDao.class, dao -> dao.find(id)).orElseThrow(() -> notFound(id));
  }

  public List<App> list() {
    return jdbi.withExtension(AppDao.class, AppDao::list);
  }

  /** The 404 answer for an app that does not exist. */
  public static ApiException notFound(AppId id) {
    return ApiException.notFound("app.not_found", "no app with id '" + id + "'");
  }
}
