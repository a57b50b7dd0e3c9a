#!/usr/bin/env bash
# CPU per thread of running processes (a node of bench/cluster-bench.sh, a server under
# bench/check-bench.sh), grouped by thread name with digits folded (Jetty's pool threads together,
# both compilers as "C# CompilerThre"): what each kind used over a window, in CPU seconds and cores.
# Reads /proc/<pid>/task/*/{comm,stat} at the start and at the end of the window; a thread that
# ends inside the window is not counted (its CPU is then missing from the total, which says so).
# Names are the kernel's, cut to 15 characters; a JVM's main thread is "java".
#
#   bench/thread-cpu.sh PID...                     over 10 s
#   bench/thread-cpu.sh --seconds 40 PID...        over 40 s
#   bench/thread-cpu.sh --every 5 --seconds 60 PID one table every 5 s for 60 s
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_NAME=thread-cpu
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
SECONDS_RUN=10
EVERY=0
PIDS=()
while (($#)); do
  case "$1" in
    --seconds) SECONDS_RUN=${2:?}; shift ;;
    --every) EVERY=${2:?}; shift ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) log "unknown option $1"; exit 2 ;;
    *) PIDS+=("$1") ;;
  esac
  shift
done
((${#PIDS[@]})) || { log "name at least one process id"; exit 2; }
require_whole_numbers "$SECONDS_RUN" "$EVERY" "${PIDS[@]}"
for pid in "${PIDS[@]}"; do
  [[ -d /proc/$pid ]] || { log "no process $pid"; exit 2; }
done
((EVERY > 0)) || EVERY=$SECONDS_RUN
TICKS=$(getconf CLK_TCK)

# One line per thread: "pid/tid ticks name" (utime + stime; the name may hold spaces).
snapshot() {
  local pid task
  for pid in "${PIDS[@]}"; do
    for task in /proc/"$pid"/task/*; do
      [[ -e $task/stat ]] || continue # ended since the listing
      # the task's own stat: /proc/<tid>/stat would be the whole process's CPU again
      printf '%s/%s %s %s\n' "$pid" "${task##*/}" "$(stat_ticks "$task/stat")" "$(cat "$task/comm" 2>/dev/null || echo '?')"
    done
  done
}

# Prints the table of what the threads used between two snapshots over a window of $3 seconds.
table() {
  awk -v ticks="$TICKS" -v window="$3" '
    FNR == NR { id = $1; before[id] = $2; next }
    {
      id = $1; t = $2; if (id in before && t < before[id]) next  # ended while read: not counted
      $1 = ""; $2 = ""; name = substr($0, 3); gsub(/[0-9]+/, "#", name)
      if (!(id in before)) before[id] = 0  # started inside the window
      used[name] += t - before[id]; threads[name]++; total += t - before[id]; seen[id] = 1
    }
    END {
      for (id in before) if (!(id in seen)) gone++
      printf "| threads | how many | CPU s | cores |\n|---|---:|---:|---:|\n"
      n = 0
      for (name in used) order[++n] = name
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
        if (used[order[j]] > used[order[i]]) { x = order[i]; order[i] = order[j]; order[j] = x }
      for (i = 1; i <= n; i++) {
        name = order[i]; if (used[name] == 0) continue
        printf "| %s | %d | %.2f | %.3f |\n", name, threads[name], used[name] / ticks, used[name] / ticks / window
      }
      printf "| all | | %.2f | %.3f |\n", total / ticks, total / ticks / window
      if (gone) printf "\n%d thread(s) ended inside the window; their CPU is not counted.\n", gone
    }' "$1" "$2"
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
snapshot >"$WORK/previous"
for ((elapsed = EVERY; elapsed <= SECONDS_RUN; elapsed += EVERY)); do
  sleep "$EVERY"
  snapshot >"$WORK/now"
  echo "### ${elapsed} s: processes ${PIDS[*]}, the last $EVERY s"
  echo
  table "$WORK/previous" "$WORK/now" "$EVERY"
  echo
  mv "$WORK/now" "$WORK/previous"
done
