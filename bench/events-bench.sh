#!/usr/bin/env bash
# Client events benchmark: POST /api/v1/apps/{app}/events under wrk, on SQLite and on PostgreSQL.
# Measures events per second accepted (answered 202) and written, checks that every accepted event
# is in client_events after a graceful stop, and measures in the same run a reference: the rate at
# which the database itself inserts the same rows into the same table (its own CLI, one multi-row
# INSERT ... SELECT ... ON CONFLICT DO NOTHING per transaction of 1000 rows, no network, no JVM).
# See bench/README.md.
#
#   bench/events-bench.sh             run and print a Markdown results block
#   bench/events-bench.sh --record    also write it into docs/BENCHMARKS.md ("Client events")
#
# Everything listens on 127.0.0.1; everything started here is stopped on exit, and the PostgreSQL
# database it creates is dropped.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR="$ROOT/bench"
COMMAND="bench/events-bench.sh${*:+ $*}"
JAR="$ROOT/cli/target/petrel-cli-all.jar"
HEAP=256m
THREADS=2
CONNECTIONS=32
DURATION=20
WARMUP=5
BATCH=20
DATABASES="sqlite postgres"
QUIET_LOAD=2.5
QUIET_WAIT=600
RECORD=0
BUILD=1
PG_ADMIN_URL=${PETREL_BENCH_PG:-postgresql://postgres@127.0.0.1:5432/postgres}

usage() {
  cat <<USAGE
usage: bench/events-bench.sh [--record] [--duration S] [--warmup S] [--batch N] [--threads N]
                             [--connections N] [--db sqlite|postgres|both] [--quiet-wait S] [--no-build]
  --record        write the results into docs/BENCHMARKS.md ("Client events")
  --duration S    seconds of each measured wrk run (default $DURATION)
  --warmup S      seconds of the unrecorded warm-up run per database (default $WARMUP)
  --batch N       events per request, 1-100 (default $BATCH)
  --db            which databases (default both); PostgreSQL at $PG_ADMIN_URL (PETREL_BENCH_PG)
  --quiet-wait S  wait up to S seconds for a 1-minute load average under $QUIET_LOAD (default $QUIET_WAIT)
  --no-build      use cli/target/petrel-cli-all.jar as it is
USAGE
}

while (($#)); do
  case "$1" in
    --record) RECORD=1 ;;
    --duration) DURATION=${2:?}; shift ;;
    --warmup) WARMUP=${2:?}; shift ;;
    --batch) BATCH=${2:?}; shift ;;
    --threads) THREADS=${2:?}; shift ;;
    --connections) CONNECTIONS=${2:?}; shift ;;
    --quiet-wait) QUIET_WAIT=${2:?}; shift ;;
    --db) case "${2:?}" in both) DATABASES="sqlite postgres" ;; sqlite | postgres) DATABASES=$2 ;;
            *) echo "events-bench: --db expects sqlite, postgres or both" >&2; exit 2 ;; esac; shift ;;
    --no-build) BUILD=0 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "events-bench: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
for n in "$DURATION" "$WARMUP" "$BATCH" "$THREADS" "$CONNECTIONS" "$QUIET_WAIT"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "events-bench: expected a whole number, found '$n'" >&2; exit 2; }
done
((BATCH >= 1 && BATCH <= 100)) || { echo "events-bench: --batch must be 1 to 100" >&2; exit 2; }

BENCH_NAME=events-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

for tool in wrk sqlite3 psql curl java; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install wrk sqlite3 postgresql-client curl)"
done

