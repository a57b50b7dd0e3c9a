package dev.petrel.server.updates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.petrel.server.artifacts.DownloadLinks;
import dev.petrel.server.deltas.Delta;
import dev.petrel.server.releases.Release;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Check answers as JSON bytes, rendered once per catalogue snapshot and outcome: every device
 * offered the same release in the same situation gets the same bytes, so the hot path copies them
 * instead of serialising. The cache belongs to one snapshot and is replaced when the catalogue
 * changes, so it holds at most a few entries per release. Thread-safe.
 *
 * <p>Only the bytes are cached, never the decision: each check decides anew against the clock and
 * the key holds everything the bytes depend on, so a release scheduled for later, or a rollout
 * paused since, is never answered from a stale entry.
 */
final class RenderedAnswers {
  /** The seed and v1 answers differ in shape. */
  enum Format {
    SEED,
    V1
  }

  /** Everything an answer's bytes depend on, given its snapshot. */
  private record Key(
      Format format,
      long offeredId,
      long newestLiveId,
      boolean mandatory,
      boolean recalled,
      long recalledId,
      long downgradeId,
      long deltaId) {}

  private record Cache(Catalogue.Snapshot snapshot, Map<Key, byte[]> answers) {}

  private final DownloadLinks links;
  private final ObjectMapper mapper;
  private volatile Cache cache = new Cache(null, Map.of());

  RenderedAnswers(DownloadLinks links, ObjectMapper mapper) {
    this.links = links;
    this.mapper = mapper;
  }

  /** The answer to {@code result} in {@code format}. */
  byte[] render(Format format, CheckService.Result result) {
    Cache current = cache;
    if (current.snapshot() != result.snapshot()) {
      current = new Cache(result.snapshot(), new ConcurrentHashMap<>());
      cache = current;
    }
    CheckDecision.Outcome outcome = result.outcome();
    Delta delta = format == Format.V1 ? delta(result) : null;
    Key key =
        new Key(
            format,
            idOf(outcome.offered()),
            outcome.offered() == null ? idOf(outcome.newestLive()) : 0,
            outcome.mandatory(),
            outcome.currentRecalled(),
            result.recall() == null ? -1 : result.recall().recalled().id(),
            result.recall() == null ? -1 : idOf(result.recall().downgradeTo()),
            delta == null ? -1 : delta.id());
    return current.answers().computeIfAbsent(key, unused -> serialise(format, result, delta));
  }

  /** The ready patch from the device's installed release to the offered one, if any. */
  private static Delta delta(CheckService.Result result) {
    Release offered = result.offered();
    if (offered == null || result.installedVersionCode() == null) {
      return null;
    }
    return result.snapshot().delta(offered.id(), result.installedVersionCode());
  }

  private byte[] serialise(Format format, CheckService.Result result, Delta delta) {
    Object answer =
        format == Format.SEED
            ? CheckAnswers.seed(result.outcome(), links)
            : CheckAnswers.v1(result.outcome(), result.recall(), links, delta);
    try {
      return mapper.writeValueAsBytes(answer);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a check answer", e);
    }
  }

  private static long idOf(Release release) {
    return release == null ? -1 : release.id();
  }
}
