#!/usr/bin/env bash
# Cluster load test (issue 13): nginx as the load balancer in front of 3 Petrel nodes sharing one
# PostgreSQL database and one S3 store (s3proxy over its file-system backend), all on loopback.
# bench/ClusterLoad.java drives checks at the rate of 100 M devices checking every 6 hours
# (4 600/s), client events at 10 % of that, and downloads, open-loop; one node is killed with
# SIGKILL at 30 % of the measured run and started again at 60 %. Afterwards every event a 202
# accepted is looked up in the database and every artifact is downloaded from every node.
#
#   bench/cluster-bench.sh                      warm-up 120 s, measured 600 s, kill at 180 s, restart at 360 s
#   bench/cluster-bench.sh --duration 120       a shorter run (kill and restart move with it)
#   bench/cluster-bench.sh --check-rate 2000 --event-rate 200 --download-rate 0.5 --warmup 20
#
# The database is a PostgreSQL server of its own (initdb in the work directory, as the `postgres`
# user when run as root), set up as an operator sets one up for this write load: 4 GB of shared
# buffers and WAL room for checkpoints on their 5-minute timer (max_wal_size 16 GB) instead of one
# every 1 GB of WAL; durability untouched (fsync, synchronous_commit and full-page writes on).
# --shared-postgres uses the server at PETREL_BENCH_PG (default postgres@127.0.0.1:5432, no
# password) with whatever settings it has, in a database of its own that is dropped afterwards.
# Needs root only to apt-get install nginx-light or postgresql when missing.
# Results (summary, timeline, logs) are kept under bench/out/cluster-<time>/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=cluster-bench
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
COMMAND="bench/cluster-bench.sh${*:+ $*}"
JAR="$ROOT/cli/target/petrel-cli-all.jar"
SHARED_PG=${PETREL_BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
OWN_PG=1
# the own server's settings (see the head); shown in the report
PG_SETTINGS="shared_buffers=4GB max_wal_size=16GB min_wal_size=1GB checkpoint_timeout=5min max_connections=200"

NODES=3
WARMUP=120
DURATION=600
KILL_AT=""
RESTART_AT=""
CHECK_RATE=4600
EVENT_RATE=460
EVENT_BATCH=2
DOWNLOAD_RATE=1
ARTIFACT_MIB=4
QUIET_LOAD=1.0
QUIET_WAIT=300
RESTART_NICE=0
TIMELINE_STEP=10
UPSTREAM_LOG=0

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  cat <<EOF
options: --duration S (default $DURATION) --warmup S ($WARMUP) --kill-at S (30 % of the duration)
         --restart-at S (60 %) --check-rate N ($CHECK_RATE) --event-rate N ($EVENT_RATE events/s)
         --event-batch N ($EVENT_BATCH) --download-rate N ($DOWNLOAD_RATE/s) --artifact-mib N ($ARTIFACT_MIB)
         --quiet-wait S (wait up to S s for a load under $QUIET_LOAD; default $QUIET_WAIT) --no-build
         --shared-postgres (the server at PETREL_BENCH_PG instead of one of its own)
         --restart-nice N (the restarted node runs at nice N, default 0: on one machine its start and
           compilation take CPU from the serving nodes, which a node restarted on its own would not)
         --timeline-step S (timeline.csv per S seconds, default $TIMELINE_STEP; the CPU of each part
           per second is in cpu-ticks-per-second.csv either way)
         --upstream-log (nginx writes each request's times to upstream.log: when it ended, the node,
           the status, the whole request, the connect and the answer's head, in seconds; summed per
           second and node in upstream-seconds.csv)
EOF
}

while (($#)); do
  case "$1" in
    --duration) DURATION=${2:?}; shift ;;
    --warmup) WARMUP=${2:?}; shift ;;
    --kill-at) KILL_AT=${2:?}; shift ;;
    --restart-at) RESTART_AT=${2:?}; shift ;;
    --check-rate) CHECK_RATE=${2:?}; shift ;;
    --event-rate) EVENT_RATE=${2:?}; shift ;;
    --event-batch) EVENT_BATCH=${2:?}; shift ;;
    --download-rate) DOWNLOAD_RATE=${2:?}; shift ;;
    --artifact-mib) ARTIFACT_MIB=${2:?}; shift ;;
    --quiet-wait) QUIET_WAIT=${2:?}; shift ;;
    --no-build) BENCH_BUILD=0 ;;
    --shared-postgres) OWN_PG=0 ;;
    --restart-nice) RESTART_NICE=${2:?}; shift ;;
    --timeline-step) TIMELINE_STEP=${2:?}; shift ;;
    --upstream-log) UPSTREAM_LOG=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" ;;
  esac
  shift
