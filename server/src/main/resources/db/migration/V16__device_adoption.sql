-- One adoption row per device and subject instead of one per channel plus one for all channels
-- ('*'): the check writer upserted two device_marks rows of kind 'a' for every device seen, about a
-- fifth of its work on PostgreSQL (docs/BENCHMARKS.md, "Check telemetry writer with aggregates").
-- A device_adoption row holds the last day the device was seen running the subject (platform and
-- version without build) and the channels it was seen in on that day, as ',stable,beta,'. Its
-- upsert tells both first sightings under the one row lock: a new day is the device's first of the
-- day over all channels and in its channel; the same day with a channel not yet in the list is its
-- first in that channel only. Days are UTC days since 1970-01-01.
--
-- IF NOT EXISTS: the V13 backfill creates the table already on a database that migrates from
-- before V12, since it folds the raw rows through the writers' code of today.
CREATE TABLE IF NOT EXISTS device_adoption (
  app_id     VARCHAR(63)   NOT NULL,
  subject    VARCHAR(100)  NOT NULL,
  device_id  VARCHAR(128)  NOT NULL,
  day        BIGINT        NOT NULL,
  channels   TEXT          NOT NULL,
  CONSTRAINT device_adoption_key PRIMARY KEY (app_id, subject, device_id)
);

CREATE INDEX IF NOT EXISTS device_adoption_by_day ON device_adoption (day);

-- A device's adoption marks: one per channel and one for all channels ('*'), each holding the last
-- day it was seen so; the '*' day is the latest of its channels' days. The channels it was seen in
-- on that day are those whose mark holds it. One pass over the marks, sorted per device.
INSERT INTO device_adoption (app_id, subject, device_id, day, channels)
SELECT app_id, subject, device_id, day, ',' || ${string_agg}(channel, ',') || ','
FROM (
  SELECT app_id, subject, device_id, channel, day,
    MAX(day) OVER (PARTITION BY app_id, subject, device_id) AS last_day
  FROM device_marks
  WHERE kind = 'a' AND channel <> '*'
) marks
WHERE day = last_day
GROUP BY app_id, subject, device_id, day;

DELETE FROM device_marks WHERE kind = 'a';
