"""The tray icon files: every state in every variant and size, and readable on their bars."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from app.ui.health import TrayState
from app.ui.icons import (
    COLOURED_SIZES,
    TEMPLATE_SIZES,
    Variant,
    status_dot,
    tray_icon,
    tray_png,
    tray_variant,
)

VARIANTS: tuple[Variant, ...] = ("light", "dark", "template")


def opaque_pixels(image: QImage) -> list[QColor]:
    return [
        colour
        for y in range(image.height())
        for x in range(image.width())
        if (colour := image.pixelColor(x, y)).alpha() > 200
    ]


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("state", list(TrayState))
def test_every_size_exists_and_is_square(qapp: object, variant: Variant, state: TrayState) -> None:
    for size in TEMPLATE_SIZES if variant == "template" else COLOURED_SIZES:
        image = QImage(tray_png(variant, state, size))
        assert (image.width(), image.height()) == (size, size), (variant, state, size)
        assert opaque_pixels(image), "an empty icon"


@pytest.mark.parametrize("state", list(TrayState))
def test_template_icons_are_black_and_alpha_only(qapp: object, state: TrayState) -> None:
    """macOS tints a template by its alpha; any colour would show as a blob."""
    image = QImage(tray_png("template", state, 44))
    colours = {(c.red(), c.green(), c.blue()) for c in opaque_pixels(image)}
    assert colours == {(0, 0, 0)}
    assert tray_icon(state, "template").isMask()


def test_light_bar_icons_have_a_dark_glyph_and_dark_bar_icons_a_light_one(qapp: object) -> None:
    def glyph_lightness(variant: Variant) -> int:
        # the top-left jack is the glyph, whatever the state
        return QImage(tray_png(variant, TrayState.OK, 64)).pixelColor(16, 16).lightness()

    assert glyph_lightness("light") < 80
    assert glyph_lightness("dark") > 200


def test_states_differ_in_shape_not_only_colour(qapp: object) -> None:
    def mask(state: TrayState) -> set[tuple[int, int]]:
        image = QImage(tray_png("template", state, 44))
        return {
            (x, y) for y in range(44) for x in range(44) if image.pixelColor(x, y).alpha() > 128
        }

    ok, degraded, stopped = (mask(s) for s in TrayState)
    assert ok != degraded != stopped != ok


def test_variant_choice() -> None:
    light, dark, unknown = Qt.ColorScheme.Light, Qt.ColorScheme.Dark, Qt.ColorScheme.Unknown
    assert tray_variant("darwin", dark) == "template"
    assert tray_variant("win32", dark, taskbar_is_light=True) == "light"
    assert tray_variant("win32", light, taskbar_is_light=False) == "dark"
    assert tray_variant("linux", light) == "light"
    assert tray_variant("linux", unknown) == "dark"  # most panels are dark


def test_status_dots(qapp: object) -> None:
    assert not status_dot("ok").isNull()
    assert status_dot("ok").cacheKey() != status_dot("down").cacheKey()


def _contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio of two sRGB colours (0-255)."""

    def luminance(rgb: tuple[float, float, float]) -> float:
        def channel(v: float) -> float:
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(v) for v in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("variant", "panel"), [("light", (237, 237, 237)), ("dark", (30, 30, 30))])
@pytest.mark.parametrize("size", [16, 20, 22])
@pytest.mark.parametrize("state", list(TrayState))
def test_the_glyph_is_bold_enough_to_read_at_tray_sizes(
    qapp: object, variant: Variant, panel: tuple[int, int, int], size: int, state: TrayState
) -> None:
    """Drawn on its panel, a good share of the icon stands out at 3:1 contrast or more (the
    thin first glyph managed 17 %; a glyph that thin is a smudge at 16 px)."""
    image = QImage(tray_png(variant, state, size))
    strong = 0
    for y in range(size):
        for x in range(size):
            colour = image.pixelColor(x, y)
            alpha = colour.alphaF()
            shown = tuple(
                c * alpha + p * (1 - alpha)
                for c, p in zip((colour.red(), colour.green(), colour.blue()), panel, strict=True)
            )
            strong += _contrast(shown, panel) >= 3  # type: ignore[arg-type]
    assert strong / (size * size) >= 0.22, (variant, state.value, size, strong / size / size)