done
require_whole_numbers "$DURATION" "$WARMUP" "$CHECK_RATE" "$EVENT_RATE" "$EVENT_BATCH" \
  "$ARTIFACT_MIB" "$QUIET_WAIT" "$RESTART_NICE" "$TIMELINE_STEP"
# the defaults are computed from --duration, so only once it is known to be a number
KILL_AT=${KILL_AT:-$((DURATION * 3 / 10))}
RESTART_AT=${RESTART_AT:-$((DURATION * 6 / 10))}
require_whole_numbers "$KILL_AT" "$RESTART_AT"
[[ $DOWNLOAD_RATE =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--download-rate expects a number, found '$DOWNLOAD_RATE'"
((TIMELINE_STEP > 0)) || die "--timeline-step must be at least 1"
((KILL_AT < RESTART_AT && RESTART_AT < DURATION)) || die "need --kill-at < --restart-at < --duration"

ensure_packages nginx:nginx-light curl:curl psql:postgresql-client ss:iproute2
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if ((OWN_PG)); then
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || ensure_packages initdb:postgresql
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
else
  psql -qtA "$SHARED_PG/postgres" -c 'SELECT 1' >/dev/null || die "cannot reach PostgreSQL at $SHARED_PG"
fi

OUT="$ROOT/bench/out/cluster-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/petrel-cluster-bench.XXXXXX)
chmod 755 "$WORK" # nginx workers drop root and must be able to enter their prefix
PG_DB="petrel_cluster_$$"
declare -a NODE_PID=() NODE_PORT=()
S3_PID="" NGINX_PID="" LOAD_PID="" SAMPLER_PID="" PG_BASE="" PG_ADMIN=""

cleanup() {
  local rc=$? i
  stop_pid "$LOAD_PID" TERM 5
  stop_pid "$SAMPLER_PID" TERM 5
  for i in "${!NODE_PID[@]}"; do stop_pid "${NODE_PID[$i]}" TERM 30; done
  stop_pid "$NGINX_PID" QUIT 10
  stop_pid "$S3_PID" TERM 10
  if ((OWN_PG)); then
    [[ -f $WORK/pg/data/postmaster.pid ]] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast -w stop >/dev/null 2>&1
  elif [[ -n $PG_ADMIN ]]; then
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# The database: a PostgreSQL server of its own (default), or a database on the shared one.
as_postgres() { # command... — as the postgres user when root (PostgreSQL refuses to run as root)
  if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  if ((!OWN_PG)); then
    PG_BASE=$SHARED_PG
    PG_ADMIN="$PG_BASE/postgres"
    psql -q "$PG_ADMIN" -c "CREATE DATABASE $PG_DB" >/dev/null
    log "database $PG_DB on the shared server $SHARED_PG"
    return
  fi
  local port opts="" setting
  port=$(free_port)
  mkdir -p "$WORK/pg"
  ((EUID != 0)) || chown postgres: "$WORK/pg"
  as_postgres "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --locale=C >"$OUT/postgres-initdb.log" 2>&1 ||
    { cat "$OUT/postgres-initdb.log" >&2; die "initdb failed"; }
  for setting in $PG_SETTINGS listen_addresses=127.0.0.1 port=$port "unix_socket_directories='$WORK/pg'"; do
    opts+=" -c $setting"
  done
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/postgres.log" -o "$opts" -w -t 60 start >/dev/null ||
    { cat "$WORK/pg/postgres.log" >&2; die "PostgreSQL did not start"; }
  PG_BASE="postgresql://postgres@127.0.0.1:$port"
  PG_ADMIN="$PG_BASE/postgres"
  psql -q "$PG_ADMIN" -c "CREATE DATABASE $PG_DB" >/dev/null
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') of its own on 127.0.0.1:$port ($PG_SETTINGS)"
}

# ---------------------------------------------------------------------------------------------
# The object store: s3proxy over a directory (lib.sh).
start_s3proxy() {
  start_s3proxy_in "$WORK/s3" "$OUT/s3proxy.log" petrel-cluster
}

# ---------------------------------------------------------------------------------------------
# The nodes: ./petrel serve, as an operator starts it (class data archive, serial GC, 256 MiB).
ADMIN_TOKEN=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
start_node() { # index [nice level]
  local i=$1 niceness=${2:-0}
  [[ -n ${NODE_PORT[$i]:-} ]] || NODE_PORT[$i]=$(free_port)
  mkdir -p "$WORK/node-$i"
  AWS_ACCESS_KEY_ID=$S3_ACCESS AWS_SECRET_ACCESS_KEY=$S3_SECRET AWS_REGION=us-east-1 \
    PETREL_ADMIN_TOKEN=$ADMIN_TOKEN nice -n "$niceness" "$ROOT/petrel" serve --host 127.0.0.1 --port "${NODE_PORT[$i]}" \
    --data-dir "$WORK/node-$i" --public-url "http://127.0.0.1:$LB_PORT" \
    --database-url "jdbc:postgresql://${PG_BASE#postgresql://postgres@}/$PG_DB?user=postgres" \
    --artifact-store "s3://$S3_BUCKET/artifacts" --s3-endpoint "$S3_ENDPOINT" --s3-path-style true \
    >>"$OUT/node-$i.log" 2>&1 &
  NODE_PID[$i]=$!
  echo "${NODE_PID[$i]}" >"$WORK/node-$i.pid"
}

wait_node_ready() { # index -> milliseconds it took from now
  local i=$1 start
  start=$(date +%s%3N)
  wait_for_http "http://127.0.0.1:${NODE_PORT[$i]}/api/system/ready" 200 120 "${NODE_PID[$i]}" ||
    { tail -n 40 "$OUT/node-$i.log" >&2; die "node $i did not become ready"; }
  echo $(($(date +%s%3N) - start))
}

# ---------------------------------------------------------------------------------------------
# The load balancer: nginx, round robin, keep-alive to the nodes. A node that refuses connections
# or fails three requests is skipped for 3 s. Checks are POSTs but idempotent (answering one twice
# changes nothing a device sees), so nginx may retry them on the next node even once sent
# (non_idempotent); other POSTs (events, uploads) are retried only when no byte reached the node.
start_nginx() {
  local upstreams="" i
  for i in "${!NODE_PORT[@]}"; do
    upstreams+="    server 127.0.0.1:${NODE_PORT[$i]} max_fails=3 fail_timeout=3s;"$'\n'
  done
  mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
  local access_log="access_log off;"
  ((!UPSTREAM_LOG)) || access_log="log_format times '\$msec|\$upstream_addr|\$status|\$request_time|\$upstream_connect_time|\$upstream_header_time';
  access_log $OUT/upstream.log times buffer=256k flush=1s;"
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 16384; }
http {
  $access_log
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  keepalive_requests 100000000;
  client_max_body_size 1g;
  upstream petrel {
$upstreams    keepalive 128;
  }
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host \$http_host;
  proxy_set_header X-Forwarded-For \$remote_addr;
  proxy_connect_timeout 1s;
  proxy_read_timeout 30s;
  proxy_next_upstream_tries 3;
  server {
    listen 127.0.0.1:$LB_PORT backlog=4096;
    location ~ ^/api/v1/apps/[^/]+/check\$ {
      proxy_pass http://petrel;
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
    }
    location / {
      proxy_pass http://petrel;
      proxy_request_buffering off;
      proxy_next_upstream error timeout;
    }
  }
}
EOF
  "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
  NGINX_PID=$!
  wait_for_http "http://127.0.0.1:$LB_PORT/api/system/ready" 200 30 "$NGINX_PID" ||
    { cat "$WORK/nginx/logs/error.log" >&2; die "nginx did not start"; }
}

# ---------------------------------------------------------------------------------------------
# Releases: android and linux 1.1.0 (code 2, everyone) and 1.2.0 (code 3, 10 % and ramping),
# each with its own hosted artifact uploaded through the load balancer to S3: 1.1.0 is random bytes,
# 1.2.0 the same with 1/16 of it rewritten, so the servers make a patch between them (as they do
# on every publish); the load starts once every patch is made, and checks then offer it.
api() { # method path [curl args...] -> body; fails on a non-2xx answer
  local method=$1 path=$2
  shift 2
  curl -sS -f --max-time 120 -X "$method" "http://127.0.0.1:$LB_PORT$path" \
    -H "Authorization: Bearer $ADMIN_TOKEN" "$@"
}

make_artifacts() { # platform -> $WORK/app-<platform>-1.1.0.bin and -1.2.0.bin
  local old="$WORK/app-$1-1.1.0.bin" new="$WORK/app-$1-1.2.0.bin" mib=$((ARTIFACT_MIB * 1024 * 1024))
  head -c "$mib" /dev/urandom >"$old"
  cp "$old" "$new"
  head -c $((mib / 16)) /dev/urandom | dd of="$new" bs=4096 seek=$((mib / 4096 / 3)) conv=notrunc status=none
}

publish_release() { # platform version code share -> release id
  local platform=$1 version=$2 code=$3 share=$4 file sha ramp=""
  file="$WORK/app-$platform-$version.bin"
  sha=$(sha256sum "$file" | cut -d' ' -f1)
  api POST "/api/v1/apps/default/artifacts?file_name=app-$version.bin" -H "X-Petrel-Sha256: $sha" \
    -H 'Content-Type: application/octet-stream' --data-binary "@$file" >/dev/null ||
    die "uploading $file failed"
  ((share == 10000)) || ramp=',"ramp":[{"basis_points":1000,"min_dwell_minutes":1440},{"basis_points":10000}]'
  api POST /api/v1/apps/default/releases -H 'Content-Type: application/json' --data-binary \
    "{\"platform\":\"$platform\",\"version\":\"$version+$code\",\"artifact_sha256\":\"$sha\",\"file_name\":\"app-$version.bin\",\"release_notes\":\"Cluster bench $version\",\"rollout_basis_points\":$share$ramp}" \
    >"$WORK/publish.out" || die "publishing $platform $version failed"
  echo "$sha app-$version.bin $file" >>"$WORK/artifacts.txt"
  grep -o '"id":[0-9]*' "$WORK/publish.out" | head -n 1 | cut -d: -f2
}

publish_releases() {
  local platform id ids=() i states
  : >"$WORK/artifacts.txt"
  for platform in android linux; do
    make_artifacts "$platform"
    publish_release "$platform" 1.1.0 2 10000 >/dev/null
    ids+=("$(publish_release "$platform" 1.2.0 3 1000)")
  done
  log "published android and linux 1.1.0 (100 %) and 1.2.0 (10 %), ${ARTIFACT_MIB} MiB artifacts in S3; waiting for the patches"
  for id in "${ids[@]}"; do
    for ((i = 0; i < 600; i++)); do
      states=$(api GET "/api/v1/apps/default/releases/$id/deltas" | grep -o '"state":"[a-z]*"' | sort | uniq -c | xargs)
      [[ -n $states && $states != *pending* && $states != *running* ]] && break
      sleep 1
    done
    log "release $id: patches $states"
  done
}

# ---------------------------------------------------------------------------------------------
# Resources: CPU of each part over the measured run, read from /proc.
pg_pids() { # the own server's processes, or every PostgreSQL process on the machine
  local postmaster
  if ((OWN_PG)); then
    postmaster=$(head -n 1 "$WORK/pg/data/postmaster.pid")
    echo "$postmaster" $(pgrep -P "$postmaster")
  else
    pgrep -x postgres || pgrep -f '^postgres' || true
  fi
}
snapshot_cpu() { # label
  {
    echo "nodes $(cpu_ticks "${NODE_PID[@]}")"
    echo "nginx $(cpu_ticks "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true))"
    echo "postgres $(cpu_ticks $(pg_pids))"
    echo "s3proxy $(cpu_ticks "$S3_PID")"
    echo "total $(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)"
    echo "time $(date +%s%3N)"
  } >"$WORK/cpu-$1"
}

