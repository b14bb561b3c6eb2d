"""The application icon: the SVG source and the PNG, .ico and .icns made from it
(installer/make_icons.py) agree on their sizes."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons" / "app"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def test_svg_source_is_square() -> None:
    root = ET.parse(ICONS / "switchboard.svg").getroot()
    assert root.get("viewBox") == "0 0 512 512"


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_sizes(size: int) -> None:
    assert _png_size((ICONS / f"switchboard-{size}.png").read_bytes()) == (size, size)


def test_ico_holds_png_images_up_to_256() -> None:
    data = (ICONS / "switchboard.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        entry = data[6 + 16 * index : 22 + 16 * index]
        width, height, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", entry)
        image = data[offset : offset + length]
        assert _png_size(image) == (width or 256, height or 256)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_the_retina_sizes() -> None:
    data = (ICONS / "switchboard.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    chunks, offset = {}, 8
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        chunks[kind] = _png_size(data[offset + 8 : offset + length])[0]
        offset += length
    assert chunks == {
        b"icp4": 16, b"icp5": 32, b"icp6": 64, b"ic07": 128, b"ic08": 256, b"ic09": 512,
        b"ic10": 1024,
    }  # fmt: skip
