#!/usr/bin/env bash
# Check-path benchmark: POST /api/updates/check on the Petrel server versus nginx answering the same
# JSON, both driven by the same wrk settings on this machine in one run. See bench/README.md.
#
#   bench/check-bench.sh             run and print a Markdown results block
#   bench/check-bench.sh --record    also write it into docs/BENCHMARKS.md ("Check path vs nginx")
#
# Everything listens on 127.0.0.1 only; everything started here is stopped on exit.
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true # keep '&' literal in ${var//pattern/replacement}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR="$ROOT/bench"
COMMAND="bench/check-bench.sh${*:+ $*}"
JAR="$ROOT/cli/target/petrel-cli-all.jar"
HEAP=256m

THREADS=2
CONNECTIONS=64
DURATION=20
WARMUP=10
NGINX_WORKERS=auto
RECORD=0
NGINX_ONLY=0
BUILD=1
ROLLOUTS=0
# Prometheus names of the server's meters, first one present wins (Micrometer adds _total to
# counters, not to gauges); override if the server names them differently.
METRIC_CHECKS=${PETREL_BENCH_METRIC_CHECKS:-petrel_checks_total}
METRIC_RECORDED=${PETREL_BENCH_METRIC_RECORDED:-petrel_telemetry_recorded_total petrel_telemetry_recorded}
METRIC_SHED=${PETREL_BENCH_METRIC_SHED:-petrel_telemetry_shed_total petrel_telemetry_shed}
METRIC_FAILED=${PETREL_BENCH_METRIC_FAILED:-petrel_telemetry_failed_total petrel_telemetry_failed}
METRIC_QUEUED=${PETREL_BENCH_METRIC_QUEUED:-petrel_telemetry_queued}
TELEMETRY_TABLE=${PETREL_BENCH_TELEMETRY_TABLE:-update_checks}

usage() {
  cat <<EOF
usage: bench/check-bench.sh [--record] [--duration S] [--warmup S] [--threads N] [--connections N]
                            [--nginx-workers N|auto] [--no-build] [--nginx-only] [--rollouts N]
  --record         write the results into docs/BENCHMARKS.md (refused with --nginx-only)
  --duration S     seconds of each measured wrk run (default $DURATION)
  --warmup S       seconds of the unrecorded JVM warm-up run (default $WARMUP)
  --threads N      wrk threads (default $THREADS); --connections N wrk connections (default $CONNECTIONS)
  --nginx-workers  nginx worker_processes (default $NGINX_WORKERS: one per core, as the JVM may use)
  --no-build       use cli/target/petrel-cli-all.jar as it is
  --nginx-only     only the nginx half, with a stand-in JSON body (for testing this script)
  --rollouts N     rollouts active: android 1.4.0 at 50 % and 1.5.0 at 10 % (ramp plans), 1.6.0
                   paused, so each check walks rollout gates; plus N platforms with 3 partial,
                   ramping releases each, to grow the catalogue (default 0: plain releases only)
EOF
}

while (($#)); do
  case "$1" in
    --record) RECORD=1 ;;
    --duration) DURATION=${2:?--duration needs seconds}; shift ;;
    --warmup) WARMUP=${2:?--warmup needs seconds}; shift ;;
    --threads) THREADS=${2:?--threads needs a count}; shift ;;
    --connections) CONNECTIONS=${2:?--connections needs a count}; shift ;;
    --nginx-workers) NGINX_WORKERS=${2:?--nginx-workers needs a count or auto}; shift ;;
    --no-build) BUILD=0 ;;
    --nginx-only) NGINX_ONLY=1 ;;
    --rollouts) ROLLOUTS=${2:?--rollouts needs a count}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "check-bench: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
for n in "$DURATION" "$WARMUP" "$THREADS" "$CONNECTIONS" "$ROLLOUTS"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "check-bench: expected a whole number, found '$n'" >&2; exit 2; }
done
[[ $NGINX_WORKERS == auto || $NGINX_WORKERS =~ ^[1-9][0-9]*$ ]] ||
  { echo "check-bench: --nginx-workers expects a count or auto, found '$NGINX_WORKERS'" >&2; exit 2; }
if ((RECORD)) && [[ -n ${PETREL_BENCH_JAVA_OPTS:-} ]]; then
  echo "check-bench: --record measures the server as ./petrel starts it; unset PETREL_BENCH_JAVA_OPTS" >&2
  exit 2
