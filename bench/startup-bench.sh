#!/usr/bin/env bash
# Start-to-ready benchmark: milliseconds from launching `petrel serve` (through the ./petrel
# launcher, as an operator does) to the first `200` from GET /api/system/ready, on a fresh data
# directory and on an existing one. See bench/README.md.
#
#   bench/startup-bench.sh                 5 runs of each, median and max
#   bench/startup-bench.sh --runs 9        more runs
#   bench/startup-bench.sh --launcher CMD  time CMD serve ... instead of ./petrel serve
#
# PETREL_JAVA_OPTS is passed through (e.g. to compare without the class data archive:
# PETREL_JAVA_OPTS='-XX:+UseSerialGC -Xmx256m -Xshare:auto' or -XX:SharedArchiveFile=none).
# Everything listens on 127.0.0.1 only; every server started here is stopped before the next.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=5
LAUNCHER="$ROOT/petrel"

while (($#)); do
  case "$1" in
    --runs) RUNS=${2:?--runs needs a count}; shift ;;
    --launcher) LAUNCHER=${2:?--launcher needs a command}; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "startup-bench: needs $tool" >&2; exit 2; }
done

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

now_ms() { date +%s%3N; }

# Starts a server on data dir $1, prints the milliseconds until /api/system/ready answers 200,
# then stops it.
time_one() {
  local data=$1 port start end
  port=$(free_port)
  start=$(now_ms)
  PETREL_ADMIN_TOKEN=startup-bench-token-0123456789abcdef0123456789 \
    "$LAUNCHER" serve --data-dir "$data" --port "$port" >"$WORK/server.log" 2>&1 &
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
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
  echo $((end - start))
}

summary() { # label, then the figures
  local label=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v label="$label" '
    { v[NR] = $1 }
    END {
      median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "| %s | %d | %d | %d | %d |\n", label, NR, median, v[1], v[NR]
    }'
}

# The launcher builds the jar (and its class data archive) on first use: do that before timing.
"$LAUNCHER" --version >/dev/null

fresh=() existing=()
for ((i = 1; i <= RUNS; i++)); do
  fresh+=("$(time_one "$WORK/fresh-$i")")
  existing+=("$(time_one "$WORK/fresh-$i")")
done

echo "start to ready, ms ($LAUNCHER serve; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| data dir | runs | median | min | max |"
echo "|---|---|---|---|---|"
summary "fresh (migrations run)" "${fresh[@]}"
summary "existing (schema up to date)" "${existing[@]}"
