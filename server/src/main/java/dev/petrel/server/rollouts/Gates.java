package dev.petrel.server.rollouts;

import dev.petrel.protocol.AppId;
import dev.petrel.server.audit.AuditLog;
import dev.petrel.server.auth.Principal;
import dev.petrel.server.releases.Release;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Sets and removes releases' statistical gates ({@link GateRow}); each change is one transaction
 * with its rollout history entry ({@code gate}, {@code gate_removed}) and audit row. The {@link
 * HealthMonitor} and the {@link RampAdvancer} apply the gates. Thread-safe.
 */
public final class Gates {
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Clock clock;

  public Gates(Jdbi jdbi, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Gives release {@code id} the gate {@code gate} (its release id is taken from {@code id}),
   * replacing any it had.
   *
   * @throws dev.petrel.server.web.ApiException 404 {@code release.not_found}
   */
  public void set(AppId app, long id, GateRow gate, String reason, Principal actor) {
    GateRow row =
        new GateRow(
            id,
            gate.haltConfidenceBp(),
            gate.advanceConfidenceBp(),
            gate.marginBp(),
            gate.minTrials());
    change(app, id, "gate", row, reason, actor);
  }

  /** Removes release {@code id}'s gate; nothing happens when it has none. */
  public void remove(AppId app, long id, String reason, Principal actor) {
    change(app, id, "gate_removed", null, reason, actor);
  }

  private void change(
      AppId app, long id, String action, GateRow next, String reason, Principal actor) {
    jdbi.useTransaction(
        handle -> {
          Release release = Rollouts.release(handle, app, id);
          GateDao gates = handle.attach(GateDao.class);
          GateRow before = gates.find(release.id()).orElse(null);
          if (next == null && before == null || next != null && next.equals(before)) {
            return;
          }
          gates.delete(release.id());
          if (next != null) {
            gates.insert(next);
          }
          Instant now = clock.instant();
          String from = before == null ? null : before.describe();
          String to = next == null ? null : next.describe();
          handle
              .attach(RolloutDao.class)
              .addHistory(new HistoryEntry(0, id, now, actor.actor(), action, from, to, reason));
          audit.record(
              handle,
              actor.actor(),
              "rollout." + action,
              app.name(),
              String.valueOf(id),
              from + " -> " + to + (reason == null ? "" : " (" + reason + ")"));
        });
  }
}
