#!/usr/bin/env bash
# Start-to-ready benchmark: milliseconds from launching `petrel serve` (through the ./petrel
# launcher, as an operator does) to the first `200` from GET /api/system/ready, on a fresh data
# directory and on an existing one. See bench/README.md.
#
#   bench/startup-bench.sh                 5 runs of each, median and max
#   bench/startup-bench.sh --runs 9        more runs
#   bench/startup-bench.sh --compare-cds   also without the launcher's class data archive
#                                          (PETREL_CDS=off), alternating run by run
#   bench/startup-bench.sh --launcher CMD  time CMD serve ... instead of ./petrel serve
#   bench/startup-bench.sh --s3-postgres   on PostgreSQL (the server at PETREL_BENCH_PG, default
#                                          postgres@127.0.0.1:5432, a database per data dir, dropped
#                                          afterwards) and S3 (s3proxy in-process over a directory),
#                                          as the nodes of a cluster start, instead of SQLite and files
#   bench/startup-bench.sh --busy N        each start alongside N busy loops at this script's own
#                                          priority (as a node started again beside serving ones):
#                                          also reports the share of the CPU the loops got meanwhile
#
# Besides wall time it reports the CPU time the server used until ready (user + system, from
# /proc), which a machine shared with other work disturbs less. PETREL_JAVA_OPTS is passed through.
# Everything listens on 127.0.0.1 only; every server started here is stopped before the next.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=5
LAUNCHER="$ROOT/petrel"
MODES=(on)
BACKEND=sqlite-files
BUSY=0
PG=${PETREL_BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
BENCH_NAME=startup-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

while (($#)); do
  case "$1" in
    --runs) RUNS=${2:?--runs needs a count}; shift ;;
    --launcher) LAUNCHER=${2:?--launcher needs a command}; shift ;;
    --compare-cds) MODES=(off on) ;;
    --s3-postgres) BACKEND=s3-postgres ;;
    --busy) BUSY=${2:?--busy needs a count}; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for tool in curl python3 gawk; do
  command -v "$tool" >/dev/null || { echo "startup-bench: needs $tool" >&2; exit 2; }
done

WORK=$(mktemp -d)
SERVER_PID=
S3_PID=
DATABASES=()
cleanup() {
  stop_busy_loops
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  stop_pid "$S3_PID" TERM 10
  local db
  for db in "${DATABASES[@]}"; do
    psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

TICKS=$(getconf CLK_TCK)

# The database of the server with data dir $1 on --s3-postgres: made here (in this shell, so that
# cleanup drops it) before its first start.
database_of() { local name; name=$(basename "$1"); echo "startup_bench_$$_${name//-/_}"; }
create_database() {
  [[ $BACKEND == s3-postgres ]] || return 0
  psql -q "$PG/postgres" -c "CREATE DATABASE $(database_of "$1")" >/dev/null
  DATABASES+=("$(database_of "$1")")
}

# The options that put a server with data dir $1 on PostgreSQL and S3 (--s3-postgres): its own
# database and a prefix of its own in the bucket.
backend_options() {
  [[ $BACKEND == s3-postgres ]] || return 0
  echo "--database-url jdbc:postgresql://${PG#postgresql://postgres@}/$(database_of "$1")?user=postgres"
  echo "--artifact-store s3://$S3_BUCKET/$(basename "$1") --s3-endpoint $S3_ENDPOINT --s3-path-style true"
}

# Starts a server on data dir $2 with PETREL_CDS=$1, prints "wall_ms cpu_ms busy_percent" until
# /api/system/ready answers 200 (busy_percent: the --busy loops' share of the machine meanwhile,
# 0 without them), then stops it.
time_one() {
  local cds=$1 data=$2 port start end cpu busy_before busy=0
  local -a backend
  # shellcheck disable=SC2207 # the options are words without spaces
  backend=($(backend_options "$data"))
  port=$(free_port)
  start_busy_loops "$BUSY"
  ((BUSY)) && sleep 1
  busy_before=$(busy_ticks)
  start=$(now_ms)
  # the S3 credentials only where the server uses S3 (--s3-postgres)
  local -a s3_env=()
  [[ $BACKEND != s3-postgres ]] ||
    s3_env=(AWS_ACCESS_KEY_ID="$S3_ACCESS" AWS_SECRET_ACCESS_KEY="$S3_SECRET" AWS_REGION=us-east-1)
  env PETREL_CDS="$cds" PETREL_ADMIN_TOKEN=startup-bench-token-0123456789abcdef0123456789 \
    "${s3_env[@]}" "$LAUNCHER" serve --data-dir "$data" --port "$port" "${backend[@]}" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/api/system/ready"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "startup-bench: the server exited; its log:" >&2
      cat "$WORK/server.log" >&2
      exit 1
    fi
    sleep 0.01
  done
  end=$(now_ms)
  # utime + stime (fields 14 and 15; the command name in field 2 has no spaces: java).
  cpu=$(awk -v t="$TICKS" '{ print int(($14 + $15) * 1000 / t) }' "/proc/$SERVER_PID/stat")
  if ((BUSY)); then
    busy=$((($(busy_ticks) - busy_before) * 1000 / TICKS * 100 / ((end - start) * $(nproc))))
  fi
  stop_busy_loops
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  echo "$((end - start)) $cpu $busy"
}

summary() { # label, then lines of "wall_ms cpu_ms busy_percent"
  local label=$1
  printf '%s' "$2" | gawk -v label="$label" -v busy_loops="$BUSY" '
    NF { wall[++n] = $1; cpu[n] = $2; busy[n] = $3 }
    function median(v, n) { return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
    END {
      asort(wall); asort(cpu); asort(busy)
      printf "| %s | %d | %d | %d | %d | %d |", label, n, median(wall, n), wall[1], wall[n], median(cpu, n)
      if (busy_loops) printf " %d |", median(busy, n)
      printf "\n"
    }'
}

if [[ $BACKEND == s3-postgres ]]; then
  command -v psql >/dev/null || die "--s3-postgres needs psql"
  start_s3proxy_in "$WORK/s3" "$WORK/s3proxy.log" petrel-startup
fi

# The launcher builds the jar (and its class data archive) on first use: do that before timing.
"$LAUNCHER" --version >/dev/null

declare -A results
for ((i = 1; i <= RUNS; i++)); do
  for mode in "${MODES[@]}"; do
    create_database "$WORK/$mode-$i"
    results[$mode,fresh]+="$(time_one "$mode" "$WORK/$mode-$i")"$'\n'
    results[$mode,existing]+="$(time_one "$mode" "$WORK/$mode-$i")"$'\n'
  done
done

beside=
((BUSY)) && beside="; beside $BUSY busy loops"
echo "start to ready ($LAUNCHER serve on $BACKEND; $(nproc) cores, load before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)$beside)"
echo
if ((BUSY)); then
  echo "| class data archive, data dir | runs | median ms | min ms | max ms | median CPU ms | busy loops' share of the machine, median % |"
  echo "|---|---|---|---|---|---|---|"
else
  echo "| class data archive, data dir | runs | median ms | min ms | max ms | median CPU ms |"
  echo "|---|---|---|---|---|---|"
fi
for mode in "${MODES[@]}"; do
  summary "$mode, fresh (migrations run)" "${results[$mode,fresh]}"
  summary "$mode, existing (schema up to date)" "${results[$mode,existing]}"
done