fi
if ((RECORD && NGINX_ONLY)); then
  echo "check-bench: --record needs the server half; --nginx-only results are not recorded" >&2
  exit 2
fi

BENCH_NAME=check-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# ---------------------------------------------------------------------------------------------
# Tools: install the Debian packages only when a command is missing.
ensure_packages wrk:wrk nginx:nginx sqlite3:sqlite3 curl:curl
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---------------------------------------------------------------------------------------------
# Scratch space and clean-up of everything this script starts.
WORK=$(mktemp -d /tmp/petrel-bench.XXXXXX)
chmod 755 "$WORK" # nginx workers drop root and must be able to enter their prefix
SERVER_PID=""
NGINX_PID=""


cleanup() {
  local rc=$?
  stop_pid "$SERVER_PID" TERM 30
  stop_pid "$NGINX_PID" QUIT 10
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM



# ---------------------------------------------------------------------------------------------
# The server: build once if needed, start with its own data dir and admin token, seed releases.
SERVER_PORT=""
DATA_DIR="$WORK/data"
ADMIN_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
CHECK_BODY='{"platform":"android","current_version":"1.0.0+1","device_id":"dev-capture"}'


start_server() {
  SERVER_PORT=$(free_port)
  mkdir -p "$DATA_DIR"
  log "starting the server on 127.0.0.1:$SERVER_PORT (java -XX:+UseSerialGC -Xmx$HEAP)"
  # The JVM options ./petrel uses by default (serial collector), with the heap set here.
  # PETREL_BENCH_JAVA_OPTS adds options, e.g. a profiler agent; recorded runs refuse it.
  # shellcheck disable=SC2086
  PETREL_ADMIN_TOKEN=$ADMIN_TOKEN java -XX:+UseSerialGC "-Xmx$HEAP" ${PETREL_BENCH_JAVA_OPTS:-} -jar "$JAR" serve --port "$SERVER_PORT" \
    --data-dir "$DATA_DIR" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  if ! wait_for_http "http://127.0.0.1:$SERVER_PORT/api/system/health" 200 90 "$SERVER_PID"; then
    tail -n 40 "$WORK/server.log" >&2 || true
    die "server did not answer GET /api/system/health with 200 within 90 s"
  fi
}

publish() { # platform version code
  local platform=$1 version=$2 code=$3 checksum status
  checksum=$(printf 'petrel-bench %s %s' "$platform" "$version" | sha256sum | cut -d' ' -f1)
  status=$(curl -sS -o "$WORK/publish.out" -w '%{http_code}' --max-time 10 \
    -X POST "http://127.0.0.1:$SERVER_PORT/api/updates/publish" \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' \
    --data-binary @- <<EOF
{"version":"$version","version_code":$code,"platform":"$platform","download_url":"https://example.com/app-$version.$([[ $platform == ios ]] && echo ipa || echo apk)","file_size":25000000,"checksum":"$checksum","release_notes":"Benchmark release $version for $platform.","is_mandatory":false}
EOF
  )
  [[ $status == 2?? ]] || die "publishing $platform $version answered $status: $(cat "$WORK/publish.out")"
}

seed_releases() {
  log "publishing releases: android 1.1.0, 1.2.0, 1.3.0; ios 1.1.0, 1.2.0"
  publish android 1.1.0 2
  publish android 1.2.0 3
  publish android 1.3.0 4
  publish ios 1.1.0 2
  publish ios 1.2.0 3
}

publish_v1() { # json -> the new release's id
  local status
  status=$(curl -sS -o "$WORK/publish.out" -w '%{http_code}' --max-time 10 \
    -X POST "http://127.0.0.1:$SERVER_PORT/api/v1/apps/default/releases" \
    -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' --data-binary "$1")
  [[ $status == 201 ]] || die "publishing $1 answered $status: $(cat "$WORK/publish.out")"
  grep -o '"id":[0-9]*' "$WORK/publish.out" | head -n 1 | cut -d: -f2
}

staged() { # platform version code basis-points ramp-json -> JSON of a staged release
  local checksum
  checksum=$(printf 'petrel-bench %s %s' "$1" "$2" | sha256sum | cut -d' ' -f1)
  printf '{"version":"%s","version_code":%d,"platform":"%s","download_url":"https://example.com/app-%s.bin","file_size":25000000,"checksum":"%s","release_notes":"Benchmark staged release %s.","rollout_basis_points":%d,"ramp":%s}' \
    "$2" "$3" "$1" "$2" "$checksum" "$2" "$4" "$5"
}

seed_rollouts() {
  ((ROLLOUTS > 0)) || [[ $COMMAND == *--rollouts* ]] || return 0
  local ramp='[{"basis_points":1000,"min_dwell_minutes":1440},{"basis_points":5000,"min_dwell_minutes":1440},{"basis_points":10000}]'
  local paused k
  log "rollouts: android 1.4.0 at 50 %, 1.5.0 at 10 % (ramping), 1.6.0 paused; $ROLLOUTS platforms x 3 staged"
  publish_v1 "$(staged android 1.4.0 5 5000 "$ramp")" >/dev/null
  publish_v1 "$(staged android 1.5.0 6 1000 "$ramp")" >/dev/null
  paused=$(publish_v1 "$(staged android 1.6.0 7 2000 "$ramp")")
  curl -sS -f -o /dev/null --max-time 10 -X POST -H "Authorization: Bearer $ADMIN_TOKEN" \
    "http://127.0.0.1:$SERVER_PORT/api/v1/apps/default/releases/$paused/rollout/pause" ||
    die "pausing release $paused failed"
  for ((k = 0; k < ROLLOUTS; k++)); do
    publish_v1 "$(staged "bench-$k" 1.1.0 2 10000 "$ramp")" >/dev/null
    publish_v1 "$(staged "bench-$k" 1.2.0 3 5000 "$ramp")" >/dev/null
    publish_v1 "$(staged "bench-$k" 1.3.0 4 1000 "$ramp")" >/dev/null
  done
}

capture_answer() { # -> $WORK/answer.json, the body nginx will serve
  local status
  status=$(curl -sS -o "$WORK/answer.json" -w '%{http_code}' --max-time 10 \
    -X POST "http://127.0.0.1:$SERVER_PORT/api/updates/check" \
    -H 'Content-Type: application/json' --data-binary "$CHECK_BODY")
  [[ $status == 200 ]] || die "check answered $status: $(cat "$WORK/answer.json")"
  grep -q '"update_available" *: *true' "$WORK/answer.json" ||
    die "expected the check to offer an update, found: $(cat "$WORK/answer.json")"
  log "server answer ($(wc -c <"$WORK/answer.json") bytes): $(cat "$WORK/answer.json")"
}

metric() { # "name [alternative...]" -> sum over all label sets of the first name present, or empty
  local name value
  for name in $1; do
    value=$(awk -v name="$name" '$1 == name || index($1, name "{") == 1 { sum += $NF; found = 1 }
      END { if (found) printf "%d\n", sum }' "$WORK/metrics.txt")
    [[ -n $value ]] && { echo "$value"; return; }
  done
  return 0
}

read_counters() {
  CHECKS="" RECORDED="" SHED="" FAILED="" QUEUED=""
  if curl -sS -f --max-time 10 -H "Authorization: Bearer $ADMIN_TOKEN" \
    "http://127.0.0.1:$SERVER_PORT/metrics" -o "$WORK/metrics.txt" 2>/dev/null; then
    CHECKS=$(metric "$METRIC_CHECKS")
    RECORDED=$(metric "$METRIC_RECORDED")
    SHED=$(metric "$METRIC_SHED")
    FAILED=$(metric "$METRIC_FAILED")
    QUEUED=$(metric "$METRIC_QUEUED")
  else
    log "GET /metrics unavailable; telemetry is checked against wrk's request counts only"
  fi
  log "meters before stop: checks=${CHECKS:-n/a} recorded=${RECORDED:-n/a} shed=${SHED:-n/a}" \
    "failed=${FAILED:-n/a} queued=${QUEUED:-n/a}"
}

stop_server_and_count_rows() {
  local start=$SECONDS
  log "stopping the server with SIGTERM (it flushes queued telemetry)"
  stop_pid "$SERVER_PID" TERM 60
  SERVER_STOP_S=$((SECONDS - start))
  SERVER_PID=""
  ROWS=""
  if [[ -f $DATA_DIR/petrel.db ]]; then
    ROWS=$(sqlite3 "$DATA_DIR/petrel.db" "SELECT count(*) FROM $TELEMETRY_TABLE;" 2>"$WORK/sqlite.err") ||
      { log "counting rows failed: $(cat "$WORK/sqlite.err")"; ROWS=""; }
  else
    log "no $DATA_DIR/petrel.db after stop"
  fi
  log "rows in $TELEMETRY_TABLE after stop: ${ROWS:-n/a} (stop took ${SERVER_STOP_S}s)"
}

# ---------------------------------------------------------------------------------------------
# nginx with its own prefix, config and logs; never the system service.
NGINX_PORT=""

start_nginx() { # body-file
  local body prefix="$WORK/nginx" conf
  body=$(cat "$1" && printf x) # the x keeps a trailing newline, which $(...) would strip
  body=${body%x}
  [[ $body != *'$'* ]] || die "the answer contains '\$', which nginx would read as a variable"
  body=${body//\\/\\\\}
  body=${body//\'/\\\'}
  body=${body//$'\n'/\\n}
  NGINX_PORT=$(free_port)
  mkdir -p "$prefix/logs" "$prefix/tmp"
  conf=$(<"$BENCH_DIR/nginx.conf.template")
  conf=${conf//@WORKERS@/$NGINX_WORKERS}
  conf=${conf//@PREFIX@/$prefix}
  conf=${conf//@PORT@/$NGINX_PORT}
  conf=${conf//@BODY@/$body}
  printf '%s\n' "$conf" >"$prefix/nginx.conf"
  "$NGINX" -t -q -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" ||
    die "nginx rejected $prefix/nginx.conf"
  log "starting nginx on 127.0.0.1:$NGINX_PORT (worker_processes $NGINX_WORKERS)"
  "$NGINX" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" &
  NGINX_PID=$!
  wait_for_http "http://127.0.0.1:$NGINX_PORT/api/updates/check" 200 10 "$NGINX_PID" \
    -X POST -H 'Content-Type: application/json' --data-binary "$CHECK_BODY" ||
    die "nginx did not answer the check within 10 s: $(cat "$prefix/logs/error.log")"
  curl -sS --max-time 5 -X POST -H 'Content-Type: application/json' --data-binary "$CHECK_BODY" \
    "http://127.0.0.1:$NGINX_PORT/api/updates/check" -o "$WORK/nginx-answer.json"
  cmp -s "$1" "$WORK/nginx-answer.json" || die "nginx's answer differs from the server's"
}

# ---------------------------------------------------------------------------------------------
# wrk runs and parsing of --latency output.
NGINX_PIDS=() # master and workers, measured together
list_nginx_pids() { mapfile -t NGINX_PIDS < <(echo "$NGINX_PID"; pgrep -P "$NGINX_PID" || true); }

machine_busy_ticks() { # all CPUs, every state but idle and iowait
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

seconds_of_times() { # file written by bash's `times` -> CPU seconds of finished children
  awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, "m"); sum += t[1] * 60 + t[2] } }
    END { printf "%.3f\n", sum }' "$1"
}

# Cores used during a run (1.00 = one core busy throughout) by the target, by wrk, and by
# everything else on the machine; "other" should be near 0, or the machine was not quiet.
cpu_split() { # name wall-seconds target-ticks wrk-seconds machine-ticks
  awk -v w="$2" -v t="$3" -v k="$4" -v m="$5" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    target = t / hz / w; load = k / w; other = m / hz / w - target - load
    printf "%.2f %.2f %.2f\n", target, load, (other < 0 ? 0 : other) }' >"$WORK/cpu-$1.txt"
}

wait_for_idle_cores() { # waits up to 120 s for the machine to use under 0.25 cores (our idle targets too)
  local before after busy start=$SECONDS
  while :; do
    before=$(machine_busy_ticks)
    sleep 3
    after=$(machine_busy_ticks)
    busy=$(awk -v d=$((after - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", d / hz / 3 }')
    if awk -v b="$busy" 'BEGIN { exit !(b < 0.25) }'; then
      log "machine quiet ($busy cores busy)"
      return
    fi
    if ((SECONDS - start >= 120)); then
      log "warning: other processes still use $busy cores; measuring anyway (see 'other' CPU)"
      return
    fi
    log "other processes use $busy cores; waiting for a quiet machine. Busiest:"
    ps -eo pid,pcpu,etime,comm --sort=-pcpu | sed -n '2,4p' | sed 's/^/    /' >&2
  done
}

run_wrk() { # name url seconds pids-to-measure...
  local name=$1 url=$2 seconds=$3 target0 machine0 start target1 machine1 wall
  shift 3
  log "wrk -t$THREADS -c$CONNECTIONS -d${seconds}s --latency -> $name"
  target0=$(cpu_ticks "$@")
  machine0=$(machine_busy_ticks)
  times >"$WORK/times0.txt" # must run in this shell: $(times) would report a subshell's children
  start=$EPOCHREALTIME
  timeout $((seconds + 60)) wrk "-t$THREADS" "-c$CONNECTIONS" "-d${seconds}s" --latency \
    -s "$BENCH_DIR/check.lua" "$url" -- "$THREADS" >"$WORK/wrk-$name.txt"
  wall=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')
  times >"$WORK/times1.txt"
  machine1=$(machine_busy_ticks)
  target1=$(cpu_ticks "$@")
  sed 's/^/    /' "$WORK/wrk-$name.txt" >&2
  cpu_split "$name" "$wall" $((target1 - target0)) \
    "$(awk -v a="$(seconds_of_times "$WORK/times0.txt")" -v b="$(seconds_of_times "$WORK/times1.txt")" \
      'BEGIN { print b - a }')" $((machine1 - machine0))
  log "$name: cores used by target, wrk, others: $(cat "$WORK/cpu-$name.txt")"
}

# A measured run during which other processes took >= 0.25 cores is redone (at most twice more);
# the report says how many were redone. Telemetry accounting covers every run, redone or not.
REDONE=""
run_measured() { # name url pids-to-measure...
  local name=$1 url=$2 attempt other
  shift 2
  for attempt in 1 2 3; do
    wait_for_idle_cores
    run_wrk "$name" "$url" "$DURATION" "$@"
    if [[ $name == server ]]; then
      SERVER_RUNS=$((SERVER_RUNS + 1))
      SERVER_REQUESTS_ALL=$((SERVER_REQUESTS_ALL + $(wrk_field server requests)))
    fi
    other=$(wrk_field "$name" cpu-other)
    awk -v o="$other" 'BEGIN { exit !(o >= 0.25) }' || return 0
    ((attempt < 3)) || break
    log "other processes took $other cores during the $name run; redoing it"
    REDONE+="${REDONE:+, }$name (other load $other cores)"
  done
}
SERVER_REQUESTS_ALL=0
SERVER_RUNS=0

to_ms() { # "638.00us" | "1.13ms" | "1.20s" | "1.00m" -> milliseconds
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0;
    else if (v ~ /m$/) printf "%.2f", v * 60000; else if (v ~ /s$/) printf "%.2f", v * 1000;
    else printf "?" }'
}

wrk_field() { # name field
  local f="$WORK/wrk-$1.txt"
  case "$2" in
    rps) awk '/^Requests\/sec:/ { printf "%d", $2 }' "$f" ;;
    requests) awk '/requests in/ { print $1 }' "$f" ;;
    p50) to_ms "$(awk '$1 == "50%" { print $2 }' "$f")" ;;
    p99) to_ms "$(awk '$1 == "99%" { print $2 }' "$f")" ;;
    non2xx) awk '/Non-2xx or 3xx responses:/ { n = $NF } END { print n + 0 }' "$f" ;;
    errors) awk '/Socket errors:/ { gsub(",", ""); n = $4 + $6 + $8 + $10 } END { print n + 0 }' "$f" ;;
    cpu) awk '{ print $1 }' "$WORK/cpu-$1.txt" ;;
    cpu-wrk) awk '{ print $2 }' "$WORK/cpu-$1.txt" ;;
    cpu-other) awk '{ print $3 }' "$WORK/cpu-$1.txt" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Report.
verdict() { if [[ $1 == 1 ]]; then echo "**met**"; else echo "**MISSED**"; fi; }

machine_block() {
  local cpu mem
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "- Machine: $(nproc) cores ($cpu), $mem RAM, Linux $(uname -r)"
  echo "- Java: $(java -version 2>&1 | head -n 1); server started as \`java -XX:+UseSerialGC -Xmx$HEAP -jar cli/target/petrel-cli-all.jar serve\` (the JVM options \`./petrel\` uses by default)"
  echo "- nginx: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'), worker_processes $NGINX_WORKERS, \`return 200\` of the captured JSON"
  echo "- wrk: $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }'), \`-t$THREADS -c$CONNECTIONS -d${DURATION}s --latency -s bench/check.lua\`, a new device id per request"
}

report() {
  local s_rps n_rps ratio s_p99 rss_kb rss_mb rss_mib answered ok_tput ok_p99 ok_rss ok_tel tel_line
  local commit wrk_total slack other
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  echo "## Check path vs nginx$( ((ROLLOUTS > 0)) && echo ", rollouts active ($ROLLOUTS extra platforms)")"
  echo
  echo "Run on $(date -u '+%Y-%m-%d %H:%M UTC') at commit \`$commit\` with \`$COMMAND\`."
  ((NGINX_ONLY)) ||
    echo "Order: ${WARMUP} s unrecorded warm-up of the server, then nginx for ${DURATION} s, then the server for ${DURATION} s."
  echo
  if ((NGINX_ONLY)); then
    echo "| | nginx, stand-in JSON |"
    echo "|---|---:|"
    echo "| requests/s | $(wrk_field nginx rps) |"
    echo "| p50 latency | $(wrk_field nginx p50) ms |"
    echo "| p99 latency | $(wrk_field nginx p99) ms |"
    echo "| requests answered | $(wrk_field nginx requests) |"
    echo "| non-2xx / socket errors | $(wrk_field nginx non2xx) / $(wrk_field nginx errors) |"
    echo "| CPU used by it / wrk / others (cores) | $(wrk_field nginx cpu) / $(wrk_field nginx cpu-wrk) / $(wrk_field nginx cpu-other) |"
    echo
    echo "Server half not run (--nginx-only); no targets evaluated."
    echo
    machine_block
    return
  fi
  echo "| | server \`POST /api/updates/check\` | nginx, same JSON |"
  echo "|---|---:|---:|"
  for row in "requests/s:rps:" "p50 latency:p50: ms" "p99 latency:p99: ms" "requests answered:requests:" \
    "CPU used by it (cores):cpu:" "CPU used by wrk (cores):cpu-wrk:" \
    "CPU used by other processes (cores):cpu-other:"; do
    IFS=: read -r label field unit <<<"$row"
    echo "| $label | $(wrk_field server "$field")$unit | $(wrk_field nginx "$field")$unit |"
  done
  echo "| non-2xx / socket errors | $(wrk_field server non2xx) / $(wrk_field server errors) | $(wrk_field nginx non2xx) / $(wrk_field nginx errors) |"
  echo

  s_rps=$(wrk_field server rps)
  n_rps=$(wrk_field nginx rps)
  ratio=$(awk -v s="$s_rps" -v n="$n_rps" 'BEGIN { printf "%.0f", (n > 0 ? 100 * s / n : 0) }')
  ok_tput=$(awk -v s="$s_rps" -v n="$n_rps" 'BEGIN { print ((n > 0 && 2 * s >= n) ? 1 : 0) }')
  s_p99=$(wrk_field server p99)
  ok_p99=$(awk -v p="$s_p99" 'BEGIN { print ((p != "?" && p <= 10) ? 1 : 0) }')
  rss_kb=$PEAK_RSS_KB
  rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }')
  rss_mib=$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')
  ok_rss=$(awk -v k="$rss_kb" 'BEGIN { print ((k > 0 && k * 1024 <= 400e6) ? 1 : 0) }')

  wrk_total=$(($(wrk_field warmup requests) + SERVER_REQUESTS_ALL + 1))
  # Requests in flight when a wrk run stops are answered but not counted by wrk.
  slack=$(((1 + SERVER_RUNS) * CONNECTIONS))
  if [[ -n $CHECKS && -n $ROWS ]]; then
    answered=$CHECKS
    ok_tel=$(((ROWS + ${SHED:-0}) == CHECKS ? 1 : 0))
    tel_line="$CHECKS checks answered (server counter); $ROWS rows in \`$TELEMETRY_TABLE\` after shutdown + ${SHED:-0} shed = $((ROWS + ${SHED:-0}))"
    tel_line+="; read before shutdown: recorded ${RECORDED:-n/a}, queued ${QUEUED:-n/a}, failed ${FAILED:-n/a}"
  elif [[ -n $ROWS ]]; then
    answered="$wrk_total (wrk)"
    ok_tel=$(((ROWS >= wrk_total && ROWS <= wrk_total + slack) ? 1 : 0))
    tel_line="no server counters; $ROWS rows in \`$TELEMETRY_TABLE\` after shutdown vs $wrk_total requests wrk saw answered (warm-up + runs + 1 capture; up to $slack more may be answered after wrk stops counting); shed: ${SHED:-not visible}"
  else
    answered="n/a"
    ok_tel=0
    tel_line="neither server counters nor the \`$TELEMETRY_TABLE\` table were readable"
  fi
  other=$(awk -v a="$(wrk_field server cpu-other)" -v b="$(wrk_field nginx cpu-other)" \
    'BEGIN { printf "%.2f", (a > b ? a : b) }')
  if awk -v o="$other" 'BEGIN { exit !(o >= 0.25) }'; then
    echo "- **The machine was not quiet:** other processes used up to $other cores during a measured run, so these numbers are not clean; rerun on a quiet machine."
  else
    echo "- The machine was quiet: other processes used at most $other cores during a measured run."
  fi
  [[ -z $REDONE ]] || echo "- Runs redone because other processes were busy: $REDONE."
  echo "- Server peak RSS (VmHWM): $rss_mib MiB ($rss_mb MB)."
  echo "- Telemetry: $tel_line. wrk saw $wrk_total checks answered (warm-up $(wrk_field warmup requests) + server runs $SERVER_REQUESTS_ALL + 1 capture). Shutdown took ${SERVER_STOP_S} s."
  echo
  echo "| target | measured | |"
  echo "|---|---|---|"
  echo "| check throughput ≥ 50 % of nginx's | $ratio % ($s_rps vs $n_rps req/s) | $(verdict "$ok_tput") |"
  echo "| check p99 ≤ 10 ms | $s_p99 ms | $(verdict "$ok_p99") |"
  echo "| server RSS ≤ 400 MB | $rss_mb MB peak | $(verdict "$ok_rss") |"
  echo "| every answered check recorded or counted as shed | ${ROWS:-n/a} rows + ${SHED:-n/a} shed vs $answered answered | $(verdict "$ok_tel") |"
  echo
  machine_block
}

