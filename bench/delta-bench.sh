#!/usr/bin/env bash
# Delta patches on real consecutive releases: APKs from the npm registry, jars from Maven Central,
# a native binary. For each pair, in one run: the full size; Debian's bsdiff (the reference) patch
# size, time and peak RSS; Petrel's patch size, generation time and peak RSS (in a child JVM with
# -Xmx3g, as the server's worker runs it); and the device side: applying the patch in a JVM with
# -Xmx64m, its time and peak heap. Every patch must rebuild the new file byte for byte.
#
#   bench/delta-bench.sh [--record] [--no-build]
#
# Downloads (about 200 MB) are cached in bench/out/delta-cache. Needs bsdiff (apt-get install bsdiff).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COMMAND="bench/delta-bench.sh${*:+ $*}"
RECORD=0
BUILD=1
while (($#)); do
  case "$1" in
    --record) RECORD=1 ;;
    --no-build) BUILD=0 ;;
    *) echo "usage: bench/delta-bench.sh [--record] [--no-build]" >&2; exit 2 ;;
  esac
  shift
done
log() { printf '[delta-bench] %s\n' "$*" >&2; }
command -v bsdiff >/dev/null || { echo "delta-bench: bsdiff is missing (apt-get install bsdiff)" >&2; exit 2; }

CACHE="$ROOT/bench/out/delta-cache"
WORK=$(mktemp -d /tmp/petrel-delta-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"

if ((BUILD)); then
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl delta -am install >&2)
fi
CP="$ROOT/delta/target/classes:$(cd "$ROOT" && ./mvnw -q -B -pl delta dependency:build-classpath \
  -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime 2>/dev/null)"
javac -d "$WORK/classes" -cp "$CP" "$ROOT/bench/DeltaApply.java"

# npm PACKAGE VERSION PATH-IN-TARBALL -> cached file
npm_file() {
  local name=$1 version=$2 inner=$3 out="$CACHE/$(echo "$1" | tr '/@' '__')-$2-$(basename "$3")"
  if [[ ! -s $out ]]; then
    local url; url=$(npm view "$name@$version" dist.tarball)
    log "fetching $name $version"
    curl -sSfL "$url" | tar xzf - -O "$inner" > "$out.tmp" && mv "$out.tmp" "$out"
  fi
  echo "$out"
}
# maven GROUP ARTIFACT VERSION -> cached jar
maven_file() {
  local group=$1 artifact=$2 version=$3 out="$CACHE/$2-$3.jar"
  if [[ ! -s $out ]]; then
    log "fetching $artifact $version"
    curl -sSfL -o "$out.tmp" "https://repo1.maven.org/maven2/${group//.//}/$artifact/$version/$artifact-$version.jar"
    mv "$out.tmp" "$out"
  fi
  echo "$out"
}

PAIRS=(
  "apk|io.appium.settings 8.0.9 → 8.0.10|$(npm_file io.appium.settings 8.0.9 package/apks/settings_apk-debug.apk)|$(npm_file io.appium.settings 8.0.10 package/apks/settings_apk-debug.apk)"
  "apk|appium-uiautomator2-server 10.6.4 → 10.6.6|$(npm_file appium-uiautomator2-server 10.6.4 package/apks/appium-uiautomator2-server-v10.6.4.apk)|$(npm_file appium-uiautomator2-server 10.6.6 package/apks/appium-uiautomator2-server-v10.6.6.apk)"
  "jar|guava 33.2.0 → 33.2.1|$(maven_file com.google.guava guava 33.2.0-jre)|$(maven_file com.google.guava guava 33.2.1-jre)"
  "jar|kotlin-compiler-embeddable 2.0.20 → 2.0.21|$(maven_file org.jetbrains.kotlin kotlin-compiler-embeddable 2.0.20)|$(maven_file org.jetbrains.kotlin kotlin-compiler-embeddable 2.0.21)"
  "native|@esbuild/linux-x64 0.24.0 → 0.24.1|$(npm_file @esbuild/linux-x64 0.24.0 package/bin/esbuild)|$(npm_file @esbuild/linux-x64 0.24.1 package/bin/esbuild)"
)

