#!/usr/bin/env bash
# The desktop demo walk-through (README, "Desktop apps: the demo"), one step per command:
#
#   run-demo.sh setup            build the demo as 1.0.0 and 1.0.1, make a release key, create the
#                                app, publish 1.0.0 and install it into an app directory
#   run-demo.sh launch           start the installed demo through the Petrel launcher
#   run-demo.sh publish-update   publish 1.0.1 (the running 1.0.0 offers it at its next check)
#
# Needs a running server (./petrel serve) and its admin token in PETREL_TOKEN. Settings:
#   PETREL_SERVER     the server (default http://127.0.0.1:8080)
#   PETREL_DEMO_DIR   where the key, zips and app directory go (default ./demo-work)
set -euo pipefail

root=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
work=${PETREL_DEMO_DIR:-$PWD/demo-work}
server=${PETREL_SERVER:-http://127.0.0.1:8080}
app=petrel-demo
platform=linux
petrel="$root/petrel"

build() { # VERSION CODE
  echo "demo: building the demo as $1 (version code $2)" >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl examples/desktop-demo -am \
    package -Ddemo.version="$1" -Ddemo.versionCode="$2") >&2
  mkdir -p "$work/dist"
  cp "$root/examples/desktop-demo/target/petrel-desktop-demo-$1.zip" "$work/dist/"
}

publish() { # VERSION CODE NOTES
  "$petrel" publish --server "$server" --app "$app" --platform "$platform" \
    --file "$work/dist/petrel-desktop-demo-$1.zip" --version "$1" --version-code "$2" \
    --notes "$3" --key "$work/release.key"
}

setup() {
  : "${PETREL_TOKEN:?set PETREL_TOKEN to the admin token ./petrel serve printed}"
  mkdir -p "$work"
  build 1.0.0 1
  build 1.0.1 2
  if [ ! -f "$work/release.key" ]; then
    "$petrel" keys generate --out "$work/release"
  fi
  "$petrel" apps create --server "$server" --id "$app" --name "Petrel Demo" || true
  "$petrel" apps keys add --server "$server" --app "$app" --key "$work/release.pub"
  publish 1.0.0 1 "The first version of the demo."

  # Install 1.0.0 the way an installer of the app would: unpack it, point at it, configure updates.
  appdir="$work/app"
  rm -rf "$appdir"
  mkdir -p "$appdir/versions/1.0.0"
  (cd "$appdir/versions/1.0.0" && jar xf "$work/dist/petrel-desktop-demo-1.0.0.zip")
  echo 1.0.0 > "$appdir/current"
  cat > "$appdir/updater_config.json" <<JSON
{
  "app": "$app",
  "platform": "$platform",
  "servers": ["$server"],
  "public_keys": ["$(cat "$work/release.pub")"],
  "auto_check": true,
  "check_interval_hours": 6,
  "auto_download": true,
  "auto_install": false,
  "backup_before_update": true,
  "max_backups": 5,
  "update_channel": "stable",
  "notifications": true,
  "rollback_enabled": true
}
JSON
  echo "demo: 1.0.0 is installed in $appdir; start it with: $0 launch" >&2
}

case "${1:-}" in
  setup) setup ;;
  launch) exec "$petrel" launch --app-dir "$work/app" ;;
  publish-update)
    : "${PETREL_TOKEN:?set PETREL_TOKEN to the admin token ./petrel serve printed}"
    publish 1.0.1 2 "Version 1.0.1 of the demo.
- The window shows the new version in green.
- <html>Release notes are plain text: this tag is shown, not rendered.</html>" ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
