package dev.petrel.server.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds raw telemetry rows into what the figures read (tables of migrations V12 and V16): daily
 * sums in {@code telemetry_daily} and {@code telemetry_reasons}, the last day each device was seen
 * in each role in {@code device_marks}, the last day each device was seen running a version and the
 * channels it was seen in that day in {@code device_adoption} (a device's first sighting of a day,
 * over all channels and in each channel, adds one to that day's {@code devices}), and each device's
 * latest state in {@code device_state}.
 *
 * <p>Collect a batch with {@link #check} and {@link #event}, then {@link #write} it in the
 * transaction that inserts the same raw rows, so that sums and raw rows never disagree. Only rows
 * new to the database may be added (a resent client event must not count twice). Every statement is
 * an upsert that adds to what is stored, so batches from several nodes combine. Not thread-safe.
 */
public final class TelemetryRollup {
  /** Failure types whose reasons are summed for a release's top reasons. */
  static final Set<ClientEventType> REASON_TYPES =
      Set.of(
          ClientEventType.DOWNLOAD_FAILED,
          ClientEventType.INSTALL_FAILED,
          ClientEventType.REVERTED,
          ClientEventType.CRASHED_ON_START,
          ClientEventType.DELTA_FAILED);

  /**
   * The {@code telemetry_daily} metric counting {@code delta_applied} events by the version code
   * the patch started from (in {@code version_code}; see migration V15), for the patch bytes of a
   * release's delta figures.
   */
  public static final String PATCHED_FROM = "delta_applied_from";

  /** The channel of the adoption rows that count a device once over all channels. */
  public static final String ALL_CHANNELS = "*";

  private static final long DAY_MILLIS = 86_400_000L;

  private static final Comparator<Object[]> ROW_ORDER = TelemetryRollup::compareRows;

  private final Map<List<Object>, Long> daily = new HashMap<>();
  private final Map<List<Object>, Long> reasons = new HashMap<>();
  private final Map<List<Object>, Long> marks = new HashMap<>();
  private final DeviceAdoption adoption = new DeviceAdoption();
  private final Map<List<Object>, Object[]> states = new HashMap<>();

  /** The UTC day (days since 1970-01-01) of {@code at}. */
  public static long day(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), DAY_MILLIS);
  }

  /** {@code version} without its {@code +build} part, as adoption shows it. */
  public static String withoutBuild(String version) {
    int plus = version.indexOf('+');
    return plus < 0 ? version : version.substring(0, plus);
  }

  /** The {@code device_marks} subject of devices that ran a version (see migration V12). */
  public static String ranSubject(String platform, Long versionCode, String version) {
    return versionCode == null ? platform + " v" + version : platform + " c" + versionCode;
  }

  /** Adds one answered check. */
  public void check(CheckEvent check) {
    long day = day(check.checkedAt());
    long code = check.currentVersionCode() == null ? 0 : check.currentVersionCode();
    long offered = check.offeredReleaseId() == null ? 0 : check.offeredReleaseId();
    add(
        daily,
        List.of(
            check.appId(),
            day,
            check.platform(),
            check.channel(),
            check.currentVersion(),
            code,
            offered,
            "checks"));
    String device = check.deviceId();
    if (device == null) {
      return;
    }
    adoption.seen(
        check.appId(), device, check.platform(), check.channel(), check.currentVersion(), day);
    String ran = ranSubject(check.platform(), check.currentVersionCode(), check.currentVersion());
    mark(check.appId(), "r", ran, check.channel(), device, day);
    if (check.offeredReleaseId() != null) {
      mark(check.appId(), "o", offered + "", check.channel(), device, day);
    }
    state(
        check.appId(),
        device,
        check.platform(),
        check.channel(),
        check.currentVersion(),
        code,
        check.checkedAt());
  }

  /** Adds one client event that was new to the database. */
  public void event(ClientEvent event) {
    long day = day(event.occurredAt());
    long release = event.releaseId() == null ? 0 : event.releaseId();
    add(
        daily,
        List.of(
            event.appId(),
            day,
            event.platform(),
            event.channel(),
            event.version(),
            event.versionCode(),
            release,
            event.type().wireName()));
    if (event.type() == ClientEventType.DELTA_APPLIED
        && release != 0
        && event.fromVersionCode() != null) {
      add(
          daily,
          List.of(
              event.appId(),
              day,
              event.platform(),
              event.channel(),
              event.version(),
              event.fromVersionCode(),
              release,
              PATCHED_FROM));
    }
    if (event.reason() != null && release != 0 && REASON_TYPES.contains(event.type())) {
      add(reasons, List.of(release, day, event.channel(), event.type().wireName(), event.reason()));
    }
    String device = event.deviceId();
    if (device == null) {
      return;
    }
    if (event.type() == ClientEventType.INSTALL_SUCCEEDED) {
      adoption.seen(
          event.appId(),
          device,
          event.platform(),
          event.channel(),
          event.version(),
          day(event.receivedAt()));
      state(
          event.appId(),
          device,
          event.platform(),
          event.channel(),
          event.version(),
          event.versionCode(),
          event.receivedAt());
    }
    boolean crashed = event.type() == ClientEventType.APP_CRASHED;
    if (release != 0 && (crashed || event.type() == ClientEventType.APP_STARTED)) {
      mark(event.appId(), "s", release + "", event.channel(), device, day);
      if (crashed) {
        mark(event.appId(), "c", release + "", event.channel(), device, day);
      }
    }
  }

  /** Whether nothing was added. */
  public boolean isEmpty() {
    return daily.isEmpty() && states.isEmpty() && marks.isEmpty() && adoption.isEmpty();
  }

  private void mark(
      String app, String kind, String subject, String channel, String device, long day) {
    marks.merge(List.of(app, kind, subject, channel, device), day, Math::max);
  }

  private void state(
      String app,
      String device,
      String platform,
      String channel,
      String version,
      long code,
      Instant at) {
    Object[] row = {app, device, platform, channel, version, code, at.toEpochMilli()};
    states.merge(
        List.of(app, device), row, (old, fresh) -> (long) old[6] > (long) fresh[6] ? old : fresh);
  }

  private static void add(Map<List<Object>, Long> sums, List<Object> key) {
    sums.merge(key, 1L, Long::sum);
  }

  private static final Upsert DAILY =
      new Upsert(
          "INSERT INTO telemetry_daily (app_id, day, platform, channel, version, version_code,"
              + " release_id, metric, n)",
          9,
          "ON CONFLICT (app_id, day, platform, channel, version, version_code, release_id, metric)"
              + " DO UPDATE SET n = telemetry_daily.n + excluded.n");

  private static final Upsert REASONS =
      new Upsert(
          "INSERT INTO telemetry_reasons (release_id, day, channel, type, reason, n)",
          6,
          "ON CONFLICT (release_id, day, channel, type, reason)"
              + " DO UPDATE SET n = telemetry_reasons.n + excluded.n");

  private static final Upsert MARKS =
      new Upsert(
          "INSERT INTO device_marks (app_id, kind, subject, channel, device_id, day)",
          6,
          "ON CONFLICT (app_id, kind, subject, channel, device_id)"
              + " DO UPDATE SET day = excluded.day WHERE device_marks.day < excluded.day");

  private static final Upsert STATES =
      new Upsert(
          "INSERT INTO device_state (app_id, device_id, platform, channel, version, version_code,"
              + " last_seen)",
          7,
          "ON CONFLICT (app_id, device_id) DO UPDATE SET platform = excluded.platform,"
              + " channel = excluded.channel, version = excluded.version,"
              + " version_code = excluded.version_code, last_seen = excluded.last_seen"
              + " WHERE device_state.last_seen <= excluded.last_seen");

  /**
   * Writes everything added, in the caller's transaction, always in the same table order and each
   * table's rows in key order, so writers on several nodes take row locks in one order.
   *
   * <p>The per-device rows (adoption, marks, states) come first and the shared sums ({@code
   * telemetry_daily}, {@code telemetry_reasons}) last: every node's check and event writers add to
   * the same few sum rows, and a row lock is held until commit, so taking them last holds them for
   * one statement instead of the whole batch, and the writers of several nodes overlap rather than
   * take turns.
   */
  public void write(Connection connection) throws SQLException {
    Map<List<Object>, Long> devices = new HashMap<>();
    adoption.write(
        connection,
        first ->
            add(
                devices,
                List.of(
                    first.app(),
                    first.day(),
                    first.platform(),
                    first.channel(),
                    first.version(),
                    0L,
                    0L,
                    "devices")));
    MARKS.execute(connection, rows(marks));
    List<Object[]> stateRows = new ArrayList<>(states.values());
    stateRows.sort(ROW_ORDER);
    STATES.execute(connection, stateRows);
    List<Object[]> dailyRows = rows(daily);
    dailyRows.addAll(rows(devices));
    dailyRows.sort(ROW_ORDER);
    DAILY.execute(connection, dailyRows);
    REASONS.execute(connection, rows(reasons));
  }

  /** The key followed by its value, sorted; the value is a count or a day. */
  private static List<Object[]> rows(Map<List<Object>, Long> values) {
    List<Object[]> rows = new ArrayList<>(values.size());
    values.forEach(
        (key, value) -> {
          Object[] row = Arrays.copyOf(key.toArray(), key.size() + 1);
          row[key.size()] = value;
          rows.add(row);
        });
    rows.sort(ROW_ORDER);
    return rows;
  }

  @SuppressWarnings("unchecked")
  static int compareRows(Object[] a, Object[] b) {
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int order = ((Comparable<Object>) a[i]).compareTo(b[i]);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.length, b.length);
  }
}
