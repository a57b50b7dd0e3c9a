#!/usr/bin/env bash
# What a node's first seconds of traffic cost (issue 13): a node with releases in its catalogue is
# started (on SQLite, through ./petrel as an operator starts it) and, the moment it answers ready,
# bench/ClusterLoad.java sends it checks and client events at fixed rates, open-loop and directly
# (no load balancer). The driver compiles its own code first, against a stand-in inside its JVM
# (--prewarm), so that the first seconds show the node's cold paths rather than the driver's.
# The latency of the first seconds against the last ones shows how much of the paths devices use
# was still cold when the node opened its port; the start's rehearsal (PETREL_CHECK_REHEARSAL)
# exists to make that small.
#
#   bench/first-seconds-bench.sh                         3 rounds, rehearsal off and on, alternating
#   bench/first-seconds-bench.sh --launcher OTHER/petrel also OTHER's ./petrel (rehearsal on) each round
#   bench/first-seconds-bench.sh --busy 1                beside 1 busy loop (as beside serving nodes)
#   bench/first-seconds-bench.sh --check-rate 1500 --event-rate 150 --seconds 30 --rounds 5
#   bench/first-seconds-bench.sh --keep DIR              keeps each start's timeline.csv and log in DIR
#   bench/first-seconds-bench.sh --java-opts "OPTS"      also ./petrel with PETREL_JAVA_OPTS=OPTS each round
#
# Per variant it prints the median over the rounds of: ready (ms from launch), and the p99 of the
# checks and of the events due in the first second after ready, in seconds 1-5 and in the last
# 10 s (each window's largest per-second p99), the requests that failed, and the node's CPU in the
# first 10 s after ready and in the last 10 s (seconds of CPU: all its threads, compilers included).
# Needs curl and gawk; everything listens on 127.0.0.1; every server is stopped before the next.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=first-seconds-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
ROUNDS=3
SECONDS_RUN=30
CHECK_RATE=1000
EVENT_RATE=100
BUSY=0
OTHER=""
KEEP=""
JAVA_OPTS=""
PREWARM=8
TOKEN=first-seconds-bench-token-0123456789abcdef0123

while (($#)); do
  case "$1" in
    --rounds) ROUNDS=${2:?}; shift ;;
    --seconds) SECONDS_RUN=${2:?}; shift ;;
    --check-rate) CHECK_RATE=${2:?}; shift ;;
    --event-rate) EVENT_RATE=${2:?}; shift ;;
    --busy) BUSY=${2:?}; shift ;;
    --launcher) OTHER=${2:?}; shift ;;
    --keep) KEEP=${2:?}; shift ;;
    --java-opts) JAVA_OPTS=${2:?}; shift ;;
    --no-build) BENCH_BUILD=0 ;;
    -h | --help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
require_whole_numbers "$ROUNDS" "$SECONDS_RUN" "$CHECK_RATE" "$EVENT_RATE" "$BUSY"
((SECONDS_RUN >= 20)) || die "--seconds must be at least 20"
ensure_packages curl:curl gawk:gawk ss:iproute2