# Per second, for the timeline: CPU ticks so far of each node (the one now running), PostgreSQL,
# nginx, and the whole machine, one line each second into cpu-ticks-per-second.csv (see report).
# A killed node's column reads 0 until it runs again; a process gone mid-read must not stop this.
sample_cpu() {
  local i pids
  while sleep 1; do
    pids=""
    for ((i = 0; i < NODES; i++)); do pids+=" /proc/$(cat "$WORK/node-$i.pid")/stat"; done
    # gawk stops at a file it cannot open: pass only the processes that still exist (one that ends
    # between the test and the read costs that second's line)
    # shellcheck disable=SC2086 # one path per word
    awk -v ms="$(date +%s%3N)" -v nodes="$pids" -v pg=" $(pg_pids | xargs) " -v nginx=" $NGINX_PID $(pgrep -P "$NGINX_PID" | xargs) " '
      BEGIN { n = split(nodes, np, " ") }
      FNR == 1 && FILENAME != "/proc/stat" {
        split(FILENAME, p, "/"); t = $14 + $15; done = 0
        for (i = 1; i <= n; i++) if (FILENAME == np[i]) { node[i] = t; done = 1 }
        if (!done && index(pg, " " p[3] " ")) pgt += t
        else if (!done && index(nginx, " " p[3] " ")) ngt += t
      }
      FILENAME == "/proc/stat" && $1 == "cpu" { total = $2 + $3 + $4 + $7 + $8 }
      END { printf "%s", ms; for (i = 1; i <= n; i++) printf ",%d", node[i]; printf ",%d,%d,%d\n", pgt, ngt, total }
    ' $(for f in $pids $(for i in $(pg_pids) $NGINX_PID $(pgrep -P "$NGINX_PID"); do echo "/proc/$i/stat"; done); do
      [[ -e $f ]] && echo "$f"; done) /proc/stat 2>/dev/null || true
  done >>"$OUT/cpu-ticks-per-second.csv"
}

