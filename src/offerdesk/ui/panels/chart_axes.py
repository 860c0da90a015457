"""Where a dashboard chart's groups and values go on its canvas: plain arithmetic over rectangles, no drawing.

Groups sit at positions 0, 1, 2, … along the category axis, each in a slot of equal size; values run from 0 at the
baseline to the axis's top value. Bars may lie (the decline reasons, whose long names read better on the left) or
stand (everything else).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

BAR_SIZE = 0.6  # width (or height) of a bar, in units of one group
BAR_MAX_PX = 48.0  # a chart with two bars does not draw two slabs
BAR_MAX_PX_LYING = 28.0  # a lying bar is never thicker than about two lines of its name
PERCENT_TICKS = (0.0, 20.0, 40.0, 60.0, 80.0, 100.0)


@dataclass(frozen=True)
class Axes:
    """The plot area (where data is drawn) inside a canvas, and how groups and values map onto it."""

    plot: QRectF
    count: int
    top: float  # the value at the far end of the value axis
    horizontal: bool

    def slot(self) -> float:
        """The size of one group along the category axis, in pixels."""
        length = self.plot.height() if self.horizontal else self.plot.width()
        return length / max(1, self.count)

    def along(self, position: float) -> float:
        """The pixel coordinate, along the category axis, of category position `position`."""
        start = self.plot.top() if self.horizontal else self.plot.left()
        return start + (position + 0.5) * self.slot()

    def position_at(self, point: QPointF) -> float:
        """The category position (0, 1, 2 … at the groups' centres) of a pixel."""
        start = self.plot.top() if self.horizontal else self.plot.left()
        coordinate = point.y() if self.horizontal else point.x()
        return (coordinate - start) / self.slot() - 0.5

    def across(self, value: float) -> float:
        """The pixel coordinate, along the value axis, of `value`."""
        fraction = max(0.0, value) / self.top if self.top > 0 else 0.0
        if self.horizontal:
            return self.plot.left() + fraction * self.plot.width()
        return self.plot.bottom() - fraction * self.plot.height()

    def point(self, position: float, value: float) -> QPointF:
        if self.horizontal:
            return QPointF(self.across(value), self.along(position))
        return QPointF(self.along(position), self.across(value))

    def bar(self, position: float, value: float) -> QRectF:
        """The rectangle of a bar of `value` for the group at `position`."""
        thickness = min(self.slot() * BAR_SIZE, BAR_MAX_PX_LYING if self.horizontal else BAR_MAX_PX)
        centre, end = self.along(position), self.across(value)
        if self.horizontal:
            return QRectF(self.plot.left(), centre - thickness / 2, end - self.plot.left(), thickness)
        return QRectF(centre - thickness / 2, end, thickness, self.plot.bottom() - end)

    def slot_rect(self, position: float) -> QRectF:
        """The whole band of the group at `position`, across the plot."""
        size, centre = self.slot(), self.along(position)
        if self.horizontal:
            return QRectF(self.plot.left(), centre - size / 2, self.plot.width(), size)
        return QRectF(centre - size / 2, self.plot.top(), size, self.plot.height())


def count_ticks(largest: float) -> list[float]:
    """Whole-number ticks from 0 to at or past `largest`: at most six, a step of 1, 2 or 5 times a power of ten."""
    top = max(1.0, largest)
    step = 1
    while math.ceil(top / step) > 5:
        step = _next_step(step)
    return [float(step * index) for index in range(math.ceil(top / step) + 1)]


def _next_step(step: int) -> int:
    """1, 2, 5, 10, 20, 50, …"""
    leading = int(str(step)[0])
    return step * 2 if leading in (1, 5) else step * 5 // 2


def whole_percent(value: float) -> str:
    """A percentage as the dashboard's tiles write it: whole, half rounding up (62.5 is 63%)."""
    return f"{int(Decimal(repr(value)).quantize(Decimal(1), ROUND_HALF_UP))}%"


def wrapped(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """`text` broken at spaces into lines no wider than `width`, at most `max_lines` of them; what still does not
    fit ends in an ellipsis (the tooltip has it whole)."""
    lines: list[str] = []
    for word in text.split():
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(trial) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, max(1.0, width)) for line in lines] or [""]


def nearest_index(position: float, count: int) -> int | None:
    """The bar at `position` along the category axis (bars are centred on 0, 1, 2, …), or None if beside them."""
    if count <= 0:
        return None
    index = round(position)
    if 0 <= index < count and abs(position - index) <= BAR_SIZE / 2 + 0.1:
        return int(index)
    return None
