"""The dashboard's charts, drawn with pyqtgraph: a line over months and bar charts over named groups.

Each chart sits in a small box with its title and an "Export PNG…" button, and says which point or bar was clicked
(by its index) so the dashboard can open the offers behind it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from offerdesk.ui.theme import is_dark

BAR_SIZE = 0.6  # width (or height) of a bar, in units of one group


def _text_colour() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)


def _base_colour() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.Base)


def accent_colour() -> QColor:
    """The bars' and line's colour: a blue that reads on light and dark backgrounds."""
    return QColor("#8ab4f8" if is_dark() else "#1a73e8")


def percent_or_nan(value: float | None) -> float:
    """A 0..1 rate as a percentage for plotting; missing values become NaN so the line shows a gap."""
    return math.nan if value is None else float(value) * 100.0


def nearest_index(position: float, count: int) -> int | None:
    """The bar at `position` along the category axis (bars are centred on 0, 1, 2, …), or None if beside them."""
    if count <= 0:
        return None
    index = round(position)
    if 0 <= index < count and abs(position - index) <= BAR_SIZE / 2 + 0.1:
        return int(index)
    return None


class ChartBox(QWidget):
    """A titled pyqtgraph plot with an export button. `pointClicked(index)` reports a clicked bar or point."""

    pointClicked = Signal(int)
    exportRequested = Signal()

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.title = QLabel(f"<b>{title}</b>", self)
        self.export_button = QPushButton("Export PNG…", self)
        self.export_button.setObjectName(f"{name}Export")
        self.export_button.setToolTip("Save this chart as a PNG image")
        self.plot_widget = pg.PlotWidget(self, background=_base_colour())
        self.plot_widget.setObjectName(f"{name}Plot")
        self.plot_widget.setMinimumHeight(180)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.getViewBox().setMouseEnabled(x=False, y=False)
        self.plot_item.showGrid(x=False, y=True, alpha=0.25)
        self._colour_axes()
        self.empty_label = QLabel("No data for this period.", self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.empty_label)
        self.export_button.clicked.connect(self.exportRequested)
        self.plot_widget.scene().sigMouseClicked.connect(self._scene_clicked)
        self.labels: list[str] = []

    def _colour_axes(self) -> None:
        for axis_name in ("left", "bottom"):
            axis = self.plot_item.getAxis(axis_name)
            axis.setPen(pg.mkPen(_text_colour()))
            axis.setTextPen(pg.mkPen(_text_colour()))
            if axis.labelText:
                axis.setLabel(axis.labelText, color=_text_colour().name())

    def recolour(self) -> None:
        """Light/dark switched: the plot's background, axes and data take the new palette's colours."""
        self.plot_widget.setBackground(_base_colour())
        self._colour_axes()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.recolour()

    def data_items(self) -> list[Any]:
        return list(self.plot_item.listDataItems()) + [
            item for item in self.plot_item.items if isinstance(item, pg.BarGraphItem)
        ]

    def export_png(self, target: Path) -> None:
        exporter = pyqtgraph.exporters.ImageExporter(self.plot_item)
        exporter.parameters()["width"] = max(int(self.plot_widget.width()), 400)
        exporter.export(str(target))

    def _set_empty(self, empty: bool) -> None:
        self.empty_label.setVisible(empty)
        self.export_button.setEnabled(not empty)

    def _scene_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.labels:
            return
        view_box = self.plot_item.getViewBox()
        if not view_box.sceneBoundingRect().contains(event.scenePos()):
            return
        index = self.index_at(view_box.mapSceneToView(event.scenePos()))
        if index is not None:
            self.pointClicked.emit(index)

    def index_at(self, point: QPointF) -> int | None:
        return nearest_index(point.x(), len(self.labels))

    def view_point_of(self, index: int) -> QPointF:
        """Where bar or point `index` sits in view coordinates (its middle), for tests and keyboard users."""
        return QPointF(float(index), 0.0)


class BarChart(ChartBox):
    """Bars over named groups; horizontal ones keep long labels (decline reasons) readable."""

    def __init__(
        self,
        name: str,
        title: str,
        value_label: str,
        horizontal: bool = False,
        parent: QWidget | None = None,
        counts: bool = False,
    ) -> None:
        super().__init__(name, title, parent)
        self.horizontal = horizontal
        self.counts = counts  # whole numbers: ticks at whole steps, never 0.1, 0.2…
        self.value_label = value_label
        self.values: list[float] = []
        self.bars: pg.BarGraphItem | None = None
        self.plot_item.showGrid(x=horizontal, y=not horizontal, alpha=0.25)
        self.set_bars([], [])

    def set_bars(self, labels: Sequence[str], values: Sequence[float | None]) -> None:
        self.labels = list(labels)
        self.values = [0.0 if value is None or math.isnan(value) else float(value) for value in values]
        if self.bars is not None:
            self.plot_item.removeItem(self.bars)
            self.bars = None
        positions = np.arange(len(self.labels), dtype=float)
        heights = np.array(self.values, dtype=float)
        ticks = [list(enumerate(self.labels))]
        category_axis = self.plot_item.getAxis("left" if self.horizontal else "bottom")
        value_axis_name = "bottom" if self.horizontal else "left"
        category_axis.setTicks(ticks)
        self.plot_item.setLabel(value_axis_name, self.value_label, color=_text_colour().name())
        if self.labels:
            brush = pg.mkBrush(accent_colour())
            pen = pg.mkPen(accent_colour().darker(130))
            if self.horizontal:
                self.bars = pg.BarGraphItem(x0=0, y=positions, height=BAR_SIZE, width=heights, brush=brush, pen=pen)
            else:
                self.bars = pg.BarGraphItem(x=positions, height=heights, width=BAR_SIZE, brush=brush, pen=pen)
            self.plot_item.addItem(self.bars)
            top = max([*self.values, 1.0]) * 1.1
            if self.counts:
                step = float(max(1, math.ceil(top / 8)))
                self.plot_item.getAxis(value_axis_name).setTickSpacing(major=step, minor=step)
            if self.horizontal:
                self.plot_item.setRange(xRange=(0, top), yRange=(-0.6, len(self.labels) - 0.4), padding=0)
                self.plot_item.getViewBox().invertY(True)
            else:
                self.plot_item.setRange(xRange=(-0.6, len(self.labels) - 0.4), yRange=(0, top), padding=0)
        self._set_empty(not self.labels)

    def index_at(self, point: QPointF) -> int | None:
        return nearest_index(point.y() if self.horizontal else point.x(), len(self.labels))

    def recolour(self) -> None:
        super().recolour()
        if hasattr(self, "values"):  # not while the base class is still being built
            self.set_bars(self.labels, self.values)

    def view_point_of(self, index: int) -> QPointF:
        half = self.values[index] / 2 if 0 <= index < len(self.values) else 0.0
        return QPointF(half, float(index)) if self.horizontal else QPointF(float(index), half)


class LineChart(ChartBox):
    """A line with points over ordered groups (months); a missing value leaves a gap in the line."""

    def __init__(self, name: str, title: str, value_label: str, parent: QWidget | None = None) -> None:
        super().__init__(name, title, parent)
        self.values: list[float] = []
        colour = accent_colour()
        self.line = pg.PlotDataItem(
            [], [], pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=8, symbolBrush=colour, connect="finite"
        )
        self.plot_item.addItem(self.line)
        self.plot_item.setLabel("left", value_label, color=_text_colour().name())
        self.set_points([], [])

    def recolour(self) -> None:
        super().recolour()
        if hasattr(self, "line"):
            colour = accent_colour()
            self.line.setPen(pg.mkPen(colour, width=2))
            self.line.setSymbolBrush(colour)

    def set_points(self, labels: Sequence[str], values: Sequence[float]) -> None:
        self.labels = list(labels)
        self.values = [float(value) for value in values]
        x = np.arange(len(self.labels), dtype=float)
        y = np.array(self.values, dtype=float)
        self.line.setData(x, y, connect="finite")
        self.plot_item.getAxis("bottom").setTicks([self._ticks()])
        if self.labels:
            self.plot_item.setRange(xRange=(-0.5, len(self.labels) - 0.5), yRange=(0, 105), padding=0)
        self._set_empty(not self.labels)

    def _ticks(self) -> list[tuple[int, str]]:
        """Every month when few; otherwise every n-th, so the labels do not overlap."""
        step = max(1, math.ceil(len(self.labels) / 12))
        return [(index, label) for index, label in enumerate(self.labels) if index % step == 0]

    def view_point_of(self, index: int) -> QPointF:
        value = self.values[index] if 0 <= index < len(self.values) else 0.0
        return QPointF(float(index), 0.0 if math.isnan(value) else value)

    def index_at(self, point: QPointF) -> int | None:
        index = nearest_index(point.x(), len(self.labels))
        if index is None or math.isnan(self.values[index]):
            return None
        return index