WORK=$(mktemp -d /tmp/petrel-events-bench.XXXXXX)
SERVER_PID=""
PG_DB=""
stop_server() {
  local i
  [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null || { SERVER_PID=""; return 0; }
  kill -TERM "$SERVER_PID"
  for ((i = 0; i < 600; i++)); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$SERVER_PID" 2>/dev/null && { log "server still running after 60 s; killing it"; kill -KILL "$SERVER_PID"; }
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  local rc=$?
  stop_server
  [[ -z $PG_DB ]] || psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM



# The brief for this benchmark: run when the 1-minute load average is under $QUIET_LOAD; after
# waiting --quiet-wait seconds, run anyway and say so in the results.

ADMIN_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
start_server() { # db
  local db=$1 url_args=()
  SERVER_PORT=$(free_port)
  DATA_DIR="$WORK/data-$db"
  mkdir -p "$DATA_DIR"
  if [[ $db == postgres ]]; then
    PG_DB="petrel_bench_$$"
    psql -q "$PG_ADMIN_URL" -c "CREATE DATABASE $PG_DB" >/dev/null
    url_args=(--database-url "jdbc:postgresql://127.0.0.1:5432/$PG_DB?user=postgres")
  fi
  log "starting the server on $db, 127.0.0.1:$SERVER_PORT (java -XX:+UseSerialGC -Xmx$HEAP)"
  PETREL_ADMIN_TOKEN=$ADMIN_TOKEN java -XX:+UseSerialGC "-Xmx$HEAP" -jar "$JAR" serve \
    --port "$SERVER_PORT" --data-dir "$DATA_DIR" "${url_args[@]}" >"$WORK/server-$db.log" 2>&1 &
  SERVER_PID=$!
  local i
  for ((i = 0; i < 900; i++)); do
    curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$SERVER_PORT/api/system/health" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$WORK/server-$db.log" >&2; die "server exited"; }
    sleep 0.1
  done
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$SERVER_PORT/api/updates/publish" \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    --data-binary '{"version":"1.1.0","version_code":2,"platform":"android","download_url":"https://example.com/app-1.1.0.apk","file_size":25000000,"checksum":"'"$(printf bench | sha256sum | cut -c1-64)"'","release_notes":"bench","is_mandatory":false}' ||
    die "publishing the benchmark release failed"
}

metric() { # name -> value (0 when absent)
  curl -sf --max-time 10 "http://127.0.0.1:$SERVER_PORT/metrics" |
    awk -v n="$1" '$1 == n { v = $2 } END { printf "%d\n", v + 0 }'
}

run_wrk() { # name seconds run-id
  log "wrk -t$THREADS -c$CONNECTIONS -d${2}s --latency -s bench/events.lua (batch $BATCH) -> $1"
  timeout $(($2 + 60)) wrk "-t$THREADS" "-c$CONNECTIONS" "-d${2}s" --latency -s "$BENCH_DIR/events.lua" \
    "http://127.0.0.1:$SERVER_PORT/api/v1/apps/default/events" -- "$THREADS" "$BATCH" "$3" >"$WORK/wrk-$1.txt"
  sed 's/^/    /' "$WORK/wrk-$1.txt" >&2
}

wrk_field() { # name field
  local f="$WORK/wrk-$1.txt"
  case "$2" in
    rps) awk '/^Requests\/sec:/ { printf "%d", $2 }' "$f" ;;
    p50 | p99) awk -v p="${2#p}%" '$1 == p { v = $2 }
      END { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
            else if (v ~ /s$/) printf "%.2f", v * 1000; else printf "?" }' "$f" ;;
    non2xx) awk '/Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$f" ;;
    errors) awk '/Socket errors:/ { gsub(",", ""); n = $4 + $6 + $8 + $10 } END { print n + 0 }' "$f" ;;
  esac
}

now() { date +%s.%N; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }'; }

count_rows() { # db
  if [[ $1 == sqlite ]]; then
    sqlite3 "$DATA_DIR/petrel.db" "SELECT count(*) FROM client_events;"
  else
    psql -qtA "postgresql://postgres@127.0.0.1:5432/$PG_DB" -c "SELECT count(*) FROM client_events;"
  fi
}

