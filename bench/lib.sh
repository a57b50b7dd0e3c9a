# Shared plumbing of the bench/*.sh scripts; source it after setting BENCH_NAME:
#
#   BENCH_NAME=cluster-bench
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Everything here listens on 127.0.0.1 only and writes nothing outside the caller's directories.
# shellcheck shell=bash

log() { printf '[%s] %s\n' "${BENCH_NAME:-bench}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ensure_packages command:package ... — apt-get installs the Debian packages whose command is
# missing (as root; it says so and stops otherwise), and nothing when every command is there.
ensure_packages() {
  local -a missing=()
  local pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || [[ -x /usr/sbin/${pair%%:*} ]] || missing+=("${pair#*:}")
  done
  ((${#missing[@]} == 0)) && return 0
  ((EUID == 0)) || die "needs the Debian packages ${missing[*]}; install them (apt-get install ${missing[*]})"
  log "installing missing packages: ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# require_whole_numbers value... — stops with exit status 2, naming the value, unless every value
# is a whole number (the scripts' counts, rates and seconds).
require_whole_numbers() {
  local n
  for n in "$@"; do
    [[ $n =~ ^[0-9]+$ ]] || { log "expected a whole number, found '$n'"; exit 2; }
  done
}

# start_busy_loops n — n shell loops that never sleep, at the caller's priority (a node started
# beside others that keep the cores busy); their pids in BUSY_PIDS. stop_busy_loops ends them;
# busy_ticks is the CPU ticks they have used so far.
BUSY_PIDS=()
start_busy_loops() {
  local n
  for ((n = 0; n < $1; n++)); do
    sh -c 'while :; do :; done' &
    BUSY_PIDS+=($!)
  done
}
stop_busy_loops() {
  ((${#BUSY_PIDS[@]})) || return 0
  kill "${BUSY_PIDS[@]}" 2>/dev/null || true
  wait "${BUSY_PIDS[@]}" 2>/dev/null || true
  BUSY_PIDS=()
}
busy_ticks() {
  cpu_ticks "${BUSY_PIDS[@]}"
}

# stop_pid pid signal grace-seconds — signals pid, waits up to grace seconds, then SIGKILLs it.
stop_pid() {
  local pid=$1 signal=$2 grace=$3 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still running after ${grace}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# free_port — a loopback TCP port nothing listens on now, below Linux's ephemeral range (32768 and
# up), so that no outgoing connection takes it before the caller's server binds it.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 12000))
    if ! ss -Htln "sport = :$port" | grep -q .; then
      echo "$port"
      return
    fi
  done
  die "no free loopback port found"
}

# wait_for_http url expected-status seconds pid-to-watch [curl args...] — polls url every 0.1 s;
# fails when pid exits or the time is up.
wait_for_http() {
  local url=$1 expected=$2 seconds=$3 pid=$4 status i
  shift 4
  for ((i = 0; i < seconds * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$@" "$url" || true)
    [[ $status == "$expected" ]] && return 0
    sleep 0.1
  done
  return 1
}

# wait_for_quiet load seconds — waits until the 1-minute load average is under load; after
# seconds, goes on anyway and says so (the caller prints the load with its results).
wait_for_quiet() {
  local quiet=$1 limit=$2 start=$SECONDS load
  while :; do
    load=$(awk '{ print $1 }' /proc/loadavg)
    if awk -v l="$load" -v q="$quiet" 'BEGIN { exit !(l < q) }'; then
      log "load average $load"
      return
    fi
    if ((SECONDS - start >= limit)); then
      log "warning: load average still $load after ${limit}s; measuring anyway"
      return
    fi
    log "load average $load >= $quiet; waiting. Busiest:"
    ps -eo pid,pcpu,etime,comm --sort=-pcpu | sed -n '2,4p' | sed 's/^/    /' >&2
    sleep 15
  done
}

# build_cli_jar root jar — builds the command line's fat jar when it is missing or older than any
# main source or pom (BENCH_BUILD=0 only checks that it exists).
build_cli_jar() {
  local root=$1 jar=$2
  if [[ ${BENCH_BUILD:-1} == 0 ]]; then
    [[ -f $jar ]] || die "$jar missing and --no-build given"
    return 0
  fi
  if [[ -f $jar ]] && [[ -z $(find "$root" -path "$root/*/target" -prune -o -path "$root/.git" -prune \
    -o -type f \( -path '*/src/main/*' -o -name pom.xml \) -newer "$jar" -print -quit) ]]; then
    log "server jar is up to date"
    return 0
  fi
  log "building the server (./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl cli -am package)"
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl cli -am package >&2)
  [[ -f $jar ]] || die "build finished but $jar is missing"
}

# cpu_ticks pid... — user + system clock ticks used so far by the given processes, all their
# threads (gone ones: 0).
cpu_ticks() {
  local pid total=0
  for pid in "$@"; do
    [[ $pid =~ ^[0-9]+$ ]] || continue
    total=$((total + $(stat_ticks "/proc/$pid/stat")))
  done
  echo "$total"
}

# stat_ticks file — user + system clock ticks in one /proc stat file (0 when it is gone). A
# process's /proc/<pid>/stat sums all its threads, and so does /proc/<tid>/stat for any of them;
# one thread alone is /proc/<pid>/task/<tid>/stat.
stat_ticks() {
  local t
  # fields after the command name, which may hold spaces: utime and stime are the 12th and 13th
  t=$(sed 's/^.*) //' "$1" 2>/dev/null | awk '{ print $12 + $13 }') || t=0
  echo "${t:-0}"
}

# start_s3proxy_in directory log-file bucket — starts s3proxy (from Maven Central, the version the
# build uses; fetched when missing) over directory (its "filesystem" backend) with one empty bucket,
# and sets S3_ENDPOINT, S3_PID, S3_ACCESS, S3_SECRET and S3_BUCKET. The caller stops S3_PID.
start_s3proxy_in() {
  local dir=$1 logfile=$2 jar version port root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  S3_BUCKET=$3
  S3_ACCESS=${BENCH_NAME:-bench}-access
  S3_SECRET=${BENCH_NAME:-bench}-secret-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
  version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$root/pom.xml")
  jar="$HOME/.m2/repository/org/gaul/s3proxy/$version/s3proxy-$version-jar-with-dependencies.jar"
  if [[ ! -f $jar ]]; then
    log "fetching s3proxy $version from Maven Central"
    (cd "$root" && ./mvnw -q -B dependency:get "-Dartifact=org.gaul:s3proxy:$version:jar:jar-with-dependencies" >&2)
  fi
  port=$(free_port)
  S3_ENDPOINT="http://127.0.0.1:$port"
  mkdir -p "$dir/$S3_BUCKET"
  printf '%s\n' "s3proxy.endpoint=$S3_ENDPOINT" "s3proxy.authorization=aws-v2-or-v4" \
    "s3proxy.identity=$S3_ACCESS" "s3proxy.credential=$S3_SECRET" \
    "jclouds.provider=filesystem" "jclouds.filesystem.basedir=$dir" >"$dir.conf"
  java -XX:+UseSerialGC -Xmx512m -jar "$jar" --properties "$dir.conf" >"$logfile" 2>&1 &
  S3_PID=$!
  wait_for_http "$S3_ENDPOINT/" 403 60 "$S3_PID" || wait_for_http "$S3_ENDPOINT/" 200 1 "$S3_PID" ||
    { tail -n 30 "$logfile" >&2; die "s3proxy did not start"; }
  log "s3proxy $version on $S3_ENDPOINT (bucket $S3_BUCKET on the file system)"
}