# Runs a command under /usr/bin/time; prints "seconds peak_kib" on stdout, the command's output in $WORK/out.
timed() {
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$@" > "$WORK/out"
  cat "$WORK/time"
}

ROWS=""
FAILED=0
LOAD=$(cut -d" " -f1-3 /proc/loadavg)
for pair in "${PAIRS[@]}"; do
  IFS='|' read -r kind label old new <<< "$pair"
  full=$(stat -c %s "$new")
  log "$label: bsdiff"
  read -r bs_s bs_kib _ _ < <(timed bsdiff "$old" "$new" "$WORK/raw.bsdiff")
  bs_size=$(stat -c %s "$WORK/raw.bsdiff")
  log "$label: petrel generate"
  read -r gen_s gen_kib _ _ < <(timed java -Xmx3g -XX:+UseSerialGC -cp "$CP" \
    dev.petrel.delta.generate.GenerateMain "$old" "$new" "$WORK/petrel.patch")
  format=$(sed -n 's/^format=\([^ ]*\).*/\1/p' "$WORK/out")
  p_size=$(stat -c %s "$WORK/petrel.patch")
  log "$label: apply with -Xmx64m"
  read -r _ apply_kib apply_user apply_sys < <(timed java -Xmx64m -XX:+UseSerialGC -cp "$WORK/classes:$CP" DeltaApply \
    "$old" "$WORK/petrel.patch" "$WORK/rebuilt")
  apply_ms=$(sed -n 's/^apply_ms=\([0-9]*\).*/\1/p' "$WORK/out")
  heap=$(sed -n 's/.*peak_heap_bytes=\([0-9]*\).*/\1/p' "$WORK/out")
  if cmp -s "$new" "$WORK/rebuilt"; then same=yes; else same=NO; FAILED=1; fi
  ratio=$(awk -v b="$bs_size" -v p="$p_size" 'BEGIN { printf "%.1f", b / p }')
  share=$(awk -v f="$full" -v p="$p_size" 'BEGIN { printf "%.2f", 100 * p / f }')
  ROWS+="| $label ($kind) | $full | $bs_size | ${bs_s} s / $((bs_kib / 1024)) MiB | $p_size ($format) | $share % | ${ratio} × | ${gen_s} s / $((gen_kib / 1024)) MiB | $((apply_ms)) ms ($(awk -v u="$apply_user" -v s="$apply_sys" 'BEGIN { printf "%.1f", u + s }') s CPU) / $((heap / 1048576)) MiB | $same |"$'\n'
  rm -f "$WORK/raw.bsdiff" "$WORK/petrel.patch" "$WORK/rebuilt"
done

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
BLOCK="Run on $(date -u '+%Y-%m-%d %H:%M') UTC (load average before: $LOAD) at commit \`$(cd "$ROOT" && git rev-parse --short HEAD)\` with \`$COMMAND\`
on $(nproc) cores ($CPU), $(free -g | awk '/^Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1).

| pair | new file, bytes | bsdiff patch, bytes | bsdiff time / peak RSS | Petrel patch, bytes | of the file | smaller than bsdiff | Petrel generation time / peak RSS (-Xmx3g) | device apply (-Xmx64m) time (CPU time of the whole JVM) / peak heap | rebuilt byte for byte |
|---|---|---|---|---|---|---|---|---|---|
$ROWS"
echo "$BLOCK"
if ((FAILED)); then echo "delta-bench: a patch did not rebuild its file" >&2; exit 1; fi
if ((RECORD)); then
  python3 - "$ROOT/docs/BENCHMARKS.md" "$BLOCK" <<'PY'
import sys, re
path, block = sys.argv[1], sys.argv[2]
text = open(path).read()
start = text.index("## Delta patches on real releases\n")
body_start = text.index("<!-- delta-bench:start -->", start)
body_end = text.index("<!-- delta-bench:end -->", start)
text = text[:body_start] + "<!-- delta-bench:start -->\n" + block + "\n" + text[body_end:]
open(path, "w").write(text)
PY
  log "recorded in docs/BENCHMARKS.md"
fi
