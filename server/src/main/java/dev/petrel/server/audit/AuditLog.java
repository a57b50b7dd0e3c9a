package dev.petrel.server.audit;

import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Writes who changed what. Callers pass the {@link Handle} of the transaction that makes the
 * change, so the change and its audit row commit or roll back together.
 */
public final class AuditLog {
  private static final int MAX_DETAIL = 4000;

  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param actor who acted, e.g. {@code token:3:ci} or {@code system}
   * @param action a stable dotted name, e.g. {@code release.publish}
   * @param appId the app concerned, or null
   * @param target what was acted on, e.g. a release id
   * @param detail free text, cut to 4000 characters
   */
  public void record(
      Handle handle, String actor, String action, String appId, String target, String detail) {
    String cut =
        detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
    handle
        .createUpdate(
            """
            INSERT INTO audit_log (at, actor, action, app_id, target, detail)
            VALUES (:at, :actor, :action, :appId, :target, :detail)
            """)
        .bind("at", clock.millis())
        .bind("actor", actor)
        .bind("action", action)
        .bind("appId", appId)
        .bind("target", target)
        .bind("detail", cut)
        .execute();
  }
}
