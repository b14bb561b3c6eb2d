"""Write the tray state icons: SVG sources and the PNG sizes each platform asks for.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/tools/make_tray_icons.py

The glyph echoes the app icon (a patch cable between two jacks); the second jack shows the
state by colour AND shape, so it reads without colour too: ok = round jack, degraded =
diamond, stopped = cable unplugged (a gap) and an empty ring. Variants: `light` (dark glyph for
light menu bars), `dark` (light glyph for dark bars), `template` (black + alpha for macOS, which
tints it for the bar itself). Output: resources/icons/tray/{variant}-{state}.svg and
resources/icons/tray/png/{variant}-{state}-{size}.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

OUT = Path(__file__).resolve().parents[3] / "resources" / "icons" / "tray"
STATES = ("ok", "degraded", "stopped")
COLOURED_SIZES = (16, 20, 22, 24, 32, 40, 48, 64)
TEMPLATE_SIZES = (16, 22, 32, 44)  # macOS: 22 pt menu bar, @2x = 44
STATE_COLOURS = {"ok": "#1F9D55", "degraded": "#E8A317", "stopped": "#D93A3A"}
FOREGROUND = {"light": "#1F2328", "dark": "#F3F4F6", "template": "#000000"}
HALO = {"light": "#FFFFFF", "dark": "#000000"}

JACK_A = '<circle cx="15" cy="15" r="13"/>'
CABLE = "M15 15 C 40 15, 24 49, 47 49"
# stopped: the same cable, cut short of the second jack
CABLE_UNPLUGGED = "M15 15 C 34 15, 30 32, 30 36"


def badge(state: str, fill: str, stroke: str, stroke_width: float) -> str:
    common = f'stroke="{stroke}" stroke-width="{stroke_width}"'
    if state == "ok":
        return f'<circle cx="48" cy="48" r="14" fill="{fill}" {common}/>'
    if state == "degraded":
        diamond = "M48 31 L64 48 L48 64 L32 48 Z"
        return f'<path d="{diamond}" fill="{fill}" {common} stroke-linejoin="round"/>'
    return f'<circle cx="48" cy="48" r="11" fill="none" stroke="{fill}" stroke-width="9"/>'


def svg(variant: str, state: str) -> str:
    fg = FOREGROUND[variant]
    cable = CABLE_UNPLUGGED if state == "stopped" else CABLE
    glyph = (
        f'<g fill="{{c}}">{JACK_A}</g>'
        f'<path d="{cable}" fill="none" stroke="{{c}}" stroke-width="{{w}}" '
        'stroke-linecap="round"/>'
    )
    parts = []
    if variant in HALO:  # a soft outline keeps the glyph visible on the "wrong" bar colour
        halo = HALO[variant]
        parts.append(
            f'<g opacity="0.55">{glyph.format(c=halo, w=15)}'
            f'<circle cx="15" cy="15" r="15" fill="{halo}"/></g>'
        )
        if state == "stopped":
            parts.append(
                f'<circle cx="48" cy="48" r="11" fill="none" stroke="{halo}" '
                'stroke-width="13" opacity="0.55"/>'
            )
    parts.append(glyph.format(c=fg, w=11))  # bold: readable at 16 px
    if variant == "template":
        parts.append(badge(state, fg, fg, 0))
    else:
        parts.append(badge(state, STATE_COLOURS[state], fg, 3))
    body = "\n  ".join(parts)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">\n'
        f"  <!-- Switchboard tray icon: {state}, for {variant} menu bars. -->\n  {body}\n</svg>\n"
    )


def render(source: str, size: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(source.encode()))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    (OUT / "png").mkdir(parents=True, exist_ok=True)
    for variant in FOREGROUND:
        sizes = TEMPLATE_SIZES if variant == "template" else COLOURED_SIZES
        for state in STATES:
            source = svg(variant, state)
            (OUT / f"{variant}-{state}.svg").write_text(source, encoding="utf-8")
            for size in sizes:
                render(source, size).save(str(OUT / "png" / f"{variant}-{state}-{size}.png"))
    print(f"wrote icons to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
