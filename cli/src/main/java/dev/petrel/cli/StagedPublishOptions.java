package dev.petrel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The rollout options of {@code petrel publish}: the starting share, a ramp plan and a publish
 * time. Each is checked as the command line is read, before anything is uploaded.
 */
final class StagedPublishOptions {
  /** One {@code SHARE[:DWELL]} step. */
  record Step(int basisPoints, int minDwellMinutes) {}

  /** Reads {@code --ramp-step}. */
  static final class StepConverter implements CommandLine.ITypeConverter<Step> {
    @Override
    public Step convert(String text) {
      int colon = text.indexOf(':');
      return new Step(
          RolloutShare.basisPoints(colon < 0 ? text : text.substring(0, colon)),
          colon < 0 ? 0 : RolloutShare.minutes(text.substring(colon + 1)));
    }
  }

  /** Reads {@code --publish-at}. */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "expected an ISO-8601 instant like 2026-11-24T09:00:00Z, found '" + text + "'");
      }
    }
  }

  @Option(
      names = "--share",
      paramLabel = "SHARE",
      converter = RolloutShare.Converter.class,
      description =
          "Offer it to this share of devices at first: 10%%, 0.5%% or 1000bp (default: the first"
              + " ramp step, else 100%%).")
  Integer share;

  @Option(
      names = "--ramp-step",
      paramLabel = "SHARE[:DWELL]",
      converter = StepConverter.class,
      description =
          "A ramp step the server follows by itself while the release stays healthy, e.g."
              + " --ramp-step 1%%:24h --ramp-step 10%%:24h --ramp-step 100%%. Repeat, in increasing"
              + " share.")
  List<Step> ramp;

  @Option(
      names = "--publish-at",
      paramLabel = "INSTANT",
      converter = InstantConverter.class,
      description = "Go live at this time (ISO-8601, e.g. 2026-11-24T09:00:00Z) instead of now.")
  Instant publishAt;

  /** Adds the options given to a publish request body. */
  void addTo(ObjectNode body) {
    if (share != null) {
      body.put("rollout_basis_points", share);
    }
    if (ramp != null && !ramp.isEmpty()) {
      ArrayNode steps = body.putArray("ramp");
      for (Step step : ramp) {
        steps
            .addObject()
            .put("basis_points", step.basisPoints())
            .put("min_dwell_minutes", step.minDwellMinutes());
      }
    }
    if (publishAt != null) {
      body.put("publish_at", publishAt.toString());
    }
  }
}
