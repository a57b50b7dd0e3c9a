package dev.petrel.server.figures;

import dev.petrel.protocol.Channel;
import dev.petrel.server.releases.Release;
import dev.petrel.server.telemetry.TelemetryRollup;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * How one release reached devices in a window: as patches or as full downloads, from the {@code
 * delta_applied}, {@code download_completed} and {@code delta_failed} events its devices reported,
 * as the daily aggregates sum them (so the figures outlive the raw events' retention).
 *
 * <p>A {@code delta_applied} event is one patch delivery of the {@code patch_size} of the release's
 * patch from the event's {@code from_version_code} (the {@code deltas} row of that release and
 * version code). When there is no such row any more (the patch was removed), or it has no size (it
 * is being made again), the delivery counts 0 bytes and is counted in {@code
 * unsizedPatchDeliveries}. A {@code download_completed} event is one full download of the release's
 * {@code file_size} (0 bytes for an external release published without one).
 *
 * @param patchDeliveries {@code delta_applied} events
 * @param patchBytes the patch bytes they add up to
 * @param unsizedPatchDeliveries deliveries among them whose patch is no longer known (counted 0)
 * @param fullDownloads {@code download_completed} events
 * @param fullBytes {@code fullDownloads × file_size}
 * @param savedBytes what the sized patch deliveries would have cost as full downloads, less what
 *     they cost
 * @param patchHitBasisPoints {@code patchDeliveries * 10000 / (patchDeliveries + fullDownloads)}
 *     rounded down, or null when there were neither
 * @param failed {@code delta_failed} events (a patch could not be used; the device then took the
 *     full file)
 * @param topFailureReasons the most frequent reasons given with them, most frequent first
 */
public record DeltaFigures(
    long patchDeliveries,
    long patchBytes,
    long unsizedPatchDeliveries,
    long fullDownloads,
    long fullBytes,
    long savedBytes,
    Integer patchHitBasisPoints,
    long failed,
    List<Reason> topFailureReasons) {

  /**
   * How often one reason came with {@code delta_failed}.
   *
   * @param reason the reason as the client gave it
   * @param count how many events gave it
   */
  public record Reason(String reason, long count) {}

  /** The figures from raw counts, applying the rules of the class comment. */
  public static DeltaFigures of(
      long patchDeliveries,
      long patchBytes,
      long unsized,
      long fullDownloads,
      Long fileSize,
      long failed,
      List<Reason> reasons) {
    long size = fileSize == null ? 0 : fileSize;
    long attempts = patchDeliveries + fullDownloads;
    return new DeltaFigures(
        patchDeliveries,
        patchBytes,
        unsized,
        fullDownloads,
        fullDownloads * size,
        (patchDeliveries - unsized) * size - patchBytes,
        attempts == 0 ? null : (int) (patchDeliveries * 10_000 / attempts),
        failed,
        reasons);
  }

  /**
   * Reads the figures of {@code release} from the UTC day of {@code from} (epoch milliseconds) on,
   * out of the daily aggregates ({@code telemetry_daily}, {@code telemetry_reasons}), so they stay
   * whole after the raw events are pruned.
   */
  static DeltaFigures read(Handle handle, Release release, Channel channel, long from) {
    String inChannel = channel == null ? "" : "AND t.channel = :channel";
    Query counts =
        handle.createQuery(
            """
            SELECT
              COALESCE(SUM(CASE WHEN t.metric = 'delta_applied' THEN t.n ELSE 0 END), 0) AS applied,
              COALESCE(SUM(CASE WHEN t.metric = 'download_completed' THEN t.n ELSE 0 END), 0)
                AS completed,
              COALESCE(SUM(CASE WHEN t.metric = 'delta_failed' THEN t.n ELSE 0 END), 0) AS failed
            FROM telemetry_daily t
            WHERE t.release_id = :release AND t.day >= :day
              AND t.metric IN ('delta_applied', 'download_completed', 'delta_failed') %s
            """
                .formatted(inChannel));
    // Deliveries by the version code they patched from, each priced at that patch's size; the
    // deliveries left over (no from code, or a patch no longer known or sized) are unsized.
    Query sized =
        handle.createQuery(
            """
            SELECT COALESCE(SUM(a.n), 0) AS deliveries, COALESCE(SUM(a.n * s.size), 0) AS bytes
            FROM (SELECT t.version_code AS code, SUM(t.n) AS n FROM telemetry_daily t
                  WHERE t.release_id = :release AND t.day >= :day AND t.metric = '%s' %s
                  GROUP BY t.version_code) a
            JOIN (SELECT d.from_version_code AS code, MAX(d.patch_size) AS size FROM deltas d
                  WHERE d.release_id = :release AND d.patch_size IS NOT NULL
                  GROUP BY d.from_version_code) s ON s.code = a.code
            """
                .formatted(TelemetryRollup.PATCHED_FROM, inChannel));
    Query reasons =
        handle.createQuery(
            """
            SELECT t.reason AS reason, SUM(t.n) AS n FROM telemetry_reasons t
            WHERE t.release_id = :release AND t.day >= :day AND t.type = 'delta_failed' %s
            GROUP BY t.reason
            ORDER BY n DESC, t.reason
            LIMIT %d
            """
                .formatted(inChannel, Figures.TOP_REASONS));
    for (Query query : List.of(counts, sized, reasons)) {
      query.bind("release", release.id()).bind("day", Figures.day(from));
      if (channel != null) {
        query.bind("channel", channel.wireName());
      }
    }
    long[] sums =
        counts
            .map(
                (rows, ctx) ->
                    new long[] {
                      rows.getLong("applied"), rows.getLong("completed"), rows.getLong("failed")
                    })
            .one();
    long[] priced =
        sized
            .map((rows, ctx) -> new long[] {rows.getLong("deliveries"), rows.getLong("bytes")})
            .one();
    List<Reason> top =
        reasons.map((rows, ctx) -> new Reason(rows.getString("reason"), rows.getLong("n"))).list();
    long unsized = sums[0] - priced[0];
    return of(sums[0], priced[1], unsized, sums[1], release.fileSize(), sums[2], top);
  }
}
