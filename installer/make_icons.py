"""Render resources/icons/app/switchboard.svg into the PNG, .ico and .icns files.

Run it after editing the SVG, and commit what it writes:
    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icons.py
The .ico and .icns hold PNG images (Windows Vista+, macOS 10.7+), so Qt is all it needs.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons" / "app"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
ICNS_TYPES[1024] = b"ic10"


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR, one ICONDIRENTRY per size (0 means 256), then the PNG images."""
    offset = 6 + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in pngs.items():
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return struct.pack("<HHH", 0, 1, len(pngs)) + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """'icns' + length, then one (type, length, PNG) chunk per size."""
    chunks = b"".join(
        ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png for size, png in pngs.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841 - QPainter needs the GUI application
    renderer = QSvgRenderer(str(ICONS / "switchboard.svg"))
    if not renderer.isValid():
        print("switchboard.svg does not parse", file=sys.stderr)  # noqa: T201
        return 1
    pngs = {size: render(renderer, size) for size in sorted({*PNG_SIZES, *ICNS_TYPES})}
    for size in PNG_SIZES:
        (ICONS / f"switchboard-{size}.png").write_bytes(pngs[size])
    (ICONS / "switchboard.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "switchboard.icns").write_bytes(icns({s: pngs[s] for s in ICNS_TYPES}))
    print(f"wrote {len(PNG_SIZES)} PNGs, switchboard.ico and switchboard.icns in {ICONS}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
