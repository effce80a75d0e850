#!/usr/bin/env bash
# The Windows lane of .ci/run: installs Wine from Debian (wine64), builds the portable packages
# (`npm run package:win` and `package:linux`: node.exe/node, ffmpeg and production dependencies,
# all from the npm registry), unpacks them with an independent reader (Python's zipfile, tar) and
# runs the `windows` test project: the ward side under the real Windows node.exe in Wine, and the
# Linux tarball. Writes vitest's JSON results to $1/windows.json; prints each phase's wall time.
# Needs: root (apt-get), the built tree (npm test builds it), python3.
set -uo pipefail
cd "$(dirname "$0")/.."
results=${1:?usage: windows-lane.sh RESULTS_DIR}
t0=$(date +%s)
phase() { echo "== windows lane: $1 ($(($(date +%s) - t0)) s so far)"; }

if [ "$(id -u)" = 0 ]; then
  phase "installing wine64 (Debian)"
  s=$(date +%s)
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 wine64 >"$results/apt-wine.log" 2>&1 \
    || { tail -20 "$results/apt-wine.log"; echo "windows lane: apt-get install wine64 failed"; exit 1; }
  echo "   wine64 installed in $(($(date +%s) - s)) s"
fi
WINE=${WARDKIT_WINE:-/usr/lib/wine/wine64}
WINESERVER=$(dirname "$WINE")/wineserver
[ -x "$WINE" ] || { echo "windows lane: no Wine at $WINE"; exit 1; }

export WINEPREFIX
WINEPREFIX=$(mktemp -d /tmp/wardkit-win-prefix.XXXXXX)
export WINEDEBUG=-all
# No Mono/Gecko installers (they would try to download): wardkit needs neither.
export WINEDLLOVERRIDES="mscoree,mshtml="
work=$(mktemp -d /tmp/wardkit-win-lane.XXXXXX)
cleanup() {
  "$WINESERVER" -k >/dev/null 2>&1 || true
  rm -rf "$WINEPREFIX" "$work"
}
trap cleanup EXIT

phase "Wine prefix (Windows 10)"
# Debian's Wine reports Windows 7 by default; Node.js 20 refuses to start below Windows 8.1.
timeout 180 "$WINE" wineboot -i >"$results/wineboot.log" 2>&1 </dev/null || { tail -20 "$results/wineboot.log"; echo "windows lane: wineboot failed"; exit 1; }
timeout 120 "$WINE" winecfg -v win10 >>"$results/wineboot.log" 2>&1 </dev/null || { echo "windows lane: winecfg -v win10 failed"; exit 1; }
# One wineserver for the whole lane: each Wine process then starts in about a second.
"$WINESERVER" -p

phase "portable packages (npm run package:win, package:linux)"
export WARDKIT_PACKAGE_CACHE=${WARDKIT_PACKAGE_CACHE:-$PWD/.cache/package}
node scripts/package.mjs win-x64 --out "$work/release" || { echo "windows lane: package:win failed"; exit 1; }
node scripts/package.mjs linux-x64 --out "$work/release" || { echo "windows lane: package:linux failed"; exit 1; }
version=$(node -p 'require("./package.json").version')
mkdir -p "$work/unpacked"
python3 -m zipfile -e "$work/release/wardkit-$version-win-x64.zip" "$work/unpacked/" || { echo "windows lane: unzip failed"; exit 1; }
tar -xzf "$work/release/wardkit-$version-linux-x64.tar.gz" -C "$work/unpacked" || { echo "windows lane: untar failed"; exit 1; }
ls -l "$work/release"

phase "tests (vitest --project windows)"
status=0
WARDKIT_WINE="$WINE" WARDKIT_WIN_PKG="$work/unpacked/wardkit-$version-win-x64" WARDKIT_LINUX_PKG="$work/unpacked/wardkit-$version-linux-x64" \
  npx vitest run --project windows --reporter=default --reporter=json --outputFile.json="$results/windows.json" || status=1
phase "done"
exit $status
