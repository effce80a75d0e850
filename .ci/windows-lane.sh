#!/usr/bin/env bash
# The Windows lane of .ci/run: Wine from Debian (wine64, in .ci/run's package list; installed here
# too when run alone as root), the portable packages (`npm run package:win` and `package:linux`:
# node.exe/node, ffmpeg and production dependencies, all from the npm registry), unpacked by an
# independent reader (Python's zipfile, tar), then the `windows` test project: the ward side under
# the real Windows node.exe in Wine, and the Linux tarball. Writes vitest's JSON results to
# $1/windows.json; prints each phase's wall time.
# Every step has a time limit (`timeout` signals the step's whole process group, so node.exe,
# ffmpeg.exe and npm's children go with it); Wine's own server is stopped and the prefix deleted on
# any exit. Under CI=true a missing part (no root for apt, no Wine) fails the lane loudly.
# Needs: the built tree (npm test builds it), python3, npm reaching the registry.
set -uo pipefail
cd "$(dirname "$0")/.."
results=${1:?usage: windows-lane.sh RESULTS_DIR}
mkdir -p "$results"
t0=$(date +%s)
phase() { echo "== windows lane: $1 ($(($(date +%s) - t0)) s so far)"; }
fail() {
  echo "windows lane FAILED: $1"
  exit 1
}
# A step with a time limit: TERM at the limit, KILL 10 s later (the step's whole process group).
limit() {
  local secs=$1
  shift
  timeout -k 10 "$secs" "$@"
}

WINE=${WARDKIT_WINE:-/usr/lib/wine/wine64}
if [ ! -x "$WINE" ]; then
  if [ "$(id -u)" = 0 ]; then
    phase "installing wine64 (Debian)"
    limit 600 apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 wine64 \
      >"$results/apt-wine.log" 2>&1 || {
      tail -20 "$results/apt-wine.log"
      fail "apt-get install wine64 failed"
    }
  fi
fi
if [ ! -x "$WINE" ]; then
  [ "${CI:-}" = true ] && fail "no Wine at $WINE (apt-get install wine64; .ci/run installs it as root)"
  echo "windows lane skipped: no Wine at $WINE (apt-get install wine64)"
  exit 0
fi
WINESERVER=$(dirname "$WINE")/wineserver

export WINEPREFIX
WINEPREFIX=$(mktemp -d /tmp/wardkit-win-prefix.XXXXXX)
export WINEDEBUG=-all
# No Mono/Gecko installers (they would try to download): wardkit needs neither.
export WINEDLLOVERRIDES="mscoree,mshtml="
work=$(mktemp -d /tmp/wardkit-win-lane.XXXXXX)
cleanup() {
  limit 30 "$WINESERVER" -k >/dev/null 2>&1 || true
  rm -rf "$WINEPREFIX" "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

phase "Wine prefix (Windows 10)"
# Debian's Wine reports Windows 7 by default; Node.js 20 refuses to start below Windows 8.1.
limit 300 "$WINE" wineboot -i >"$results/wineboot.log" 2>&1 </dev/null || {
  tail -20 "$results/wineboot.log"
  fail "wineboot failed"
}
limit 180 "$WINE" winecfg -v win10 >>"$results/wineboot.log" 2>&1 </dev/null || fail "winecfg -v win10 failed"
# One wineserver for the whole lane: each Wine process then starts in about a second instead of
# starting a server and its services (wineboot --init, winedevice) again. The server that wineboot
# and winecfg started exits only once idle: wait for that first, or `-p` finds it still running
# ("already running", exit 2) and the lane runs without a persistent server. It stays until
# `wineserver -k` in cleanup.
limit 120 "$WINESERVER" -w || true
"$WINESERVER" -p || fail "wineserver -p did not start a persistent Wine server"

phase "portable packages (npm run package:win, package:linux)"
export WARDKIT_PACKAGE_CACHE=${WARDKIT_PACKAGE_CACHE:-$PWD/.cache/package}
limit 900 node scripts/package.mjs win-x64 --out "$work/release" || fail "package:win failed"
limit 900 node scripts/package.mjs linux-x64 --out "$work/release" || fail "package:linux failed"
version=$(node -p 'require("./package.json").version')
mkdir -p "$work/unpacked"
limit 300 python3 -m zipfile -e "$work/release/wardkit-$version-win-x64.zip" "$work/unpacked/" || fail "unzip failed"
limit 300 tar -xzf "$work/release/wardkit-$version-linux-x64.tar.gz" -C "$work/unpacked" || fail "untar failed"
ls -l "$work/release"

phase "tests (vitest --project windows)"
status=0
# Each test bounds its own Wine processes (tests/helpers/wine.ts); this bounds the whole run.
WARDKIT_WINE="$WINE" WARDKIT_WIN_PKG="$work/unpacked/wardkit-$version-win-x64" \
  WARDKIT_LINUX_PKG="$work/unpacked/wardkit-$version-linux-x64" \
  limit 1500 npx vitest run --project windows --reporter=default --reporter=json \
  --outputFile.json="$results/windows.json" || status=1
phase "done"
exit $status
