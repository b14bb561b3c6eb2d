#!/usr/bin/env bash
# build_deb.sh BUNDLE_DIR OUT_DIR [VERSION]
# Packages the PyInstaller one-folder bundle (dist/switchboard) as OUT_DIR/switchboard_<v>_<arch>.deb:
#   /opt/switchboard/...                       the bundle
#   /usr/bin/switchboard                       -> /opt/switchboard/switchboard
#   /usr/share/applications/switchboard.desktop
#   /usr/share/icons/hicolor/<size>/apps/switchboard.{png,svg}
#   /usr/share/doc/switchboard/{copyright,changelog.gz}
# Needs dpkg-deb and objdump (binutils). Debian's triggers refresh the icon cache and the
# desktop database.
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

doc=$pkg/usr/share/doc/switchboard
install -d -m 0755 "$doc"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: switchboard"
  echo
  echo "Files: *"
  echo "Copyright: Switchboard developers"
  echo "License: MIT"
  sed 's/^$/./; s/^/ /' "$root/LICENSE"
} > "$doc/copyright"
printf 'switchboard (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- Switchboard developers <switchboard@users.noreply.github.com>  %s\n' \
  "$version" "$version" "$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")" \
  | gzip -9n > "$doc/changelog.gz"
chmod 0644 "$doc/copyright" "$doc/changelog.gz"

# The newest glibc symbol version any bundled binary needs: the bundle carries libraries of the
# build machine (libstdc++, libexpat…), so the libc it needs is read from them, not guessed.
glibc=$({ find "$bundle" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
  | xargs -0 objdump -p 2>/dev/null || true; } | { grep -o 'GLIBC_[0-9][0-9.]*' || true; } \
  | sort -uV | tail -n 1)
[ -n "$glibc" ] || { echo "build_deb.sh: no glibc version found in $bundle (objdump missing?)" >&2; exit 1; }

# PyInstaller leaves libc, GL/EGL, libdrm, libxcb and the wayland client libraries to the system.
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: switchboard
Version: $version
Architecture: $arch
Maintainer: Switchboard developers <switchboard@users.noreply.github.com>
Installed-Size: $(du -sk "$pkg" | cut -f1)
Depends: libc6 (>= ${glibc#GLIBC_}), libgl1, libegl1, libxcb1, libdrm2, libwayland-client0, libwayland-cursor0, libwayland-egl1
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