WORK=$(mktemp -d /tmp/petrel-first-seconds.XXXXXX)
SERVER_PID=""
LOAD_PID=""
CPU_SAMPLER_PID=""
cleanup() {
  local rc=$?
  stop_pid "$LOAD_PID" TERM 5
  stop_pid "$CPU_SAMPLER_PID" TERM 5
  stop_pid "$SERVER_PID" TERM 30
  stop_busy_loops
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() { # launcher data-dir port [VAR=value...] -> SERVER_PID
  local launcher=$1 data=$2 port=$3
  shift 3
  env PETREL_ADMIN_TOKEN=$TOKEN "$@" "$launcher" serve --host 127.0.0.1 --port "$port" \
    --data-dir "$data" >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
}

api() { # method path [curl args...]
  local method=$1 path=$2
  shift 2
  curl -sS -f --max-time 60 -X "$method" "http://127.0.0.1:$PORT$path" -H "Authorization: Bearer $TOKEN" "$@"
}

# The catalogue the load is drawn from (the cluster bench's: android and linux 1.1.0 for everyone
# and 1.2.0 for 10 %), published once into a data dir that every start then copies.
prepare() {
  local platform release version code share file sha
  PORT=$(free_port)
  start_server "$ROOT/petrel" "$WORK/template" "$PORT"
  wait_for_http "http://127.0.0.1:$PORT/api/system/ready" 200 120 "$SERVER_PID" ||
    { cat "$WORK/server.log" >&2; die "the server did not start"; }
  for platform in android linux; do
    for release in 1.1.0:2:10000 1.2.0:3:1000; do
      IFS=: read -r version code share <<<"$release"
      file="$WORK/app-$platform-$version.bin"
      head -c 1048576 /dev/urandom >"$file"
      sha=$(sha256sum "$file" | cut -d' ' -f1)
      api POST "/api/v1/apps/default/artifacts?file_name=app-$version.bin" -H "X-Petrel-Sha256: $sha" \
        -H 'Content-Type: application/octet-stream' --data-binary "@$file" >/dev/null
      api POST /api/v1/apps/default/releases -H 'Content-Type: application/json' --data-binary \
        "{\"platform\":\"$platform\",\"version\":\"$version+$code\",\"artifact_sha256\":\"$sha\",\"file_name\":\"app-$version.bin\",\"rollout_basis_points\":$share}" >/dev/null
    done
  done
  sleep 5 # the patches between the versions
  stop_pid "$SERVER_PID" TERM 30
  SERVER_PID=""
  : >"$WORK/server.log"
  log "catalogue published: android and linux 1.1.0 (100 %) and 1.2.0 (10 %)"
}

# One start: launcher, label, env...; appends "label ready_ms c0 c1-5 clast e0 e1-5 elast failed"
# (the p99s of checks and events per window, and the requests that failed) to $WORK/results.
measure() {
  local launcher=$1 label=$2 data start ready out
  shift 2
  data="$WORK/data-$label-$ROUND"
  cp -a "$WORK/template" "$data"
  PORT=$(free_port)
  out="$WORK/load-$label-$ROUND"
  # the driver first compiles its own code against a stand-in, then waits for the node's ready
  java -XX:+UseSerialGC -Xmx512m -XX:TieredStopAtLevel=1 "$ROOT/bench/ClusterLoad.java" \
    --base "http://127.0.0.1:$PORT" --check-rate "$CHECK_RATE" --event-rate "$EVENT_RATE" \
    --event-batch 2 --download-rate 0 --warmup 0 --duration "$SECONDS_RUN" --timeline-step 1 \
    --prewarm "$PREWARM" --start-when-ready true --out "$out" >"$out.stdout" 2>"$out.stderr" &
  LOAD_PID=$!
  until grep -q 'load: prewarmed' "$out.stderr" 2>/dev/null; do
    kill -0 "$LOAD_PID" 2>/dev/null || { cat "$out.stderr" >&2; die "the load driver exited"; }
    sleep 0.1
  done
  start_busy_loops "$BUSY"
  start=$(date +%s%3N)
  start_server "$launcher" "$data" "$PORT" "$@"
  until curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/api/system/ready"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$WORK/server.log" >&2; die "the server exited"; }
    sleep 0.01
  done
  ready=$(($(date +%s%3N) - start))
  sample_node_cpu "$SERVER_PID" >"$WORK/cpu" &
  CPU_SAMPLER_PID=$!
  wait "$LOAD_PID" || { cat "$out.stderr" >&2; die "the load driver failed"; }
  wait "$CPU_SAMPLER_PID" || die "sampling the node's CPU failed"
  CPU_SAMPLER_PID=""
  LOAD_PID=""
  stop_busy_loops
  stop_pid "$SERVER_PID" TERM 30
  SERVER_PID=""
  rm -rf "$data"
  if [[ -n $KEEP ]]; then
    mkdir -p "$KEEP"
    cp "$out/timeline.csv" "$KEEP/$label-$ROUND.csv"
    cp "$WORK/server.log" "$KEEP/$label-$ROUND.log"
  fi
  : >"$WORK/server.log"
  # timeline.csv: second, then per stream sent,p50,p99,failed,answered (checks, events, downloads);
  # the p99 of a window of seconds is approximated by the largest per-second p99 in it
  gawk -F, -v label="$label" -v ready="$ready" -v last=$((SECONDS_RUN - 10)) -v cpu="$(cat "$WORK/cpu")" '
    NR == 1 { next }
    function upd(name, v) { if (v != "–" && v + 0 > m[name]) m[name] = v + 0 }
    {
      w = $1 < 1 ? "0" : ($1 < 5 ? "15" : ($1 >= last ? "last" : ""))
      failed += $5 + $10
      if (w == "") next
      upd("c" w, $4); upd("e" w, $9)
    }
    END {
      printf "%s %d %.1f %.1f %.1f %.1f %.1f %.1f %d %s\n", label, ready, m["c0"], m["c15"], m["clast"],
        m["e0"], m["e15"], m["elast"], failed, cpu
    }' "$out/timeline.csv" >>"$WORK/results"
  log "$label: ready in $ready ms; $(tail -n 1 "$WORK/results" | cut -d' ' -f3-)"
}