# The reference: the database inserting rows like the server's into the same table, with the same
# unique constraint and index, 1000 rows a transaction, from its own CLI.
reference_insert() { # db rows -> rows/s
  local db=$1 rows=$2 txs start end i cols select
  txs=$(((rows + 999) / 1000))
  cols="app_id, event_id, type, platform, channel, version, version_code, release_id, from_version, from_version_code, device_id, reason, occurred_at, received_at"
  if [[ $db == sqlite ]]; then
    {
      echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
      for ((i = 0; i < txs; i++)); do
        echo "BEGIN IMMEDIATE; WITH RECURSIVE n(i) AS (SELECT $((i * 1000)) UNION ALL SELECT i + 1 FROM n WHERE i < $((i * 1000 + 999)))"
        echo " INSERT INTO client_events ($cols) SELECT 'default', 'ref-' || i, 'install_succeeded', 'android', 'stable', '1.1.0', 2, 1, '1.0.0', 1, 'dev-ref-' || i, NULL, 1795000000000, 1795000000000 FROM n WHERE true ON CONFLICT (app_id, event_id) DO NOTHING; COMMIT;"
      done
    } >"$WORK/reference.sql"
    start=$(now)
    sqlite3 "$DATA_DIR/petrel.db" <"$WORK/reference.sql" >/dev/null
    end=$(now)
  else
    for ((i = 0; i < txs; i++)); do
      echo "INSERT INTO client_events ($cols) SELECT 'default', 'ref-' || i, 'install_succeeded', 'android', 'stable', '1.1.0', 2, 1, '1.0.0', 1, 'dev-ref-' || i, NULL, 1795000000000, 1795000000000 FROM generate_series($((i * 1000)), $((i * 1000 + 999))) AS i ON CONFLICT (app_id, event_id) DO NOTHING;"
    done >"$WORK/reference.sql"
    start=$(now)
    psql -q "postgresql://postgres@127.0.0.1:5432/$PG_DB" -f "$WORK/reference.sql" >/dev/null
    end=$(now)
  fi
  rate "$((txs * 1000))" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
}