# ---------------------------------------------------------------------------------------------
main() {
  build_cli_jar "$ROOT" "$JAR"
  "$ROOT/petrel" --version >/dev/null 2>&1 # records the class data archive once per build
  wait_for_quiet "$QUIET_LOAD" "$QUIET_WAIT"
  local load_before
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  start_postgres
  start_s3proxy
  LB_PORT=$(free_port)
  local i ready
  start_node 0
  ready=$(wait_node_ready 0) || exit 1
  log "node 0 ready in $ready ms (migrations on a new database)"
  for ((i = 1; i < NODES; i++)); do start_node "$i"; done
  for ((i = 1; i < NODES; i++)); do
    ready=$(wait_node_ready "$i") || exit 1
    log "node $i ready in $ready ms"
  done
  start_nginx
  log "nginx on 127.0.0.1:$LB_PORT in front of nodes on ports ${NODE_PORT[*]}"
  publish_releases

  java -XX:+UseSerialGC -Xmx1g "$ROOT/bench/ClusterLoad.java" --base "http://127.0.0.1:$LB_PORT" \
    --check-rate "$CHECK_RATE" --event-rate "$EVENT_RATE" --event-batch "$EVENT_BATCH" \
    --download-rate "$DOWNLOAD_RATE" --warmup "$WARMUP" --duration "$DURATION" \
    --kill-at "$KILL_AT" --restart-at "$RESTART_AT" --timeline-step "$TIMELINE_STEP" --artifacts "$WORK/artifacts.txt" --out "$OUT" \
    >"$OUT/load.out" 2>"$OUT/load.err" &
  LOAD_PID=$!
  sample_cpu &
  SAMPLER_PID=$!
  local start_ms=""
  for ((i = 0; i < 600; i++)); do
    [[ -s $OUT/measured-start-epoch-ms ]] && { start_ms=$(cat "$OUT/measured-start-epoch-ms"); break; }
    kill -0 "$LOAD_PID" 2>/dev/null || { cat "$OUT/load.err" >&2; die "the load driver exited"; }
    sleep 0.1
  done
  [[ -n $start_ms ]] || die "the load driver did not start"
  log "warm-up ${WARMUP} s, then measured ${DURATION} s; node 1 is killed at ${KILL_AT} s, restarted at ${RESTART_AT} s"
  sleep_until $((start_ms)); snapshot_cpu start
  sleep_until $((start_ms + KILL_AT * 1000))
  local killed_pid=${NODE_PID[1]}
  local node_ticks_before
  node_ticks_before=$(cpu_ticks "$killed_pid")
  kill -KILL "$killed_pid"
  wait "$killed_pid" 2>/dev/null || true
  log "node 1 (pid $killed_pid) killed with SIGKILL at $(( ($(date +%s%3N) - start_ms) / 1000 )) s"
  sleep_until $((start_ms + RESTART_AT * 1000))
  start_node 1 "$RESTART_NICE"
  RESTART_READY_MS=$(wait_node_ready 1) || exit 1
  log "node 1 started again, ready in $RESTART_READY_MS ms"
  sleep_until $((start_ms + DURATION * 1000 - 1000)); snapshot_cpu end # the driver still runs
  wait "$LOAD_PID" || die "the load driver failed: $(tail -n 20 "$OUT/load.err")"
  LOAD_PID=""
  stop_pid "$SAMPLER_PID" TERM 5
  SAMPLER_PID=""
  ((!UPSTREAM_LOG)) || { kill -USR1 "$NGINX_PID" 2>/dev/null; sleep 1; summarize_upstream_log "$start_ms"; }
  report "$load_before" "$node_ticks_before"
}

