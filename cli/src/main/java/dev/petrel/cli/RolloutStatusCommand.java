package dev.petrel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code petrel rollout status}: state, share, plan, health policy and history of a release. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows a release's rollout (viewer): state, share, ramp plan, health policy, history.")
final class RolloutStatusCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin ReleaseIdOptions release;

  @Override
  public Integer call() {
    JsonNode rollout = server.api().get(release.path() + "/rollout").path("rollout");
    PrintWriter out = spec.commandLine().getOut();
    printSummary(out, rollout);
    if (rollout.path("needs_attention").asBoolean()) {
      out.println("NEEDS ATTENTION: " + rollout.path("attention_reason").asText());
    }
    if (!rollout.path("experiment_id").isNull()) {
      out.println("experiment " + rollout.path("experiment_id").asText() + " decides who gets it");
    }
    printPlan(out, rollout);
    printHealth(out, rollout);
    out.println("history (newest first):");
    Table table = new Table("AT", "ACTOR", "ACTION", "FROM", "TO", "REASON");
    for (JsonNode entry : rollout.path("history")) {
      table.row(
          entry.path("at").asText(),
          entry.path("actor").asText(),
          entry.path("action").asText(),
          entry.path("from").asText("-"),
          entry.path("to").asText("-"),
          entry.path("reason").asText("-"));
    }
    table.print(out);
    out.flush();
    return 0;
  }

  /** Adds {@code reason} to a request body when given. */
  static void reason(ObjectNode body, String reason) {
    if (reason != null) {
      body.put("reason", reason);
    }
  }

  /** One line: when the server halts the release. */
  static void printHealth(PrintWriter out, JsonNode rollout) {
    JsonNode policy = rollout.path("health_policy");
    out.println(
        "health: halt above "
            + RolloutShare.percent(policy.path("max_failure_basis_points").asInt())
            + " failed installs with at least "
            + policy.path("min_attempts").asInt()
            + " attempts over "
            + RolloutShare.dwell(policy.path("window_minutes").asInt())
            + (policy.path("auto_recall").asBoolean() ? ", then recall" : ""));
    out.flush();
  }

  /** One line: release, version, state and share. */
  static void printSummary(PrintWriter out, JsonNode rollout) {
    out.println(
        "release "
            + rollout.path("release_id").asText()
            + " ("
            + rollout.path("app").asText()
            + " "
            + rollout.path("version").asText()
            + " for "
            + rollout.path("platform").asText()
            + " on "
            + rollout.path("channel").asText()
            + "): "
            + rollout.path("state").asText()
            + " at "
            + RolloutShare.percent(rollout.path("basis_points").asInt()));
    out.flush();
  }

  /** The ramp plan, one step a line, marking the step reached and when the next is due. */
  static void printPlan(PrintWriter out, JsonNode rollout) {
    JsonNode plan = rollout.path("plan");
    if (plan.isNull() || plan.isMissingNode()) {
      out.println("ramp plan: none");
      out.flush();
      return;
    }
    out.println("ramp plan:");
    int current = plan.path("current_step").isNull() ? -1 : plan.path("current_step").asInt();
    JsonNode steps = plan.path("steps");
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      out.println(
          (i == current ? "  > " : "    ")
              + RolloutShare.percent(step.path("basis_points").asInt())
              + (i + 1 < steps.size()
                  ? " for at least " + RolloutShare.dwell(step.path("min_dwell_minutes").asInt())
                  : ""));
    }
    String due = plan.path("next_step_due_at").asText(null);
    if (!plan.path("next_step_basis_points").isNull()) {
      out.println(
          "  next: "
              + RolloutShare.percent(plan.path("next_step_basis_points").asInt())
              + (due == null ? ", waiting (rollout not running)" : " due at " + due));
    }
    out.flush();
  }
}
