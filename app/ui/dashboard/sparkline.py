"""A small QPainter chart: a title, the latest value, and a filled line of recent values."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

LINE_COLOUR = "#3B82F6"


class Sparkline(QWidget):
    def __init__(self, title: str, unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.unit = unit
        self.values: list[float] = []
        self.caption = ""
        self.setMinimumSize(220, 96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:
        return QSize(280, 104)

    def set_values(self, values: Sequence[float], caption: str) -> None:
        """`caption` is the figure shown large (e.g. "12/min", "840 ms")."""
        self.values = list(values)
        self.caption = caption
        self.setAccessibleDescription(f"{self.title}: {caption}")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(frame, 6, 6)

        text = palette.color(QPalette.ColorRole.Text)
        painter.setPen(text)
        small = painter.font()
        painter.drawText(QRectF(10, 6, frame.width() - 20, 18), self.title)
        big = painter.font()
        big.setPointSizeF(small.pointSizeF() * 1.35)
        big.setBold(True)
        painter.setFont(big)
        painter.drawText(
            QRectF(10, 6, frame.width() - 20, 22),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            self.caption or "\u2013",
        )
        painter.setFont(small)

        chart = QRectF(10, 34, frame.width() - 20, frame.height() - 42)
        if len(self.values) < 2 or max(self.values) <= 0:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(chart, Qt.AlignmentFlag.AlignCenter, self.tr("no data yet"))
            painter.end()
            return
        top = max(self.values)
        step = chart.width() / (len(self.values) - 1)
        points = [
            QPointF(chart.left() + i * step, chart.bottom() - (v / top) * chart.height())
            for i, v in enumerate(self.values)
        ]
        line = QPainterPath(points[0])
        for point in points[1:]:
            line.lineTo(point)
        area = QPainterPath(line)
        area.lineTo(chart.right(), chart.bottom())
        area.lineTo(chart.left(), chart.bottom())
        area.closeSubpath()
        fill = QColor(LINE_COLOUR)
        fill.setAlpha(50)
        painter.fillPath(area, fill)
        painter.setPen(QPen(QColor(LINE_COLOUR), 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(line)
        painter.end()