# The node's CPU in the 10 s after ready and in the last 10 s of the load, in seconds: "first last"
# (the node is sampled until the driver's run ends, SECONDS_RUN after ready).
sample_node_cpu() { # pid
  local hz a b c d
  hz=$(getconf CLK_TCK)
  a=$(cpu_ticks "$1"); sleep 10
  b=$(cpu_ticks "$1"); sleep $((SECONDS_RUN - 20))
  c=$(cpu_ticks "$1"); sleep 10
  d=$(cpu_ticks "$1")
  awk -v a="$a" -v b="$b" -v c="$c" -v d="$d" -v hz="$hz" 'BEGIN { printf "%.2f %.2f", (b - a) / hz, (d - c) / hz }'
}

report() { # load-before
  echo "first seconds after ready ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs);"
  echo "$CHECK_RATE checks/s and $EVENT_RATE events/s (batches of 2) for $SECONDS_RUN s from ready, $ROUNDS rounds$( ((BUSY == 0)) || echo ", beside $BUSY busy loops");"
  echo "load before $1, after $(cut -d' ' -f1-3 /proc/loadavg); $ROOT/petrel at $(git -C "$ROOT" rev-parse --short HEAD)${OTHER:+; other: $OTHER}${JAVA_OPTS:+; java-opts: PETREL_JAVA_OPTS=$JAVA_OPTS})"
  echo
  echo "Medians over the rounds; p99 of a window is the largest per-second p99 in it (ms)."
  echo
  echo "| start | ready ms | checks p99 1st s | 1-5 s | last 10 s | events p99 1st s | 1-5 s | last 10 s | failed | node CPU s, 1st 10 s | last 10 s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  gawk '
    { n[$1]++; for (i = 2; i <= NF; i++) v[$1, i, n[$1]] = $i; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
    function median(l, i,   a, j, c) { c = n[l]; for (j = 1; j <= c; j++) a[j] = v[l, i, j] + 0; asort(a); return c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2 }
    END {
      for (j = 1; j <= k; j++) {
        l = order[j]; printf "| %s | %d |", l, median(l, 2)
        for (i = 3; i <= 8; i++) printf " %.1f |", median(l, i)
        printf " %d | %.2f | %.2f |\n", median(l, 9), median(l, 10), median(l, 11)
      }
    }' "$WORK/results"
  echo
  echo "Each start (label, ready ms, checks p99 1st s, 1-5 s, last 10 s, events the same, failed, node CPU s 1st and last 10 s):"
  sed 's/^/    /' "$WORK/results"
}

main() {
  build_cli_jar "$ROOT" "$ROOT/cli/target/petrel-cli-all.jar"
  "$ROOT/petrel" --version >/dev/null
  [[ -z $OTHER ]] || "$OTHER" --version >/dev/null
  wait_for_quiet 1.0 120
  local load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  prepare
  : >"$WORK/results"
  for ((ROUND = 1; ROUND <= ROUNDS; ROUND++)); do
    measure "$ROOT/petrel" rehearsal-off PETREL_CHECK_REHEARSAL=0
    measure "$ROOT/petrel" rehearsal-on
    [[ -z $OTHER ]] || measure "$OTHER" other-rehearsal-on
    [[ -z $JAVA_OPTS ]] || measure "$ROOT/petrel" java-opts-rehearsal-on "PETREL_JAVA_OPTS=$JAVA_OPTS"
  done
  report "$load_before"
}

main
