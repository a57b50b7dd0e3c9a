-- Delta figures from the daily aggregates, so they outlive the raw events' retention like the other
-- figures. Two kinds of rows join what V12 keeps, written by the client event writer from now on:
--
-- * telemetry_daily rows of metric 'delta_applied_from': delta_applied events of a release by the
--   version code the patch started from, which is stored in version_code (the other key columns
--   are the event's). Events without a release or a from_version_code have none.
-- * telemetry_reasons rows of type 'delta_failed': why a patch could not be used.
--
-- Both are rebuilt here from the raw events still stored (after deleting any, so that a database
-- whose V13 backfill already wrote them counts each event once). Days are UTC days since
-- 1970-01-01 of occurred_at, rounded down also before 1970, as the writer does.

DELETE FROM telemetry_daily WHERE metric = 'delta_applied_from';
DELETE FROM telemetry_reasons WHERE type = 'delta_failed';

INSERT INTO telemetry_daily
  (app_id, day, platform, channel, version, version_code, release_id, metric, n)
SELECT app_id, day, platform, channel, version, from_version_code, release_id,
  'delta_applied_from', COUNT(*)
FROM (
  SELECT app_id, platform, channel, version, from_version_code, release_id,
    CASE WHEN occurred_at >= 0 THEN occurred_at / 86400000
      ELSE (occurred_at - 86399999) / 86400000 END AS day
  FROM client_events
  WHERE type = 'delta_applied' AND release_id IS NOT NULL AND from_version_code IS NOT NULL
) applied
GROUP BY app_id, day, platform, channel, version, from_version_code, release_id;

INSERT INTO telemetry_reasons (release_id, day, channel, type, reason, n)
SELECT release_id, day, channel, 'delta_failed', reason, COUNT(*)
FROM (
  SELECT release_id, channel, reason,
    CASE WHEN occurred_at >= 0 THEN occurred_at / 86400000
      ELSE (occurred_at - 86399999) / 86400000 END AS day
  FROM client_events
  WHERE type = 'delta_failed' AND release_id IS NOT NULL AND reason IS NOT NULL
) failed
GROUP BY release_id, day, channel, reason;
