package dev.petrel.server.rollouts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.protocol.RolloutBucket;
import dev.petrel.server.web.ApiException;
import dev.petrel.server.web.JsonFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bodies of the rollout API. Flat bodies go through {@link JsonFields}; ramp steps and
 * experiment arms (arrays of objects) through a tree, read only after {@link JsonFields} accepted
 * the body as one JSON object. Javalin bounds every body to 1 MiB before this runs.
 */
final class RolloutRequests {
  private RolloutRequests() {}

  /** The optional {@code reason}, at most {@link Rollouts#MAX_REASON} characters. */
  static String reason(JsonFields body) {
    String reason = body.optionalText("reason");
    if (reason != null && reason.length() > Rollouts.MAX_REASON) {
      throw ApiException.badRequest(
          "request.invalid_field",
          "reason: expected at most "
              + Rollouts.MAX_REASON
              + " characters, found "
              + reason.length());
    }
    return reason == null || reason.isBlank() ? null : reason;
  }

  /** A share in basis points, 0–10000. */
  static int basisPoints(String field, Long value) {
    if (value == null) {
      throw ApiException.badRequest("request.missing_field", field + ": required, found nothing");
    }
    if (value < 0 || value > RolloutBucket.BUCKETS) {
      throw ApiException.badRequest(
          "request.invalid_field", field + ": expected 0 to 10000 basis points, found " + value);
    }
    return value.intValue();
  }

  /** The array of objects {@code field} of a body {@link JsonFields} accepted. */
  static JsonNode objects(ObjectMapper mapper, byte[] body, String field, int max) {
    JsonNode array;
    try {
      array = mapper.readTree(body).get(field);
    } catch (IOException e) {
      throw ApiException.badRequest("request.malformed_json", "the body is not valid JSON");
    }
    if (array == null || array.isNull()) {
      throw ApiException.badRequest("request.missing_field", field + ": required, found nothing");
    }
    if (!array.isArray()) {
      throw ApiException.badRequest(
          "request.invalid_field", field + ": expected an array, found " + array.getNodeType());
    }
    if (array.size() > max) {
      throw ApiException.badRequest(
          "request.invalid_field",
          field + ": expected at most " + max + " entries, found " + array.size());
    }
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isObject()) {
        throw ApiException.badRequest(
            "request.invalid_field", field + "[" + i + "]: expected an object");
      }
    }
    return array;
  }

  /** An integer member of an array entry; {@code fallback} when absent (null: required). */
  static long integer(JsonNode entry, String at, String name, Long fallback) {
    JsonNode value = entry.get(name);
    if (value == null || value.isNull()) {
      if (fallback == null) {
        throw ApiException.badRequest(
            "request.missing_field", at + "." + name + ": required, found nothing");
      }
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw ApiException.badRequest(
          "request.invalid_field", at + "." + name + ": expected an integer, found " + value);
    }
    return value.longValue();
  }

  /** The {@code steps} of a ramp plan body. */
  static RampPlan plan(ObjectMapper mapper, byte[] body) {
    return plan(objects(mapper, body, "steps", RampPlan.MAX_STEPS), "steps");
  }

  /** The ramp steps in the array {@code steps}, named {@code field} in messages. */
  static RampPlan plan(JsonNode steps, String field) {
    List<RampStep> parsed = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      String at = field + "[" + i + "]";
      long share = integer(steps.get(i), at, "basis_points", null);
      long dwell = integer(steps.get(i), at, "min_dwell_minutes", 0L);
      parsed.add(new RampStep(clamp(share), clamp(dwell)));
    }
    return new RampPlan(parsed);
  }

  /** Out-of-int values become one that {@link RampPlan} refuses with its own message. */
  private static int clamp(long value) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  /** A health policy body; absent fields take the defaults. */
  static HealthPolicy healthPolicy(JsonFields body) {
    HealthPolicy defaults = HealthPolicy.DEFAULT;
    return new HealthPolicy(
        intOr(
            body.optionalNonNegativeLong("max_failure_basis_points"),
            defaults.maxFailureBasisPoints()),
        intOr(body.optionalNonNegativeLong("min_attempts"), defaults.minAttempts()),
        intOr(body.optionalNonNegativeLong("window_minutes"), defaults.windowMinutes()),
        body.optionalBoolean("auto_recall", defaults.autoRecall()));
  }

  private static int intOr(Long value, int fallback) {
    return value == null ? fallback : clamp(value);
  }
}
