"""The dashboard's charts, drawn with pyqtgraph: a line over months and bar charts over named groups.

Each chart sits in a small box with its title, a "Save as PNG…" button and a context menu (save or copy), and says
which point or bar was clicked (by its index) so the dashboard can open the offers behind it. A saved or copied
chart is drawn for a slide or a report: at least 1600 pixels wide and twice its size on screen, with its title
(and the period) in it, on an opaque background of the palette's base colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from offerdesk.files import atomic_write
from offerdesk.ui.theme import is_dark, status_colour

BAR_SIZE = 0.6  # width (or height) of a bar, in units of one group
EXPORT_WIDTH = 1600  # a saved chart is at least this wide, and at least twice its size on screen
TITLE_BAND = 0.1  # the top part of a saved chart's height that holds its title and period
NO_RATE = "—"  # a group with nothing to measure: its tick says so, and no bar pretends it is 0


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
        self.title_text = title
        self.subtitle = ""  # the period the chart shows, drawn under the title in a saved chart
        self.title = QLabel(f"<b>{title}</b>", self)
        self.export_button = QPushButton("Save as PNG…", self)
        self.export_button.setObjectName(f"{name}Export")
        self.export_button.setToolTip("Save this chart as a PNG image, with its title, for a slide or report")
        self.menu: QMenu | None = None
        self.plot_widget = pg.PlotWidget(self, background=_base_colour())
        self.plot_widget.setObjectName(f"{name}Plot")
        self.plot_widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot_widget.customContextMenuRequested.connect(self._show_menu)
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

    def _show_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName(f"{self.objectName()}Menu")
        save = menu.addAction("Save Chart as PNG…")
        save.triggered.connect(self.exportRequested)
        copy = menu.addAction("Copy Chart")
        copy.triggered.connect(self.copy_image)
        empty = not self.labels
        save.setEnabled(not empty)
        copy.setEnabled(not empty)
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = menu
        menu.popup(self.plot_widget.viewport().mapToGlobal(position))

    def render_image(self, with_title: bool = True) -> QImage:
        """The chart drawn for a slide: at least EXPORT_WIDTH wide and twice its size on screen, its title and
        period in the top TITLE_BAND, everything on the palette's base colour with no alpha channel at all."""
        width = max(1, self.plot_widget.width())
        scale = max(2.0, EXPORT_WIDTH / width)
        base = _base_colour()
        base.setAlpha(255)
        exporter = pyqtgraph.exporters.ImageExporter(self.plot_item)
        exporter.parameters()["background"] = base
        exporter.parameters()["width"] = math.ceil(width * scale)  # the height follows the plot's proportions
        plot: QImage = exporter.export(toBytes=True)
        plot_width, plot_height = plot.width(), plot.height()
        title_px, subtitle_px = self._title_sizes(scale)
        lines = title_px * 1.5 + (subtitle_px * 1.5 if self.subtitle else 0)
        band = math.ceil(max(lines, plot_height * TITLE_BAND / (1 - TITLE_BAND)))
        image = QImage(plot_width, band + plot_height, QImage.Format.Format_RGB32)
        image.fill(base)
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            if with_title:
                self._draw_title(painter, QRect(0, 0, plot_width, band), title_px, subtitle_px)
            painter.drawImage(0, band, plot)
        finally:
            painter.end()
        image.setText("Title", self.title_text)
        if self.subtitle:
            image.setText("Description", self.subtitle)
        return image

    def _title_sizes(self, scale: float) -> tuple[int, int]:
        """Pixel sizes of the saved chart's title and period: larger than its axis text, which scales by `scale`."""
        text_px = QFontInfo(self.font()).pixelSize()
        return round(text_px * scale * 1.35), round(text_px * scale * 0.9)

    def _draw_title(self, painter: QPainter, band: QRect, title_px: int, subtitle_px: int) -> None:
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(title_px)
        painter.setFont(font)
        painter.setPen(_text_colour())
        split = band.top() + round(band.height() * (0.6 if self.subtitle else 1.0))
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(band.left(), band.top(), band.width(), split - band.top()), int(flags), self.title_text)
        if self.subtitle:
            font.setBold(False)
            font.setPixelSize(subtitle_px)
            painter.setFont(font)
            painter.setPen(status_colour("muted"))
            rest = QRect(band.left(), split, band.width(), band.bottom() - split)
            painter.drawText(rest, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), self.subtitle)

    def export_png(self, target: Path) -> None:
        """Write the chart to `target` whole or not at all; OSError when it cannot be written."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QImageWriter(buffer, QByteArray(b"png"))
        if not writer.write(self.render_image()):
            raise OSError(f"the image could not be encoded as PNG ({writer.errorString()})")
        buffer.close()
        with atomic_write(target) as stream:
            stream.write(data.data())

    def copy_image(self) -> None:
        """The same image as a saved chart, on the clipboard (to paste into a slide or a message)."""
        QGuiApplication.clipboard().setImage(self.render_image())

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
        self.values: list[float] = []  # NaN where a group has no value: it gets no bar
        self.tick_labels: list[str] = []
        self.bars: pg.BarGraphItem | None = None
        self.plot_item.showGrid(x=horizontal, y=not horizontal, alpha=0.25)
        self.set_bars([], [])

    def set_bars(self, labels: Sequence[str], values: Sequence[float | None]) -> None:
        """One bar per group; a group without a value (None or NaN: no decided offers) gets no bar, never a 0 one,
        and its tick says it has none."""
        self.labels = list(labels)
        self.values = [math.nan if value is None or math.isnan(value) else float(value) for value in values]
        if self.bars is not None:
            self.plot_item.removeItem(self.bars)
            self.bars = None
        drawn = [index for index, value in enumerate(self.values) if not math.isnan(value)]
        positions = np.array(drawn, dtype=float)
        heights = np.array([self.values[index] for index in drawn], dtype=float)
        self.tick_labels = [
            label if not math.isnan(value) else f"{label}\n({NO_RATE})"
            for label, value in zip(self.labels, self.values, strict=True)
        ]
        ticks = [list(enumerate(self.tick_labels))]
        category_axis = self.plot_item.getAxis("left" if self.horizontal else "bottom")
        value_axis_name = "bottom" if self.horizontal else "left"
        category_axis.setTicks(ticks)
        if not self.horizontal:  # room for a tick of two lines (a group without a value says so on its second line)
            lines = max([label.count("\n") + 1 for label in self.tick_labels] or [1])
            spacing = QFontMetrics(category_axis.style["tickFont"] or self.font()).lineSpacing()
            category_axis.setHeight(
                lines * spacing + category_axis.style["tickTextOffset"][1] + 2 if lines > 1 else None
            )
        self.plot_item.setLabel(value_axis_name, self.value_label, color=_text_colour().name())
        if drawn:
            brush = pg.mkBrush(accent_colour())
            pen = pg.mkPen(accent_colour().darker(130))
            if self.horizontal:
                self.bars = pg.BarGraphItem(x0=0, y=positions, height=BAR_SIZE, width=heights, brush=brush, pen=pen)
            else:
                self.bars = pg.BarGraphItem(x=positions, height=heights, width=BAR_SIZE, brush=brush, pen=pen)
            self.plot_item.addItem(self.bars)
        if self.labels:
            top = max([*heights.tolist(), 1.0]) * 1.1
            if self.counts:
                step = float(max(1, math.ceil(top / 8)))
                self.plot_item.getAxis(value_axis_name).setTickSpacing(major=step, minor=step)
            if self.horizontal:
                self.plot_item.setRange(xRange=(0, top), yRange=(-0.6, len(self.labels) - 0.4), padding=0)
                self.plot_item.getViewBox().invertY(True)
            else:
                self.plot_item.setRange(xRange=(-0.6, len(self.labels) - 0.4), yRange=(0, top), padding=0)
        self._set_empty(not self.labels)

    def drawn_bars(self) -> list[tuple[str, float]]:
        """(tick label, value) of every bar on screen, read back from the drawn item, in category order."""
        if self.bars is None:
            return []
        options = self.bars.opts
        positions = options["y"] if self.horizontal else options["x"]
        lengths = options["width"] if self.horizontal else options["height"]
        return [(self.tick_labels[round(p)], float(v)) for p, v in zip(positions, lengths, strict=True)]

    def index_at(self, point: QPointF) -> int | None:
        return nearest_index(point.y() if self.horizontal else point.x(), len(self.labels))

    def recolour(self) -> None:
        super().recolour()
        if hasattr(self, "values"):  # not while the base class is still being built
            self.set_bars(self.labels, self.values)

    def view_point_of(self, index: int) -> QPointF:
        value = self.values[index] if 0 <= index < len(self.values) else 0.0
        half = 0.0 if math.isnan(value) else value / 2
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