record() { # results-file
  local doc="$ROOT/docs/BENCHMARKS.md"
  mkdir -p "$ROOT/docs"
  [[ -f $doc ]] || printf '# Benchmarks\n\n' >"$doc"
  local heading
  heading=$(head -n 1 "$1")
  awk -v results="$1" -v heading="$heading" '
    function emit() { while ((getline line < results) > 0) print line; close(results); done = 1 }
    $0 == heading { emit(); skip = 1; next }
    skip && /^## / { skip = 0; print "" }
    !skip { print }
    END { if (!done) { print ""; emit() } }' "$doc" >"$doc.tmp"
  mv "$doc.tmp" "$doc"
  log "results written to docs/BENCHMARKS.md"
}

# ---------------------------------------------------------------------------------------------
main() {
  local check_path=/api/updates/check
  if ((NGINX_ONLY)); then
    log "--nginx-only: serving a stand-in answer shaped like the seed API's"
    cat >"$WORK/answer.json" <<'EOF'
{"update_available":true,"latest_version":"1.3.0","version_code":4,"download_url":"https://example.com/app-1.3.0.apk","file_size":25000000,"checksum":"0d4f0f7b2f1c3b8e9a6d5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a392817","release_notes":"Benchmark release 1.3.0 for android.","is_mandatory":false,"message":"Update available"}
EOF
    start_nginx "$WORK/answer.json"
    wait_for_idle_cores
    list_nginx_pids
    run_wrk nginx "http://127.0.0.1:$NGINX_PORT$check_path" "$DURATION" "${NGINX_PIDS[@]}"
    report
    return
  fi

  BENCH_BUILD=$BUILD build_cli_jar "$ROOT" "$JAR"
  start_server
  seed_releases
  seed_rollouts
  capture_answer
  start_nginx "$WORK/answer.json"
  wait_for_idle_cores

  ((WARMUP > 0)) && run_wrk warmup "http://127.0.0.1:$SERVER_PORT$check_path" "$WARMUP" "$SERVER_PID"
  ((WARMUP > 0)) || echo "0 requests in 0s" >"$WORK/wrk-warmup.txt"
  list_nginx_pids
  run_measured nginx "http://127.0.0.1:$NGINX_PORT$check_path" "${NGINX_PIDS[@]}"
  run_measured server "http://127.0.0.1:$SERVER_PORT$check_path" "$SERVER_PID"

  PEAK_RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
  read_counters
  stop_server_and_count_rows

  report >"$WORK/results.md"
  cat "$WORK/results.md"
  ((RECORD)) && record "$WORK/results.md"
  return 0
}

main
