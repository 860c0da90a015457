"""The dashboard's charts, drawn with QPainter: a line over months and bar charts over named groups.

Each chart sits in a small box with its title, a "Save as PNG…" button and a context menu (save or copy), and says
which point or bar was clicked (by its index) so the dashboard can open the offers behind it; with the keyboard the
arrows choose a group and Enter opens it, and hovering (or choosing) a group shows its exact value. A saved or
copied chart is drawn for a slide or a report: at least 1600 pixels wide and twice its size on screen, with its
title (and the period) in it, on an opaque background of the palette's base colour. The drawing is our own (chart_box.py
the frame, chart_axes.py the geometry): a plotting library and NumPy would add 49 MB to a 242 MB bundle.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QWidget

from offerdesk.ui.panels.chart_axes import Axes, nearest_index
from offerdesk.ui.panels.chart_box import NO_RATE, ChartBox
from offerdesk.ui.panels.chart_image import EXPORT_WIDTH, TITLE_BAND
from offerdesk.ui.theme import is_dark

__all__ = [
    "EXPORT_WIDTH",
    "NO_RATE",
    "TITLE_BAND",
    "BarChart",
    "ChartBox",
    "LineChart",
    "accent_colour",
    "nearest_index",
    "percent_or_nan",
]


def accent_colour() -> QColor:
    """The bars' and line's colour: a blue that reads on light and dark backgrounds."""
    return QColor("#8ab4f8" if is_dark() else "#1a73e8")


def percent_or_nan(value: float | None) -> float:
    """A 0..1 rate as a percentage for plotting; missing values become NaN so the line shows a gap."""
    return math.nan if value is None else float(value) * 100.0


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
        # counts: whole numbers, ticks at whole steps, never 0.1, 0.2…
        super().__init__(name, title, value_label, parent, horizontal=horizontal, percent=not counts)
        self.set_bars([], [])

    def set_bars(self, labels: Sequence[str], values: Sequence[float | None]) -> None:
        """One bar per group; a group without a value (None or NaN: no decided offers) gets no bar, never a 0 one,
        and its tick says it has none."""
        self._set_data(labels, values)

    def _tick_text(self, index: int) -> str:
        label, value = self.labels[index], self.values[index]
        return label if not math.isnan(value) else f"{label}\n({NO_RATE})"

    def bar_rects(self, axes: Axes | None = None) -> list[tuple[int, QRectF]]:
        """(group index, rectangle) of every bar drawn, in category order; a group without a value has none."""
        axes = axes or self.axes()
        return [(index, axes.bar(index, value)) for index, value in enumerate(self.values) if not math.isnan(value)]

    def drawn_bars(self) -> list[tuple[str, float]]:
        """(tick label, value) of every bar on screen, in category order."""
        return [(self._tick_text(index), self.values[index]) for index, _rect in self.bar_rects()]

    def _mark_centre(self, axes: Axes, index: int, value: float) -> QPointF:
        return axes.bar(index, value).center()

    def paint_marks(self, painter: QPainter, axes: Axes, chosen: set[int]) -> None:
        accent = accent_colour()
        stronger = accent.lighter(118) if is_dark() else accent.darker(118)
        metrics = QFontMetricsF(painter.font())
        for index, rect in self.bar_rects(axes):
            colour = stronger if index in chosen else accent
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            radius = min(3.0, rect.width() / 2, rect.height() / 2)
            painter.drawRoundedRect(rect, radius, radius)
            if self.horizontal:  # square at the baseline, rounded at the value's end
                painter.fillRect(QRectF(rect.left(), rect.top(), radius, rect.height()), colour)
            else:
                painter.fillRect(QRectF(rect.left(), rect.bottom() - radius, rect.width(), radius), colour)
            self._paint_value(painter, axes, metrics, index, rect)

    def _paint_value(self, painter: QPainter, axes: Axes, metrics: QFontMetricsF, index: int, rect: QRectF) -> None:
        """The bar's number at its end, where it fits."""
        text = self.number_text(self.values[index])
        width = metrics.horizontalAdvance(text)
        painter.setPen(self.text_colour())
        if self.horizontal:
            box = QRectF(rect.right() + 4, rect.center().y() - metrics.height() / 2, width + 2, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        elif width <= axes.slot() - 2:
            box = QRectF(rect.center().x() - width, rect.top() - metrics.height() - 1, 2 * width, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)


class LineChart(ChartBox):
    """A line with points over ordered groups (months); a missing value leaves a gap in the line."""

    def __init__(self, name: str, title: str, value_label: str, parent: QWidget | None = None) -> None:
        super().__init__(name, title, value_label, parent)
        self.set_points([], [])

    def set_points(self, labels: Sequence[str], values: Sequence[float]) -> None:
        self._set_data(labels, values)

    def _ticked(self, axes: Axes) -> list[int]:
        """Every month when there is room; otherwise every n-th, so the labels never overlap."""
        metrics = QFontMetricsF(self._font())
        widest = max((metrics.horizontalAdvance(label) for label in self.labels), default=0.0) + 10
        step = max(1, math.ceil(widest / max(1.0, axes.slot())), math.ceil(len(self.labels) / 12))
        return list(range(0, len(self.labels), step))

    def points(self, axes: Axes | None = None) -> list[tuple[int, QPointF]]:
        """(month index, position) of every point drawn; a month with nothing to measure has none."""
        axes = axes or self.axes()
        return [(index, axes.point(index, value)) for index, value in enumerate(self.values) if not math.isnan(value)]

    def drawn_points(self) -> list[tuple[str, float]]:
        """(month, value) of every point on screen, in order."""
        return [(self.labels[index], self.values[index]) for index, _point in self.points()]

    def segments(self) -> list[list[str]]:
        """The months each stretch of unbroken line joins: a month without a value breaks the line."""
        runs: list[list[str]] = [[]]
        for label, value in zip(self.labels, self.values, strict=True):
            if math.isnan(value):
                runs.append([])
            else:
                runs[-1].append(label)
        return [run for run in runs if len(run) > 1]

    def paint_marks(self, painter: QPainter, axes: Axes, chosen: set[int]) -> None:
        accent = accent_colour()
        pen = QPen(accent, 2.2)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        drawn = dict(self.points(axes))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen)
        previous: QPointF | None = None
        for index in range(len(self.values)):
            point = drawn.get(index)
            if point is not None and previous is not None:
                painter.drawLine(previous, point)
            previous = point
        painter.setPen(QPen(self.background_colour(), 1.5))
        painter.setBrush(accent)
        for index, point in drawn.items():
            radius = 5.5 if index in chosen else 4.0
            painter.drawEllipse(point, radius, radius)

    def index_at(self, point: QPointF) -> int | None:
        index = self._group_at(point)
        if index is None or math.isnan(self.values[index]):
            return None
        return index

    def opens(self, index: int) -> bool:
        return not math.isnan(self.values[index])