declare -A R
bench_db() { # db
  local db=$1 t0 t1 t2 acc0 wr0 acc1 wr1 ref_rows i queued load
  start_server "$db"
  ((WARMUP > 0)) && run_wrk "$db-warmup" "$WARMUP" w
  for ((i = 0; i < 600; i++)); do [[ $(metric petrel_client_events_queued) == 0 ]] && break; sleep 0.1; done
  wait_for_quiet "$QUIET_LOAD" "$QUIET_WAIT"
  load=$(awk '{ print $1 }' /proc/loadavg)
  acc0=$(metric petrel_client_events_accepted_total)
  wr0=$(metric petrel_client_events_written_total)
  t0=$(now)
  run_wrk "$db" "$DURATION" m
  t1=$(now)
  acc1=$(metric petrel_client_events_accepted_total)
  for ((i = 0; i < 1200; i++)); do
    queued=$(metric petrel_client_events_queued)
    [[ $queued == 0 ]] && break
    sleep 0.1
  done
  t2=$(now)
  wr1=$(metric petrel_client_events_written_total)
  R[$db.load]=$load
  R[$db.rps]=$(wrk_field "$db" rps)
  R[$db.p50]=$(wrk_field "$db" p50)
  R[$db.p99]=$(wrk_field "$db" p99)
  R[$db.non2xx]=$(wrk_field "$db" non2xx)
  R[$db.errors]=$(wrk_field "$db" errors)
  R[$db.accepted_rate]=$(rate $((acc1 - acc0)) "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
  R[$db.written_rate]=$(rate $((wr1 - wr0)) "$(awk -v a="$t0" -v b="$t2" 'BEGIN { print b - a }')")
  R[$db.drain]=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')
  R[$db.accepted]=$acc1
  R[$db.refused]=$(metric petrel_client_events_refused_total)
  R[$db.duplicates]=$(metric petrel_client_events_duplicates_total)
  R[$db.failed]=$(metric petrel_client_events_failed_total)
  R[$db.limited]=$(metric petrel_client_events_rate_limited_requests_total)
  R[$db.rss]=$(awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$SERVER_PID/status")
  log "stopping the server (SIGTERM flushes queued events)"
  stop_server
  R[$db.rows]=$(count_rows "$db")
  log "$db: accepted ${R[$db.accepted]}, rows ${R[$db.rows]}, refused ${R[$db.refused]}"
  ref_rows=$(((wr1 - wr0) < 100000 ? 100000 : (wr1 - wr0) > 1000000 ? 1000000 : (wr1 - wr0)))
  log "reference: $db inserting $ref_rows rows into client_events by itself"
  R[$db.ref_rows]=$ref_rows
  R[$db.reference]=$(reference_insert "$db" "$ref_rows")
  log "reference: ${R[$db.reference]} rows/s"
  if [[ $db == postgres ]]; then
    psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null
    PG_DB=""
  fi
}

report() {
  local db commit ok
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  echo "## Client events"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$commit\` with \`$COMMAND\`: per database a"
  echo "${WARMUP} s warm-up, then ${DURATION} s measured, ${BATCH} events a request, each request a new device."
  echo
  echo "| | $(for db in $DATABASES; do printf '%s | ' "$db"; done)"
  echo "|---|$(for db in $DATABASES; do printf -- '---:|'; done)"
  row() { # label key [suffix]
    printf '| %s |' "$1"
    for db in $DATABASES; do printf ' %s%s |' "${R[$db.$2]}" "${3:-}"; done
    echo
  }
  row "requests/s (wrk)" rps
  row "events accepted/s (202)" accepted_rate
  row "events written/s (start of run until the queue drained)" written_rate
  row "queue drained after the run in" drain " s"
  row "p50 latency" p50 " ms"
  row "p99 latency" p99 " ms"
  row "non-2xx answers" non2xx
  row "socket errors" errors
  row "events refused with 503 (kept by the client)" refused
  row "requests refused with 429" limited
  row "events accepted in all runs" accepted
  row "rows in client_events after a graceful stop" rows
  row "duplicates" duplicates
  row "failed (lost at shutdown)" failed
  row "reference: the database alone, rows/s" reference
  row "server peak RSS" rss " MiB"
  row "1-minute load average before the run" load
  echo
  for db in $DATABASES; do
    ok=$([[ ${R[$db.rows]} == "${R[$db.accepted]}" && ${R[$db.failed]} == 0 ]] && echo "none lost" || echo "**LOST EVENTS**")
    echo "- $db: ${R[$db.rows]} rows for ${R[$db.accepted]} accepted events: $ok; written at" \
      "$(awk -v w="${R[$db.written_rate]}" -v r="${R[$db.reference]}" 'BEGIN { printf "%.0f", (r > 0 ? 100 * w / r : 0) }') %" \
      "of the reference rate (the database inserting ${R[$db.ref_rows]} rows by itself, 1000 a transaction)."
  done
  echo "- Machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, Linux $(uname -r); $(java -version 2>&1 | head -n 1); $(psql --version | head -n 1); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"
  echo "- wrk $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }') \`-t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s bench/events.lua\`; server \`java -XX:+UseSerialGC -Xmx$HEAP -jar cli/target/petrel-cli-all.jar serve\`"
}

record() { # results-file
  local doc="$ROOT/docs/BENCHMARKS.md"
  awk -v results="$1" '
    function emit() { while ((getline line < results) > 0) print line; close(results); done = 1 }
    /^## Client events[[:space:]]*$/ { emit(); skip = 1; next }
    skip && /^## / { skip = 0; print "" }
    !skip { print }
    END { if (!done) { print ""; emit() } }' "$doc" >"$doc.tmp"
  mv "$doc.tmp" "$doc"
  log "results written to docs/BENCHMARKS.md"
}

BENCH_BUILD=$BUILD build_cli_jar "$ROOT" "$JAR"
for db in $DATABASES; do bench_db "$db"; done
report >"$WORK/results.md"
cat "$WORK/results.md"
((RECORD)) && record "$WORK/results.md"
exit 0
