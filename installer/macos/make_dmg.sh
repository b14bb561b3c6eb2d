#!/usr/bin/env bash
# make_dmg.sh [APP] [OUT_DIR]   (macOS; defaults: dist/Switchboard.app, dist)
# Wraps the .app that `pyinstaller build.spec` makes (Info.plist with LSUIElement comes from the
# spec's BUNDLE) in a compressed disk image with an /Applications link to drag it onto.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
app=${1:-$root/dist/Switchboard.app}
out=${2:-$root/dist}
[ -d "$app" ] || { echo "make_dmg.sh: no app bundle at $app" >&2; exit 1; }
version=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$app/Contents/Info.plist")

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
ditto "$app" "$stage/$(basename "$app")"  # keeps the bundle's symlinks and attributes
ln -s /Applications "$stage/Applications"
mkdir -p "$out"
dmg="$out/Switchboard-$version.dmg"
rm -f "$dmg"
hdiutil create -volname "Switchboard $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
echo "$dmg"
