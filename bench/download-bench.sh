#!/usr/bin/env bash
# Download benchmark: GET /downloads/<sha256> of one large artifact from the Petrel server versus
# nginx serving the same bytes with sendfile, single stream and parallel streams, in one run.
# See bench/README.md.
#
#   bench/download-bench.sh                      run and print a Markdown results block
#   bench/download-bench.sh --before OLD.jar     also measure an older server jar, interleaved
#   bench/download-bench.sh --record             also write the block into docs/BENCHMARKS.md
#
# Everything listens on 127.0.0.1 only; everything started here is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COMMAND="bench/download-bench.sh${*:+ $*}"
JAR="$ROOT/cli/target/petrel-cli-all.jar"
JAVA_OPTS=(-XX:+UseSerialGC -Xmx256m) # what ./petrel starts the server with

SIZE_MIB=200
RUNS=9
PARALLEL=8
BEFORE_JAR=""
BUILD=1
RECORD=0

usage() {
  cat <<EOF
usage: bench/download-bench.sh [--record] [--size-mib N] [--runs N] [--parallel N] [--before JAR] [--no-build]
  --record       replace the block between the download-bench markers in docs/BENCHMARKS.md
  --size-mib N   size of the artifact in MiB (default $SIZE_MIB)
  --runs N       measured rounds; each round downloads once from every target as a single stream,
                 then with N parallel streams (default $RUNS). Figures are medians over rounds.
  --parallel N   streams of the parallel downloads (default $PARALLEL)
  --before JAR   also measure this server jar (e.g. built from main), interleaved with the others
  --no-build     use cli/target/petrel-cli-all.jar as it is
EOF
}

while (($#)); do
  case "$1" in
    --size-mib) SIZE_MIB=${2:?--size-mib needs a number}; shift ;;
    --runs) RUNS=${2:?--runs needs a number}; shift ;;
    --parallel) PARALLEL=${2:?--parallel needs a number}; shift ;;
    --before) BEFORE_JAR=${2:?--before needs a jar}; shift ;;
    --no-build) BUILD=0 ;;
    --record) RECORD=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "download-bench: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
for n in "$SIZE_MIB" "$RUNS" "$PARALLEL"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "download-bench: expected a positive whole number, found '$n'" >&2; exit 2; }
done
[[ -z $BEFORE_JAR || -f $BEFORE_JAR ]] || { echo "download-bench: no such jar: $BEFORE_JAR" >&2; exit 2; }

BENCH_NAME=download-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

ensure_packages nginx:nginx-light curl:curl
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---------------------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/petrel-download-bench.XXXXXX)
chmod 755 "$WORK" # nginx workers drop root and must be able to enter their prefix
declare -A PID=() PORT=()
NGINX_PID=""


cleanup() {
  local rc=$? name
  for name in "${!PID[@]}"; do stop_pid "${PID[$name]}" TERM 30; done
  stop_pid "$NGINX_PID" QUIT 10
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM




# ---------------------------------------------------------------------------------------------
ADMIN_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
ARTIFACT="$WORK/artifact.bin"
SHA=""

make_artifact() {
  log "writing a $SIZE_MIB MiB artifact of random bytes"
  head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$ARTIFACT"
  SHA=$(sha256sum "$ARTIFACT" | cut -d' ' -f1)
}

start_petrel() { # name jar
  local name=$1 jar=$2 port status
  port=$(free_port)
  mkdir -p "$WORK/$name"
  log "starting $name ($jar) on 127.0.0.1:$port: java ${JAVA_OPTS[*]} -jar ... serve"
  PETREL_ADMIN_TOKEN=$ADMIN_TOKEN java "${JAVA_OPTS[@]}" -jar "$jar" serve --port "$port" \
    --data-dir "$WORK/$name/data" >"$WORK/$name/server.log" 2>&1 &
  PID[$name]=$!
  PORT[$name]=$port
  wait_for_http "http://127.0.0.1:$port/api/system/health" 200 90 "${PID[$name]}" ||
    { tail -n 40 "$WORK/$name/server.log" >&2; die "$name did not become healthy within 90 s"; }
  status=$(curl -sS -o "$WORK/$name/upload.out" -w '%{http_code}' --max-time 300 \
    -X POST "http://127.0.0.1:$port/api/updates/upload" -H "Authorization: Bearer $ADMIN_TOKEN" \
    -H 'Content-Type: application/octet-stream' -H "X-Petrel-Sha256: $SHA" \
    --data-binary "@$ARTIFACT")
  [[ $status == 201 ]] || die "uploading to $name answered $status: $(cat "$WORK/$name/upload.out")"
}

start_nginx() {
  local prefix="$WORK/nginx" port
  port=$(free_port)
  mkdir -p "$prefix/logs" "$prefix/tmp" "$prefix/root/downloads"
  # Its own copy (the store's file is readable by the server's user only), in the page cache as
  # the server's is after the warm-up downloads.
  cp "$ARTIFACT" "$prefix/root/downloads/$SHA"
  chmod -R a+rX "$prefix/root"
  cat >"$prefix/nginx.conf" <<EOF
# One worker per core, as the JVM may use every core; sendfile is nginx's fastest way to send a file.
worker_processes auto;
daemon off;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $prefix/logs/access.log combined buffer=64k flush=1s;
  client_body_temp_path $prefix/tmp/client_body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  server {
    listen 127.0.0.1:$port;
    root $prefix/root;
    location /downloads/ { default_type application/octet-stream; etag on; }
  }
}
EOF
  "$NGINX" -t -q -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" ||
    die "nginx rejected $prefix/nginx.conf"
  log "starting nginx on 127.0.0.1:$port (sendfile on, worker_processes auto)"
  "$NGINX" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/logs/error.log" &
  NGINX_PID=$!
  PORT[nginx]=$port
  wait_for_http "http://127.0.0.1:$port/downloads/$SHA" 200 10 "$NGINX_PID" ||
    die "nginx did not serve the artifact within 10 s: $(cat "$prefix/logs/error.log")"
}

