"""The frame every dashboard chart shares: its box (title, "Save as PNG…", context menu), its canvas, its axes,
the mouse and keyboard on it, and the image saved or copied for a slide.

A subclass gives the data and draws the marks (bars or a line) in `paint_marks`; everything else is here, drawn
with QPainter from the palette in use at each paint, so a switch between light and dark needs no bookkeeping.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QImageWriter,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QToolTip, QVBoxLayout, QWidget

from offerdesk.files import atomic_write
from offerdesk.ui.panels.chart_axes import PERCENT_TICKS, Axes, count_ticks, nearest_index, whole_percent, wrapped
from offerdesk.ui.panels.chart_image import chart_image

NO_RATE = "—"  # a group with nothing to measure: its tick says so, and no bar pretends it is 0
EMPTY_TEXT = "No data for this period."
MAX_TICK_LINES = 2  # a group's name wraps onto at most two lines under its bar, then ends in "…"
PAD = 8.0  # between the canvas's edge and its outermost text
TICK = 5.0  # length of a tick mark, and the gap between an axis and its numbers


def mix(colour: QColor, other: QColor, share: float) -> QColor:
    """`share` of `colour` over `other`, opaque (so a test or a slide reads the colour actually seen)."""
    return QColor.fromRgbF(
        share * colour.redF() + (1 - share) * other.redF(),
        share * colour.greenF() + (1 - share) * other.greenF(),
        share * colour.blueF() + (1 - share) * other.blueF(),
    )


class ChartCanvas(QWidget):
    """The surface a chart is drawn on; it hands painting, the mouse and the keys to its ChartBox."""

    def __init__(self, box: ChartBox) -> None:
        super().__init__(box)
        self._box = box
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(420, max(240, self._box.minimum_canvas_height()))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self._box.minimum_canvas_height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._box.paint_chart(painter, QSizeF(self.size()), on_screen=True)
        finally:
            painter.end()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._box.pressed(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._box.released(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._box.hover(event.position(), event.globalPosition().toPoint())

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        self._box.hover(None, None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._box.key(event):
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.customContextMenuRequested.emit(event.pos())


class ChartBox(QWidget):
    """A titled chart with an export button. `pointClicked(index)` reports a clicked (or chosen) bar or point."""

    pointClicked = Signal(int)
    exportRequested = Signal()

    def __init__(
        self,
        name: str,
        title: str,
        value_label: str,
        parent: QWidget | None = None,
        *,
        horizontal: bool = False,
        percent: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.horizontal = horizontal  # groups down the left, values along the bottom
        self.percent = percent  # values are percentages on a 0–100 axis; otherwise counts, on whole-number steps
        self.title_text = title
        self.value_label = value_label
        self.subtitle = ""  # the period the chart shows, drawn under the title in a saved chart
        self.labels: list[str] = []
        self.values: list[float] = []  # NaN where a group has no value
        self.hovered: int | None = None
        self.current: int | None = None  # the group the keyboard chose
        self._pressed: int | None = None
        self.title = QLabel(f"<b>{title}</b>", self)
        self.export_button = QPushButton("Save as PNG…", self)
        self.export_button.setObjectName(f"{name}Export")
        self.export_button.setToolTip("Save this chart as a PNG image, with its title, for a slide or report")
        self.menu: QMenu | None = None
        self.canvas = ChartCanvas(self)
        self.canvas.setObjectName(f"{name}Plot")
        self.canvas.setAccessibleName(title)
        self.canvas.customContextMenuRequested.connect(self._show_menu)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.canvas, 1)
        self.export_button.clicked.connect(self.exportRequested)

    # What is shown (for the dashboard, tests and assistive technology)

    def _set_data(self, labels: Sequence[str], values: Sequence[float | None]) -> None:
        self.labels = list(labels)
        self.values = [math.nan if value is None or math.isnan(value) else float(value) for value in values]
        self.hovered = None
        self.current = None if not self.labels else min(self.current or 0, len(self.labels) - 1)
        empty = not self.labels
        self.export_button.setEnabled(not empty)
        described = "; ".join(self.value_text(index) for index in range(len(self.labels)))
        self.canvas.setAccessibleDescription(described or EMPTY_TEXT)
        self.canvas.updateGeometry()
        self.canvas.update()

    def is_empty(self) -> bool:
        return not self.labels

    def value_text(self, index: int) -> str:
        """A group's name and exact value in words, as its tooltip shows it."""
        value = self.values[index]
        if math.isnan(value):
            return f"{self.labels[index]}: {NO_RATE} (nothing to measure)"
        return f"{self.labels[index]}: {self.number_text(value)}"

    def number_text(self, value: float) -> str:
        return whole_percent(value) if self.percent else f"{value:.0f}"

    def value_ticks(self) -> list[float]:
        finite = [value for value in self.values if not math.isnan(value)]
        return list(PERCENT_TICKS) if self.percent else count_ticks(max(finite, default=1.0))

    def tick_labels(self) -> list[str]:
        """The text under (or beside) each group the axis labels, in order; a long one is drawn shortened."""
        return [self._tick_text(index) for index in self._ticked(self.axes())]

    def tick_lines(self) -> list[list[str]]:
        """The lines each of those ticks shows on screen: wrapped, and shortened with "…" where they would collide."""
        return list(self._layout(QSizeF(self.canvas.size()))[1].values())

    def _tick_text(self, index: int) -> str:
        return self.labels[index]

    def _ticked(self, axes: Axes) -> list[int]:
        """The groups whose names the category axis shows: all of them, unless a subclass says otherwise."""
        return list(range(len(self.labels)))

    def plot_rect(self) -> QRect:
        """Where data is drawn, in the canvas's coordinates."""
        return self.axes().plot.toAlignedRect()

    def widget_point_of(self, index: int) -> QPoint:
        """Where a click on bar or point `index` lands, in the canvas's coordinates (its middle)."""
        axes = self.axes()
        value = self.values[index] if 0 <= index < len(self.values) else math.nan
        point = axes.slot_rect(index).center() if math.isnan(value) else self._mark_centre(axes, index, value)
        return point.toPoint()

    def _mark_centre(self, axes: Axes, index: int, value: float) -> QPointF:
        return axes.point(index, value)

    def background_colour(self) -> QColor:
        return self.canvas.palette().color(QPalette.ColorRole.Base)

    def text_colour(self) -> QColor:
        return self.canvas.palette().color(QPalette.ColorRole.Text)

    def axis_text_colour(self) -> QColor:
        """The colour of the axes' numbers and names: the text colour, a little softened towards the background."""
        return mix(self.text_colour(), self.background_colour(), 0.8)

    def recolour(self) -> None:
        """Light/dark switched: the next paint reads the new palette's colours."""
        self.canvas.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.recolour()

    # Geometry

    def _font(self) -> QFont:
        """The canvas's font at a fixed pixel size, so a saved image lays out exactly as the screen does."""
        font = QFont(self.canvas.font())
        font.setPixelSize(max(1, QFontInfo(self.canvas.font()).pixelSize()))
        return font

    def minimum_canvas_height(self) -> int:
        """Tall enough for the axes and, on a horizontal chart, a line of text per group."""
        line = QFontMetricsF(self._font()).lineSpacing()
        if self.horizontal:
            return max(180, math.ceil(len(self.labels) * (line + 4) + 3 * line + 2 * PAD + 2 * TICK))
        return 180

    def axes(self, size: QSizeF | None = None) -> Axes:
        return self._layout(size or QSizeF(self.canvas.size()))[0]

    def _layout(self, size: QSizeF) -> tuple[Axes, dict[int, list[str]]]:
        """The plot area and the lines of text each ticked group's name takes, for a canvas of `size`."""
        metrics = QFontMetricsF(self._font())
        ticks = self.value_ticks()
        top_value = ticks[-1]
        numbers = max(metrics.horizontalAdvance(f"{tick:.0f}") for tick in ticks)
        count = len(self.labels)
        if self.horizontal:
            names = [" ".join(self._tick_text(index).split("\n")) for index in range(count)]
            name_width = min(max((metrics.horizontalAdvance(name) for name in names), default=0.0), size.width() * 0.4)
            shown = [self.number_text(value) for value in self.values if not math.isnan(value)]
            widest_value = max((metrics.horizontalAdvance(text) for text in shown), default=0.0)
            left, right = PAD + name_width + TICK + 3, PAD + widest_value + TICK
            top, bottom = PAD, PAD + 2 * metrics.height() + TICK + 4
            plot = QRectF(left, top, max(1.0, size.width() - left - right), max(1.0, size.height() - top - bottom))
            axes = Axes(plot, count, top_value, True)
            lines = {index: [metrics.elidedText(names[index], Qt.TextElideMode.ElideRight, name_width)]
                     for index in self._ticked(axes)}  # fmt: skip
            return axes, lines
        left = PAD + metrics.height() + TICK + numbers + TICK
        top = PAD + metrics.height()
        width = max(1.0, size.width() - left - PAD - 4)
        probe = Axes(QRectF(left, top, width, 1.0), count, top_value, False)
        lines = {}
        ticked = self._ticked(probe)
        room = probe.slot() * (ticked[1] - ticked[0] if len(ticked) > 1 else 1) - 6
        for index in ticked:
            name, *notes = self._tick_text(index).split("\n")
            lines[index] = wrapped(name, metrics, room, MAX_TICK_LINES) + [
                metrics.elidedText(note, Qt.TextElideMode.ElideRight, max(1.0, room)) for note in notes
            ]
        rows = max((len(block) for block in lines.values()), default=1)
        bottom = PAD + TICK + rows * metrics.lineSpacing()
        plot = QRectF(left, top, width, max(1.0, size.height() - top - bottom))
        return Axes(plot, count, top_value, False), lines

    # Painting

    def paint_chart(self, painter: QPainter, size: QSizeF, on_screen: bool) -> None:
        """The whole chart on a canvas of `size` (logical pixels); `on_screen` adds hover and focus marks."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        base, text = self.background_colour(), self.axis_text_colour()
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), base)
        font = self._font()
        painter.setFont(font)
        if not self.labels:
            painter.setPen(text)
            painter.drawText(QRectF(0, 0, size.width(), size.height()), Qt.AlignmentFlag.AlignCenter, EMPTY_TEXT)
            return
        axes, lines = self._layout(size)
        if on_screen and self.hovered is not None:
            painter.fillRect(axes.slot_rect(self.hovered), mix(self.text_colour(), base, 0.07))
        self._paint_value_axis(painter, axes)
        self._paint_category_axis(painter, axes, lines)
        marked = (self.hovered, self.current if self.canvas.hasFocus() else None) if on_screen else ()
        self.paint_marks(painter, axes, {index for index in marked if index is not None})
        if on_screen and self.canvas.hasFocus() and self.current is not None:
            pen = QPen(self.canvas.palette().color(QPalette.ColorRole.Highlight), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(axes.slot_rect(self.current).adjusted(1, 1, -1, -1), 3, 3)

    def _paint_value_axis(self, painter: QPainter, axes: Axes) -> None:
        """Gridlines at each value tick, their numbers, and the axis's name."""
        metrics = QFontMetricsF(painter.font())
        base, plot = self.background_colour(), axes.plot
        grid, text = mix(self.text_colour(), base, 0.14), self.axis_text_colour()
        for tick in self.value_ticks():
            at = axes.across(tick)
            painter.setPen(QPen(grid, 1))
            label = f"{tick:.0f}"
            if axes.horizontal:
                painter.drawLine(QPointF(at, plot.top()), QPointF(at, plot.bottom()))
                box = QRectF(at - 40, plot.bottom() + TICK, 80, metrics.height())
                flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            else:
                painter.drawLine(QPointF(plot.left(), at), QPointF(plot.right(), at))
                box = QRectF(0, at - metrics.height() / 2, plot.left() - TICK, metrics.height())
                flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.setPen(text)
            painter.drawText(box, flags, label)
        painter.setPen(text)
        if axes.horizontal:
            band = QRectF(plot.left(), plot.bottom() + TICK + metrics.height() + 4, plot.width(), metrics.height())
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, self.value_label)
            return
        painter.save()
        painter.translate(PAD + metrics.height() / 2, plot.center().y())
        painter.rotate(-90)
        name = metrics.elidedText(self.value_label, Qt.TextElideMode.ElideRight, plot.height())
        painter.drawText(QRectF(-plot.height(), -metrics.height() / 2, 2 * plot.height(), metrics.height()),
                         Qt.AlignmentFlag.AlignCenter, name)  # fmt: skip
        painter.restore()

    def _paint_category_axis(self, painter: QPainter, axes: Axes, lines: dict[int, list[str]]) -> None:
        """The baseline, a tick per named group and the names, shortened where they would collide."""
        metrics = QFontMetricsF(painter.font())
        plot, axis = axes.plot, mix(self.text_colour(), self.background_colour(), 0.45)
        painter.setPen(QPen(axis, 1))
        if axes.horizontal:
            painter.drawLine(plot.topLeft(), plot.bottomLeft())
        else:
            painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        room = max(metrics.height(), axes.slot() * self._tick_step(axes))
        for index, block in lines.items():
            centre = axes.along(index)
            painter.setPen(self.axis_text_colour())
            if axes.horizontal:
                box = QRectF(PAD, centre - metrics.height() / 2, plot.left() - TICK - PAD, metrics.height())
                painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, block[0])
                continue
            painter.setPen(QPen(axis, 1))
            painter.drawLine(QPointF(centre, plot.bottom()), QPointF(centre, plot.bottom() + TICK * 0.6))
            painter.setPen(self.axis_text_colour())
            for row, line in enumerate(block):
                box = QRectF(centre - room / 2, plot.bottom() + TICK + row * metrics.lineSpacing(), room,
                             metrics.lineSpacing())  # fmt: skip
                painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, line)

    def _tick_step(self, axes: Axes) -> int:
        ticked = self._ticked(axes)
        return ticked[1] - ticked[0] if len(ticked) > 1 else 1

    def paint_marks(self, painter: QPainter, axes: Axes, chosen: set[int]) -> None:
        """The data itself (bars or a line, drawn by the subclass); `chosen` groups (hovered, or the keyboard's)
        stand out."""

    # Mouse and keyboard

    def _group_at(self, point: QPointF) -> int | None:
        axes = self.axes()
        if not axes.plot.adjusted(-2, -2, 2, 2).contains(point):
            return None
        return nearest_index(axes.position_at(point), len(self.labels))

    def index_at(self, point: QPointF) -> int | None:
        """The group a click at `point` (canvas coordinates) opens, if any."""
        return self._group_at(point)

    def pressed(self, event: QMouseEvent) -> None:
        left = event.button() == Qt.MouseButton.LeftButton
        self._pressed = self.index_at(event.position()) if left else None

    def released(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        index = self.index_at(event.position())
        pressed, self._pressed = self._pressed, None
        if index is not None and index == pressed:
            self.current = index
            self.pointClicked.emit(index)

    def hover(self, point: QPointF | None, global_point: QPoint | None) -> None:
        index = self._group_at(point) if point is not None else None
        if index != self.hovered:
            self.hovered = index
            self.canvas.update()
        if index is None or global_point is None:
            QToolTip.hideText()
            return
        area = self.axes().slot_rect(index).toAlignedRect()
        QToolTip.showText(global_point, self.value_text(index), self.canvas, area)

    def key(self, event: QKeyEvent) -> bool:
        """Arrows, Home and End choose a group, Enter or Space opens it; True when the key was one of those."""
        if not self.labels:
            return False
        last = len(self.labels) - 1
        current = self.current if self.current is not None else -1
        moves = {
            Qt.Key.Key_Left: current - 1, Qt.Key.Key_Up: current - 1, Qt.Key.Key_Right: current + 1,
            Qt.Key.Key_Down: current + 1, Qt.Key.Key_Home: 0, Qt.Key.Key_End: last,
        }  # fmt: skip
        key = Qt.Key(event.key())
        if key in moves:
            self.current = min(max(moves[key], 0), last)
            self.canvas.update()
            point = self.canvas.mapToGlobal(self.widget_point_of(self.current))
            QToolTip.showText(point, self.value_text(self.current), self.canvas)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current is not None:
            if self.opens(self.current):
                self.pointClicked.emit(self.current)
            return True
        return False

    def opens(self, index: int) -> bool:
        """Whether choosing group `index` opens offers (a month with nothing to measure has none to open)."""
        return True

    # Saving and copying

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
        menu.popup(self.canvas.mapToGlobal(position))

    def render_image(self, with_title: bool = True) -> QImage:
        """The chart drawn for a slide (see chart_image.py)."""
        return chart_image(self, with_title)

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
