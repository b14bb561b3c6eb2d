"""installer/linux/build_deb.sh packs a bundle into a .deb that dpkg accepts. A stand-in bundle
(one executable) keeps this fast; tests/packaging/test_bundle.py builds the real one."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from app import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_deb_package(tmp_path: Path) -> None:
    assert shutil.which("dpkg-deb"), "dpkg-deb is needed (Debian/Ubuntu: package dpkg)"
    bundle = tmp_path / "dist" / "switchboard"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "switchboard").write_text("#!/bin/sh\necho switchboard\n")
    (bundle / "switchboard").chmod(0o755)
    # real ELF files, as the bundle carries: the libc they need must be read from them
    for system_file in ("/bin/true", shutil.which("dpkg-deb") or "/bin/true"):
        shutil.copy(system_file, bundle / "_internal" / Path(system_file).name)

    built = subprocess.run(
        ["bash", str(ROOT / "installer" / "linux" / "build_deb.sh"), str(bundle), str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    deb = Path(built.stdout.strip().splitlines()[-1])
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True)
    assert deb.name == f"switchboard_{__version__}_{arch.stdout.strip()}.deb"

    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    assert "Package: switchboard" in info.stdout and f"Version: {__version__}" in info.stdout
    depends = next(line for line in info.stdout.splitlines() if "Depends:" in line)
    assert f"libc6 (>= {_newest_glibc(bundle)})" in depends
    assert "libwayland-cursor0" in depends and "libwayland-egl1" in depends

    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    listed = {line.split()[5]: line for line in contents.splitlines()}
    assert "./usr/bin/switchboard" in listed
    assert listed["./usr/bin/switchboard"].endswith("-> /opt/switchboard/switchboard")
    assert listed["./opt/switchboard/switchboard"].startswith("-rwxr-xr-x root/root")
    assert "./usr/share/applications/switchboard.desktop" in listed
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert f"./usr/share/icons/hicolor/{size}x{size}/apps/switchboard.png" in listed
    assert "./usr/share/icons/hicolor/scalable/apps/switchboard.svg" in listed
    assert "./usr/share/doc/switchboard/copyright" in listed  # lintian wants both
    assert "./usr/share/doc/switchboard/changelog.gz" in listed


def _newest_glibc(bundle: Path) -> str:
    """The newest GLIBC_x.y the bundle's ELF files ask for, read with readelf -V (the script
    itself uses objdump)."""
    found: set[tuple[int, ...]] = set()
    for path in bundle.rglob("*"):
        if path.is_file() and path.read_bytes()[:4] == b"\x7fELF":
            out = subprocess.run(
                ["readelf", "-V", str(path)], capture_output=True, text=True, check=True
            ).stdout
            found |= {
                tuple(map(int, v.split("."))) for v in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", out)
            }
    assert found, "no ELF file needs glibc?"
    return ".".join(map(str, max(found)))


def test_desktop_file_launches_the_installed_command() -> None:
    text = (ROOT / "resources" / "linux" / "switchboard.desktop").read_text()
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert {"Type=Application", "Exec=switchboard", "Icon=switchboard", "Terminal=false"} <= set(
        lines
    )
