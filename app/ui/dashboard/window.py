"""The dashboard window: fed in-process by the proxy's observer events and its Metrics and
Breakers objects (never by polling HTTP); refreshed at most once a second while shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.dashboard import figures
from app.ui.dashboard.sparkline import Sparkline

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from app.config.schema import Config
    from app.ui.bridge import LogTail
    from app.ui.health import HealthView
    from app.ui.proxy_control import ProxyControl

REFRESH_MS = 1000
RECENT_ROWS = 200
CHART_MINUTES = 60


def _table(columns: tuple[str, ...], stretch: tuple[str, ...]) -> QTableWidget:
    """Columns size to their content, but `stretch` ones (long free text) share the rest."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(figures.column_titles(columns))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for name in stretch:
        header.setSectionResizeMode(columns.index(name), QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


class _Card(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel()
        self.title.setStyleSheet("color: palette(placeholder-text);")
        self.value = QLabel()
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(self.title)
        box.addWidget(self.value)


class DashboardFeed(Protocol):
    """What the dashboard reads (the app controller provides it; the window never imports it)."""

    @property
    def changed(self) -> SignalInstance: ...
    @property
    def log_tail(self) -> LogTail: ...
    @property
    def proxy(self) -> ProxyControl: ...
    @property
    def config(self) -> Config: ...
    def health(self) -> HealthView: ...
    def summary(self) -> str: ...


class DashboardWindow(QWidget):
    def __init__(self, controller: DashboardFeed, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("dashboard")
        self.setWindowTitle(self.tr("Switchboard Dashboard"))
        self.resize(1040, 720)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cards = [_Card() for _ in range(6)]
        card_grid = QGridLayout()
        for index, card in enumerate(self.cards):
            card_grid.addWidget(card, 0, index)
        self.rate_chart = Sparkline(self.tr("Requests per minute (last hour)"))
        self.latency_chart = Sparkline(self.tr("Latency (recent requests)"))
        self.ttft_chart = Sparkline(self.tr("Time to first token (recent)"))
        charts = QHBoxLayout()
        for chart in (self.rate_chart, self.latency_chart, self.ttft_chart):
            charts.addWidget(chart)

        self.providers = _table(figures.PROVIDER_COLUMNS, stretch=("Last error",))
        self.profiles = _table(figures.PROFILE_COLUMNS, stretch=("Profile",))
        self.requests = _table(figures.REQUEST_COLUMNS, stretch=("Attempts", "Error"))
        self.requests.setObjectName("recentRequests")
        self.log = QPlainTextEdit()
        self.log.setReadOnly(True)
        self.log.setMaximumBlockCount(2000)
        self.log.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.log.setPlainText("\n".join(controller.log_tail.lines))
        controller.log_tail.line.connect(self.log.appendPlainText)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.providers, self.tr("Providers"))
        self.tabs.addTab(self.profiles, self.tr("Profiles"))
        self.tabs.addTab(self.requests, self.tr("Recent requests"))
        self.tabs.addTab(self.log, self.tr("Log"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(card_grid)
        layout.addLayout(charts)
        layout.addWidget(self.tabs, 1)

        self._dirty = True
        controller.changed.connect(self._on_changed)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._on_tick)
        self._ticks = 0

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _on_changed(self) -> None:
        self._dirty = True

    def _on_tick(self) -> None:
        self._ticks += 1
        if self._dirty or self._ticks % 15 == 0:  # the per-minute chart moves on by itself
            self.refresh()

    def refresh(self) -> None:
        self._dirty = False
        controller = self.controller
        state = controller.proxy.server.state
        snapshot = state.metrics.snapshot()
        health = controller.health()
        config = controller.config
        self.status.setText(controller.summary())
        for card, (title, value) in zip(self.cards, figures.cards(snapshot), strict=True):
            card.title.setText(title)
            card.value.setText(value)
        per_minute = state.metrics.per_minute(CHART_MINUTES)
        self.rate_chart.set_values(
            [count for _, count in per_minute], figures.per_minute_caption(per_minute)
        )
        recent = state.metrics.recent(RECENT_ROWS)
        ordered = figures.chronological(recent)
        durations = [r.duration_ms for r in ordered]
        ttfts = [r.ttfb_ms for r in ordered if r.ttfb_ms is not None]
        totals = snapshot.get("totals", {})
        self.latency_chart.set_values(
            durations, figures.ms(totals.get("latency_ms", {}).get("p50"))
        )
        self.ttft_chart.set_values(ttfts, figures.ms(totals.get("ttfb_ms", {}).get("p50")))
        _fill(self.providers, figures.provider_rows(snapshot, health, config))
        _fill(self.profiles, figures.profile_rows(snapshot, health, config))
        _fill(self.requests, figures.request_rows(recent))
