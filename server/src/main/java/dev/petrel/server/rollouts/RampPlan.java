package dev.petrel.server.rollouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.web.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A ramp plan: steps of strictly increasing share, each with a minimum dwell. The advancer raises a
 * release to the first step above its current share once the release has stayed healthy at its
 * current share for the dwell of the step it is on (the last step whose share it has reached; a
 * release below the first step moves to it at once). Manual share changes therefore compose with a
 * plan: the plan continues from wherever the share is. Immutable.
 *
 * @param steps 1–20 steps, shares strictly increasing within 1–10000
 */
public record RampPlan(List<RampStep> steps) {
  /** Most steps a plan may have. */
  public static final int MAX_STEPS = 20;

  /**
   * @throws ApiException 400 {@code rollout.invalid_plan} naming the first bad step
   */
  public RampPlan {
    steps = List.copyOf(steps);
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw invalid("steps: expected 1 to " + MAX_STEPS + " steps, found " + steps.size());
    }
    int previous = 0;
    for (int i = 0; i < steps.size(); i++) {
      RampStep step = steps.get(i);
      if (step.basisPoints() < 1 || step.basisPoints() > RolloutBucket.BUCKETS) {
        throw invalid(
            "steps[" + i + "].basis_points: expected 1 to 10000, found " + step.basisPoints());
      }
      if (step.basisPoints() <= previous) {
        throw invalid(
            "steps["
                + i
                + "].basis_points: expected more than the step before ("
                + previous
                + "), found "
                + step.basisPoints());
      }
      if (step.minDwellMinutes() < 0 || step.minDwellMinutes() > RampStep.MAX_DWELL_MINUTES) {
        throw invalid(
            "steps["
                + i
                + "].min_dwell_minutes: expected 0 to "
                + RampStep.MAX_DWELL_MINUTES
                + ", found "
                + step.minDwellMinutes());
      }
      previous = step.basisPoints();
    }
  }

  /** The step a release at {@code basisPoints} is on, or null when it is below the first step. */
  public RampStep current(int basisPoints) {
    RampStep current = null;
    for (RampStep step : steps) {
      if (step.basisPoints() <= basisPoints) {
        current = step;
      }
    }
    return current;
  }

  /** The first step above {@code basisPoints}, or null when the plan is done. */
  public RampStep next(int basisPoints) {
    for (RampStep step : steps) {
      if (step.basisPoints() > basisPoints) {
        return step;
      }
    }
    return null;
  }

  /**
   * The ramp plan in the array {@code field} of a JSON object body (as publish's {@code ramp}), or
   * null when the body has no such field.
   *
   * @throws ApiException 400 when it is not an array of valid steps
   */
  public static RampPlan read(ObjectMapper mapper, byte[] body, String field) {
    JsonNode node;
    try {
      node = mapper.readTree(body).get(field);
    } catch (IOException e) {
      throw ApiException.badRequest("request.malformed_json", "the body is not valid JSON");
    }
    if (node == null || node.isNull()) {
      return null;
    }
    return RolloutRequests.plan(RolloutRequests.objects(mapper, body, field, MAX_STEPS), field);
  }

  /** The stored form, {@code "100:1440,1000:1440,10000:0"}. */
  public String encode() {
    StringBuilder text = new StringBuilder();
    for (RampStep step : steps) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(step.basisPoints()).append(':').append(step.minDwellMinutes());
    }
    return text.toString();
  }

  /** Reads the stored form; null for null. */
  public static RampPlan decode(String text) {
    if (text == null) {
      return null;
    }
    List<RampStep> steps = new ArrayList<>();
    for (String part : text.split(",")) {
      int colon = part.indexOf(':');
      steps.add(
          new RampStep(
              Integer.parseInt(part.substring(0, colon)),
              Integer.parseInt(part.substring(colon + 1))));
    }
    return new RampPlan(steps);
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest("rollout.invalid_plan", message);
  }
}