# upstream.log (one line per request: end|nodes tried|status|request s|connect s|head s, retries
# comma-separated) -> upstream-seconds.csv: per second of the measured run and node last tried,
# requests, those over 50 ms in nginx, those whose node took over 50 ms to its answer's head, the
# longest of each, the longest connect, and requests retried on another node.
summarize_upstream_log() { # measured-start epoch ms
  local ports="" i
  for i in "${!NODE_PORT[@]}"; do ports+="${NODE_PORT[$i]}=$i "; done
  awk -F'|' -v start="$1" -v ports="$ports" '
    BEGIN {
      n = split(ports, pairs, " ")
      for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); node[kv[1]] = kv[2] }
      print "second,node,requests,over_50ms,head_over_50ms,max_ms,max_head_ms,max_connect_ms,retried"
      fflush() # before the sorted lines, which sort writes once awk ends
    }
    function last(field,    parts, k) { k = split(field, parts, ", "); return parts[k] }
    {
      sec = int($1 - start / 1000); if (sec < 0) next
      addr = last($2); sub(/.*:/, "", addr); nd = (addr in node) ? node[addr] : "-"
      key = sec "," nd; keys[key] = 1
      req[key]++; t = $4 * 1000; h = last($6) * 1000; c = last($5) * 1000
      if (t > 50) slow[key]++
      if (h > 50) slowhead[key]++
      if (t > maxt[key]) maxt[key] = t
      if (h > maxh[key]) maxh[key] = h
      if (c > maxc[key]) maxc[key] = c
      if (index($2, ",")) retried[key]++
    }
    END {
      for (key in keys)
        printf "%s,%d,%d,%d,%.0f,%.0f,%.0f,%d\n", key, req[key], slow[key], slowhead[key],
          maxt[key], maxh[key], maxc[key], retried[key] | "sort -t, -k1,1n -k2,2"
    }' "$OUT/upstream.log" >"$OUT/upstream-seconds.csv"
}