url_of() { echo "http://127.0.0.1:${PORT[$1]}/downloads/$SHA"; }

# Every target must send exactly the artifact, whole and as a range, before it is timed.
check_bytes() { # name
  local url got expected size=$((SIZE_MIB * 1024 * 1024))
  url=$(url_of "$1")
  got=$(curl -sS -f --max-time 300 "$url" | sha256sum | cut -d' ' -f1)
  [[ $got == "$SHA" ]] || die "$1 sent other bytes: sha256 $got, expected $SHA"
  got=$(curl -sS -f --max-time 300 -H "Range: bytes=12345-$((size / 2))" "$url" | sha256sum | cut -d' ' -f1)
  expected=$( (tail -c "+12346" "$ARTIFACT" || true) | head -c "$((size / 2 - 12345 + 1))" | sha256sum | cut -d' ' -f1)
  [[ $got == "$expected" ]] || die "$1 sent other bytes for a range: sha256 $got, expected $expected"
}

single() { # name -> bytes per second of one download
  local out code bytes speed
  out=$(curl -sS -o /dev/null --max-time 300 -w '%{http_code} %{size_download} %{speed_download}' "$(url_of "$1")")
  read -r code bytes speed <<<"$out"
  [[ $code == 200 && $bytes == $((SIZE_MIB * 1024 * 1024)) ]] || die "$1 answered $code with $bytes bytes"
  echo "$speed"
}

