#!/usr/bin/env bash
# Figures queries at scale: fills update_checks and client_events with generated rows spread over
# DAYS days (ids growing with time, as the writers produce them), has migration V13 build the
# aggregates from them as on an upgrade (timed), then times GET /api/v1/apps/{app}/adoption and
# GET .../releases/{id}/figures for windows of 1, 7 and 30 days (the figures read the aggregates).
#
#   bench/figures-bench.sh [--db sqlite|postgres] [--checks N] [--events N] [--days D] [--no-build]
#
# Prints a Markdown block; listens on 127.0.0.1 only; stops the server and drops its database on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COMMAND="bench/figures-bench.sh${*:+ $*}"
JAR="$ROOT/cli/target/petrel-cli-all.jar"
DB=sqlite
CHECKS=2000000
EVENTS=200000
DAYS=30
DEVICES=100000
BUILD=1
PG_ADMIN_URL=${PETREL_BENCH_PG:-postgresql://postgres@127.0.0.1:5432/postgres}

while (($#)); do
  case "$1" in
    --db) DB=${2:?}; shift ;;
    --checks) CHECKS=${2:?}; shift ;;
    --events) EVENTS=${2:?}; shift ;;
    --days) DAYS=${2:?}; shift ;;
    --no-build) BUILD=0 ;;
    *) echo "usage: bench/figures-bench.sh [--db sqlite|postgres] [--checks N] [--events N] [--days D] [--no-build]" >&2; exit 2 ;;
  esac
  shift
done
[[ $DB == sqlite || $DB == postgres ]] || { echo "figures-bench: --db sqlite or postgres" >&2; exit 2; }
log() { printf '[figures-bench] %s\n' "$*" >&2; }

WORK=$(mktemp -d /tmp/petrel-figures-bench.XXXXXX)
SERVER_PID=""
PG_DB=""
cleanup() {
  local rc=$?
  if [[ -n $SERVER_PID ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  [[ -z $PG_DB ]] || psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ((BUILD)) && [[ ! -f $JAR ]]; then
  (cd "$ROOT" && ./mvnw -q -B -o -DskipTests -Dspotless.check.skip=true -pl cli -am package >&2)
fi

PORT=$((20000 + RANDOM % 30000))
TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
args=(--port "$PORT" --data-dir "$WORK/data")
if [[ $DB == postgres ]]; then
  PG_DB="petrel_figures_$$"
  psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $PG_DB" >/dev/null
  args+=(--database-url "jdbc:postgresql://127.0.0.1:5432/$PG_DB?user=postgres")
fi
start_server() {
  PETREL_ADMIN_TOKEN=$TOKEN java -XX:+UseSerialGC -Xmx256m -jar "$JAR" serve "${args[@]}" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 36000); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/system/health" && return; sleep 0.1; done
  log "the server did not start"; exit 1
}
stop_server() {
  kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}
start_server
RELEASE=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/updates/publish" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --data-binary '{"version":"1.1.0","version_code":2,"platform":"android","download_url":"https://example.com/a.apk","file_size":1,"checksum":"'"$(printf x | sha256sum | cut -c1-64)"'","release_notes":"","is_mandatory":false}' |
  sed -E 's/.*"id":([0-9]+).*/\1/')

NOW=$(($(date +%s) * 1000))
SPAN=$((DAYS * 86400000))
# Checks: device i % DEVICES, running 1.0.0 (offered the release) or, for a third, 1.1.0+2.
CHECK_SQL="INSERT INTO update_checks (app_id, platform, channel, device_id, current_version, current_version_code, offered_release_id, offered_version, checked_at)
SELECT 'default', 'android', 'stable', 'dev-' || (i % $DEVICES),
  CASE WHEN i % 3 = 0 THEN '1.1.0+2' ELSE '1.0.0+1' END, CASE WHEN i % 3 = 0 THEN 2 ELSE 1 END,
  CASE WHEN i % 3 = 0 THEN NULL ELSE $RELEASE END, CASE WHEN i % 3 = 0 THEN NULL ELSE '1.1.0' END,
  $NOW - $SPAN + (i * ($SPAN / $CHECKS))"
EVENT_SQL="INSERT INTO client_events (app_id, event_id, type, platform, channel, version, version_code, release_id, from_version, from_version_code, device_id, reason, occurred_at, received_at)
SELECT 'default', 'gen-' || i,
  CASE i % 5 WHEN 0 THEN 'download_started' WHEN 1 THEN 'download_completed' WHEN 2 THEN 'install_succeeded' WHEN 3 THEN 'install_failed' ELSE 'install_started' END,
  'android', 'stable', '1.1.0', 2, $RELEASE, '1.0.0', 1, 'dev-' || (i % $DEVICES),
  CASE i % 5 WHEN 3 THEN 'reason ' || (i % 7) ELSE NULL END,
  $NOW - $SPAN + (i * ($SPAN / $EVENTS)), $NOW - $SPAN + (i * ($SPAN / $EVENTS))"
log "inserting $CHECKS checks and $EVENTS events over $DAYS days into $DB"
start=$(date +%s)
if [[ $DB == sqlite ]]; then
  sqlite3 "$WORK/data/petrel.db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
BEGIN IMMEDIATE;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $CHECKS) $CHECK_SQL FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $EVENTS) $EVENT_SQL FROM n;
COMMIT;
ANALYZE;
SQL
else
  psql -q "postgresql://postgres@127.0.0.1:5432/$PG_DB" <<SQL