sleep_until() { # epoch ms
  local wait_ms=$(($1 - $(date +%s%3N)))
  ((wait_ms <= 0)) || sleep "$(awk -v m="$wait_ms" 'BEGIN { printf "%.3f", m / 1000 }')"
}

# ---------------------------------------------------------------------------------------------
# After the run: events, artifacts, resources.
verify_events() { # -> "missing accepted"
  local db="$PG_BASE/$PG_DB"
  psql -q "$db" >/dev/null <<EOF
CREATE TABLE bench_accepted (event_id VARCHAR(64) PRIMARY KEY);
\copy bench_accepted FROM '$OUT/accepted-events.txt'
EOF
  psql -qtA "$db" -c "SELECT count(*) FILTER (WHERE e.event_id IS NULL), count(*) FROM bench_accepted a
    LEFT JOIN client_events e ON e.event_id = a.event_id" | tr '|' ' '
}

verify_artifacts() { # -> lines "node artifact ok|FAILED"
  local i sha name path got
  for i in "${!NODE_PORT[@]}"; do
    while read -r sha name path; do
      got=$(curl -sSL --max-time 60 "http://127.0.0.1:${NODE_PORT[$i]}/downloads/$sha/$name" | sha256sum | cut -d' ' -f1)
      [[ $got == "$sha" ]] && echo "$i $name ok" || echo "$i $name FAILED"
    done <"$WORK/artifacts.txt"
  done
}

