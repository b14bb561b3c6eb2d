#!/usr/bin/env bash
# build_deb.sh BUNDLE_DIR OUT_DIR [VERSION]
# Packages the PyInstaller one-folder bundle (dist/switchboard) as OUT_DIR/switchboard_<v>_<arch>.deb:
#   /opt/switchboard/...                       the bundle
#   /usr/bin/switchboard                       -> /opt/switchboard/switchboard
#   /usr/share/applications/switchboard.desktop
#   /usr/share/icons/hicolor/<size>/apps/switchboard.{png,svg}
# Needs only dpkg-deb. Debian's triggers refresh the icon cache and the desktop database.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bundle=${1:?usage: build_deb.sh BUNDLE_DIR OUT_DIR [VERSION]}
out=${2:?usage: build_deb.sh BUNDLE_DIR OUT_DIR [VERSION]}
version=${3:-$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/app/__init__.py")}
arch=$(dpkg --print-architecture)
[ -x "$bundle/switchboard" ] || { echo "build_deb.sh: no executable $bundle/switchboard" >&2; exit 1; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/switchboard
install -d -m 0755 "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications"
cp -a "$bundle" "$pkg/opt/switchboard"
ln -s /opt/switchboard/switchboard "$pkg/usr/bin/switchboard"
install -m 0644 "$root/resources/linux/switchboard.desktop" "$pkg/usr/share/applications/"
for png in "$root"/resources/icons/app/switchboard-*.png; do
  size=${png##*-}; size=${size%.png}
  install -D -m 0644 "$png" "$pkg/usr/share/icons/hicolor/${size}x${size}/apps/switchboard.png"
done
install -D -m 0644 "$root/resources/icons/app/switchboard.svg" \
  "$pkg/usr/share/icons/hicolor/scalable/apps/switchboard.svg"

# PyInstaller leaves libc, GL/EGL, libdrm, libxcb and wayland-client to the system.
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: switchboard
Version: $version
Architecture: $arch
Maintainer: Switchboard developers <switchboard@users.noreply.github.com>
Installed-Size: $(du -sk "$pkg" | cut -f1)
Depends: libc6 (>= 2.34), libgl1, libegl1, libxcb1, libdrm2, libwayland-client0
Section: devel
Priority: optional
Description: run the Claude Code CLI on any model provider
 A tray app with a fast local proxy that translates Claude Code's requests
 for Anthropic, OpenAI-compatible and other model providers, with profiles,
 failover and a launcher that opens Claude Code in a terminal.
CONTROL

mkdir -p "$out"
deb="$out/switchboard_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$pkg" "$deb" >/dev/null
echo "$deb"
