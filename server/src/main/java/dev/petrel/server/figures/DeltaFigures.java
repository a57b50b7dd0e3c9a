package dev.petrel.server.figures;

import dev.petrel.protocol.Channel;
import dev.petrel.server.releases.Release;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * How one release reached devices in a window: as patches or as full downloads, from the {@code
 * delta_applied}, {@code download_completed} and {@code delta_failed} events its devices reported.
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

  /** Reads the figures of {@code release} from {@code from} (epoch milliseconds) on. */
  static DeltaFigures read(Handle handle, Release release, Channel channel, long from) {
    String inChannel = channel == null ? "" : "AND e.channel = :channel";
    // The patch's size per event; MAX makes one number of the (unique) row, or NULL without one.
    Query patches =
        handle.createQuery(
            """
            SELECT COUNT(*) AS deliveries,
              COALESCE(SUM(size), 0) AS bytes,
              COALESCE(SUM(CASE WHEN size IS NULL THEN 1 ELSE 0 END), 0) AS unsized
            FROM (
              SELECT (SELECT MAX(d.patch_size) FROM deltas d
                      WHERE d.release_id = e.release_id
                        AND d.from_version_code = e.from_version_code) AS size
              FROM client_events e
              WHERE e.release_id = :release AND e.occurred_at >= :since
                AND e.type = 'delta_applied' %s
            ) applied
            """
                .formatted(inChannel));
    Query counts =
        handle.createQuery(
            """
            SELECT
              COALESCE(SUM(CASE WHEN e.type = 'download_completed' THEN 1 ELSE 0 END), 0) AS completed,
              COALESCE(SUM(CASE WHEN e.type = 'delta_failed' THEN 1 ELSE 0 END), 0) AS failed
            FROM client_events e
            WHERE e.release_id = :release AND e.occurred_at >= :since
              AND e.type IN ('download_completed', 'delta_failed') %s
            """
                .formatted(inChannel));
    Query reasons =
        handle.createQuery(
            """
            SELECT e.reason AS reason, COUNT(*) AS n FROM client_events e
            WHERE e.release_id = :release AND e.occurred_at >= :since
              AND e.type = 'delta_failed' AND e.reason IS NOT NULL %s
            GROUP BY e.reason
            ORDER BY n DESC, e.reason
            LIMIT %d
            """
                .formatted(inChannel, Figures.TOP_REASONS));
    for (Query query : List.of(patches, counts, reasons)) {
      query.bind("release", release.id()).bind("since", from);
      if (channel != null) {
        query.bind("channel", channel.wireName());
      }
    }
    long[] applied =
        patches
            .map(
                (rows, ctx) ->
                    new long[] {
                      rows.getLong("deliveries"), rows.getLong("bytes"), rows.getLong("unsized")
                    })
            .one();
    long[] other =
        counts
            .map((rows, ctx) -> new long[] {rows.getLong("completed"), rows.getLong("failed")})
            .one();
    List<Reason> top =
        reasons.map((rows, ctx) -> new Reason(rows.getString("reason"), rows.getLong("n"))).list();
    return of(applied[0], applied[1], applied[2], other[0], release.fileSize(), other[1], top);
  }
}