snap() { awk -v l="$2" '$1 == l { print $2 }' "$WORK/cpu-$1"; }
elapsed_s() { awk -v a="$(snap start time)" -v b="$(snap end time)" 'BEGIN { print (b - a) / 1000 }'; }
cores() { # label [extra ticks]
  awk -v a="$(snap start "$1")" -v b="$(snap end "$1")" -v k="${2:-0}" -v s="$(elapsed_s)" \
    -v t="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b + k - a) / t / s }'
}

report() { # load-before killed-node-ticks
  local missing accepted ok failed checks_db node_cores
  read -r missing accepted < <(verify_events)
  verify_artifacts >"$OUT/artifacts.txt"
  ok=$(grep -c ' ok$' "$OUT/artifacts.txt" || true)
  failed=$(grep -c 'FAILED' "$OUT/artifacts.txt" || true)
  checks_db=$(psql -qtA "$PG_BASE/$PG_DB" -c "SELECT count(*) FROM update_checks")
  # the killed node's CPU until it died counts too: it is no longer in the end snapshot
  node_cores=$(cores nodes "$2")
  {
    echo "## Cluster load test"
    echo
    echo "Command: \`$COMMAND\` at $(git -C "$ROOT" rev-parse --short HEAD), $(date -u +'%Y-%m-%d %H:%M UTC')."
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ { print $2 }') GiB,"
    echo "$(java -version 2>&1 | head -n 1), $("$NGINX" -v 2>&1 | cut -d/ -f2) (nginx), PostgreSQL $(psql -qtA "$PG_ADMIN" -c 'SHOW server_version' | cut -d' ' -f1) ($( ((OWN_PG)) && echo "its own server: $PG_SETTINGS" || echo "the shared server $SHARED_PG, shared_buffers $(psql -qtA "$PG_ADMIN" -c 'SHOW shared_buffers'), max_wal_size $(psql -qtA "$PG_ADMIN" -c 'SHOW max_wal_size')"))."
    echo "Load average before: $1; after: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Nodes: \`./petrel serve\` with JVM options \`${PETREL_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}\` (PETREL_JAVA_OPTS)."
    echo "$NODES nodes, ${CHECK_RATE} checks/s, ${EVENT_RATE} events/s in batches of $EVENT_BATCH, ${DOWNLOAD_RATE} downloads/s of ${ARTIFACT_MIB} MiB;"
    echo "warm-up ${WARMUP} s (not counted), measured ${DURATION} s; node 1 killed (SIGKILL) at ${KILL_AT} s, started at ${RESTART_AT} s$( ((RESTART_NICE == 0)) || echo " at nice $RESTART_NICE"), ready ${RESTART_READY_MS} ms later."
    echo
    cat "$OUT/summary.md"
    echo
    echo "Events answered 202 and found in client_events afterwards: $((accepted - missing)) of $accepted (missing: $missing)."
    echo "Artifacts downloaded from each node directly after the run (following its redirect to the store), SHA-256 compared: $ok ok, $failed failed."
    echo "Check rows in update_checks (telemetry, warm-up included; checks a killed node had answered but not yet written are lost by design): $checks_db."
    echo
    echo "CPU over the measured run, in cores (of $(nproc)): nodes $node_cores (3, then 2, then 3), nginx $(cores nginx), PostgreSQL $(cores postgres), s3proxy $(cores s3proxy), load driver $(awk -v ms="$(cat "$OUT/driver-cpu-ms")" -v s="$DURATION" 'BEGIN { printf "%.2f", ms / 1000 / s }'); whole machine $(cores total)."
    echo "Peak resident memory: $(for i in "${!NODE_PID[@]}"; do printf 'node %s %s MiB, ' "$i" "$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/${NODE_PID[$i]}/status" 2>/dev/null)"; done)database size $(psql -qtA "$PG_ADMIN" -c "SELECT pg_size_pretty(pg_database_size('$PG_DB'))")."
  } | tee "$OUT/report.md"
  cp "$WORK/nginx/logs/error.log" "$OUT/nginx-error.log" 2>/dev/null || true
  ((!OWN_PG)) || cp "$WORK/pg/postgres.log" "$OUT/postgres.log" 2>/dev/null || true
  cat "$WORK/cpu-start" "$WORK/cpu-end" >"$OUT/cpu-ticks.txt"
  log "results in ${OUT#"$ROOT"/}"
  ((missing == 0 && failed == 0)) || die "accepted events missing or artifacts not downloadable"
}

main