parallel() { # name -> total bytes per second of $PARALLEL simultaneous downloads
  local name=$1 url start i code bytes
  local -a pids=()
  url=$(url_of "$name")
  start=$EPOCHREALTIME
  for ((i = 0; i < PARALLEL; i++)); do
    curl -sS -o /dev/null --max-time 600 -w '%{http_code} %{size_download}\n' "$url" >"$WORK/par-$i.txt" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || die "a parallel download from $name failed"; done
  for ((i = 0; i < PARALLEL; i++)); do
    read -r code bytes <"$WORK/par-$i.txt"
    [[ $code == 200 && $bytes == $((SIZE_MIB * 1024 * 1024)) ]] || die "$name answered $code with $bytes bytes"
  done
  awk -v a="$start" -v b="$EPOCHREALTIME" -v n="$PARALLEL" -v s="$((SIZE_MIB * 1024 * 1024))" \
    'BEGIN { printf "%.0f\n", n * s / (b - a) }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
pids_of() { # target -> its processes (nginx: master and workers)
  if [[ $1 == nginx ]]; then echo "$NGINX_PID"; pgrep -P "$NGINX_PID" || true; else echo "${PID[$1]}"; fi
}
target_ticks() { # target -> utime + stime of its processes, in clock ticks
  local pid total=0
  for pid in $(pids_of "$1"); do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')))
  done
  echo "$total"
}
timed() { # kind target -> runs single/parallel, appends speed and the target's CPU ticks
  local kind=$1 name=$2 before speed
  before=$(target_ticks "$name")
  speed=$($kind "$name")
  echo "$speed" >>"$WORK/$kind-$name.txt"
  echo $(($(target_ticks "$name") - before)) >>"$WORK/ticks-$kind-$name.txt"
}
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# ---------------------------------------------------------------------------------------------
BENCH_BUILD=$BUILD build_cli_jar "$ROOT" "$JAR"
make_artifact
TARGETS=(nginx)
start_nginx
if [[ -n $BEFORE_JAR ]]; then
  cp "$BEFORE_JAR" "$WORK/before.jar" # the caller may rebuild it while this runs
  start_petrel before "$WORK/before.jar"
  TARGETS+=(before)
fi
cp "$JAR" "$WORK/petrel.jar"
start_petrel petrel "$WORK/petrel.jar"
TARGETS+=(petrel)

for name in "${TARGETS[@]}"; do
  check_bytes "$name"
  log "$name sends the right bytes (whole and range); warming up"
  for _ in 1 2 3; do single "$name" >/dev/null; done
done

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
BUSY0=$(busy_ticks)
RUN_START=$EPOCHREALTIME
for ((round = 1; round <= RUNS; round++)); do
  # The order rotates each round so that no target always follows another's page-cache work.
  for ((k = 0; k < ${#TARGETS[@]}; k++)); do
    timed single "${TARGETS[$(((k + round) % ${#TARGETS[@]}))]}"
  done
  for ((k = 0; k < ${#TARGETS[@]}; k++)); do
    timed parallel "${TARGETS[$(((k + round) % ${#TARGETS[@]}))]}"
  done
  line="round $round/$RUNS MiB/s single:"
  for name in "${TARGETS[@]}"; do line+=" $name $(mib "$(tail -n 1 "$WORK/single-$name.txt")")"; done
  line+="; $PARALLEL streams:"
  for name in "${TARGETS[@]}"; do line+=" $name $(mib "$(tail -n 1 "$WORK/parallel-$name.txt")")"; done
  log "$line"
done
BUSY=$(awk -v d=$(($(busy_ticks) - BUSY0)) -v hz="$(getconf CLK_TCK)" -v a="$RUN_START" -v b="$EPOCHREALTIME" \
  'BEGIN { printf "%.2f", d / hz / (b - a) }')
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A SINGLE=() PAR=() CPU1=() CPUN=()
cpu_per_gib() { # ticks-file streams-per-run -> CPU seconds the target used per GiB it sent
  awk -v hz="$(getconf CLK_TCK)" -v gib="$(awk -v m="$SIZE_MIB" -v n="$2" 'BEGIN { print m * n / 1024 }')" \
    '{ t += $1 } END { printf "%.2f", t / hz / (NR * gib) }' "$1"
}
for name in "${TARGETS[@]}"; do
  SINGLE[$name]=$(median <"$WORK/single-$name.txt")
  PAR[$name]=$(median <"$WORK/parallel-$name.txt")
  CPU1[$name]=$(cpu_per_gib "$WORK/ticks-single-$name.txt" 1)
  CPUN[$name]=$(cpu_per_gib "$WORK/ticks-parallel-$name.txt" "$PARALLEL")
done

describe() {
  case "$1" in
    nginx) echo "nginx $("$NGINX" -v 2>&1 | sed 's|.*nginx/||') sendfile" ;;
    before) echo "Petrel, before ($(basename "$BEFORE_JAR"))" ;;
    petrel) echo "Petrel ($(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- server || echo +changes))" ;;
  esac
}

REPORT=$({
  echo "Run on $(date -u '+%Y-%m-%d %H:%M') UTC at commit \`$(git -C "$ROOT" rev-parse --short HEAD)\` with \`$COMMAND\`;"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "$(uname -r), $(java -version 2>&1 | head -n 1). Artifact: $SIZE_MIB MiB of random bytes, in the page cache."
  echo "Load average $LOAD_START at the start, $LOAD_END at the end; the machine was $BUSY cores busy"
  echo "on average during the measured rounds (downloads included). Medians of $RUNS rounds; one curl per stream."
  echo
  echo "| server | single stream MiB/s | × nginx | CPU s/GiB | $PARALLEL streams MiB/s (total) | × nginx | CPU s/GiB |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for name in "${TARGETS[@]}"; do
    echo "| $(describe "$name") | $(mib "${SINGLE[$name]}") | $(ratio "${SINGLE[$name]}" "${SINGLE[nginx]}") | ${CPU1[$name]} |" \
      "$(mib "${PAR[$name]}") | $(ratio "${PAR[$name]}" "${PAR[nginx]}") | ${CPUN[$name]} |"
  done
  echo
  echo "CPU s/GiB: CPU time (user + system) of the server's processes while sending, per GiB sent,"
  echo "over all rounds (curl's receiving work is not in it)." 
  echo
  echo "Every round, MiB/s (single stream / $PARALLEL streams):"
  echo
  for name in "${TARGETS[@]}"; do
    printf -- '- %s: %s / %s\n' "$name" \
      "$(while read -r s; do printf '%s ' "$(mib "$s")"; done <"$WORK/single-$name.txt" | sed 's/ $//')" \
      "$(while read -r s; do printf '%s ' "$(mib "$s")"; done <"$WORK/parallel-$name.txt" | sed 's/ $//')"
  done
})
echo "$REPORT"
if ((RECORD)); then
  python3 - "$ROOT/docs/BENCHMARKS.md" "$REPORT" <<'PY'
import sys
path, block = sys.argv[1], sys.argv[2]
text = open(path).read()
start = text.index("<!-- download-bench:start -->")
end = text.index("<!-- download-bench:end -->", start)
open(path, "w").write(text[:start] + "<!-- download-bench:start -->\n" + block + "\n" + text[end:])
PY
  log "recorded in docs/BENCHMARKS.md"
fi
