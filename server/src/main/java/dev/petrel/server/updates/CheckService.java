package dev.petrel.server.updates;

import dev.petrel.protocol.AppId;
import dev.petrel.protocol.Channel;
import dev.petrel.server.apps.Apps;
import dev.petrel.server.releases.Release;
import dev.petrel.server.rollouts.AppChannels;
import dev.petrel.server.telemetry.CheckEvent;
import dev.petrel.server.telemetry.CheckSink;
import dev.petrel.server.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Answers checks from the {@link Catalogue} and hands one telemetry event per answer to its {@link
 * CheckSink}. No database round trip happens here. Thread-safe.
 */
public final class CheckService {
  private final Catalogue catalogue;
  private final CheckSink recorder;
  private final Clock clock;
  private final Counter checks;

  /**
   * @param recorder where each answered check goes (the telemetry queue)
   * @param metrics where {@code petrel_checks_total} counts the answers
   */
  public CheckService(Catalogue catalogue, CheckSink recorder, Clock clock, MeterRegistry metrics) {
    this.catalogue = catalogue;
    this.recorder = recorder;
    this.clock = clock;
    this.checks =
        Counter.builder("petrel.checks").description("update checks answered").register(metrics);
  }

  /**
   * What was decided, and from which catalogue snapshot.
   *
   * @param snapshot the catalogue the decision read
   * @param outcome the decision
   * @param recall what the device is told about its recalled release, or null when it was not
   *     recalled
   * @param installedVersionCode the device's installed version code, or null when it sent none
   */
  public record Result(
      Catalogue.Snapshot snapshot,
      CheckDecision.Outcome outcome,
      RecallNotice recall,
      Long installedVersionCode) {
    /** The release the device is offered: the decision's, or the downgrade of a recall. */
    Release offered() {
      return outcome.offered() != null
          ? outcome.offered()
          : recall == null ? null : recall.downgradeTo();
    }
  }

  /**
   * Decides what to offer and records the check.
   *
   * @throws ApiException 404 {@code app.not_found}, 400 {@code request.invalid_field} for a channel
   *     the app does not have
   */
  public Result check(CheckQuery query) {
    Catalogue.Snapshot snapshot = catalogue.snapshot();
    if (!snapshot.apps().contains(query.app())) {
      throw Apps.notFound(query.app());
    }
    AppChannels channels = snapshot.rollouts().channels(query.app());
    Set<Channel> receivable = channels.receivedBy(query.channel());
    if (receivable == null) {
      throw unknownChannel(query.app(), query.channel(), channels);
    }
    Instant now = clock.instant();
    CheckDecision.Outcome outcome =
        CheckDecision.decide(
            query,
            snapshot.releases(query.app(), query.platform()),
            receivable,
            snapshot.rollouts(),
            now);
    Result result =
        new Result(
            snapshot,
            outcome,
            RecallNotice.of(query, outcome, snapshot, now),
            query.currentVersionCode());
    Release offered = result.offered();
    checks.increment();
    recorder.record(
        new CheckEvent(
            query.app().name(),
            query.platform().name(),
            query.channel().wireName(),
            query.device() == null ? null : query.device().value(),
            query.currentVersion().toString(),
            query.currentVersionCode(),
            offered == null ? null : offered.id(),
            offered == null ? null : offered.version().toString(),
            now));
    return result;
  }

  /** 400 {@code request.invalid_field}: {@code app} has no channel {@code channel}. */
  static ApiException unknownChannel(AppId app, Channel channel, AppChannels channels) {
    return ApiException.badRequest(
        "request.invalid_field",
        "channel: app '"
            + app
            + "' has no channel '"
            + channel
            + "'; its channels are "
            + String.join(", ", channels.names()));
  }
}