$CHECK_SQL FROM generate_series(1, $CHECKS) AS i;
$EVENT_SQL FROM generate_series(1, $EVENTS) AS i;
VACUUM ANALYZE update_checks;
VACUUM ANALYZE client_events;
SQL
fi
log "filled in $(($(date +%s) - start)) s"

# As on an upgrade from a version without aggregates: migration V13 runs again and backfills them.
stop_server
UNDO="DELETE FROM telemetry_daily; DELETE FROM telemetry_reasons; DELETE FROM device_marks;
DELETE FROM device_state; DELETE FROM flyway_schema_history WHERE version = '13';"
if [[ $DB == sqlite ]]; then
  sqlite3 "$WORK/data/petrel.db" "$UNDO"
else
  psql -q "postgresql://postgres@127.0.0.1:5432/$PG_DB" -c "$UNDO
DROP TRIGGER catalogue_revision_notify ON catalogue_revision; DROP FUNCTION petrel_catalogue_notify();" >/dev/null
fi
start=$(date +%s)
start_server
BACKFILL_SECONDS=$(($(date +%s) - start))
log "restarted with the backfill in $BACKFILL_SECONDS s"

time_get() { # path -> best of 3, milliseconds
  local best="" t
  for _ in 1 2 3; do
    t=$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1")
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { if (a == "" || b < a) print b; else print a }')
  done
  awk -v s="$best" 'BEGIN { printf "%.0f", s * 1000 }'
}
time_get "/api/v1/apps/default/adoption?days=1" >/dev/null # warm the JVM and caches

echo "### Figures queries ($DB)"
echo
echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$(git -C "$ROOT" rev-parse --short HEAD)\` with \`$COMMAND\`:"
echo "$CHECKS checks from $DEVICES devices and $EVENTS events spread evenly over $DAYS days; best of 3, 1-minute load $(awk '{ print $1 }' /proc/loadavg)."
echo "Start with migration V13 building the aggregates from those rows: $BACKFILL_SECONDS s."
echo
echo "| window | adoption | release figures |"
echo "|---|---:|---:|"
for days in 1 7 30; do
  echo "| $days days (~$((CHECKS * days / DAYS)) checks) | $(time_get "/api/v1/apps/default/adoption?days=$days") ms | $(time_get "/api/v1/apps/default/releases/$RELEASE/figures?days=$days") ms |"
done
