"""The image of a chart saved or copied for a slide: larger than on screen, with its title and period above it."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSizeF, Qt
from PySide6.QtGui import QFont, QFontInfo, QImage, QPainter

from offerdesk.ui.theme import status_colour

if TYPE_CHECKING:
    from offerdesk.ui.panels.chart_box import ChartBox

EXPORT_WIDTH = 1600  # a saved chart is at least this wide, and at least twice its size on screen
TITLE_BAND = 0.1  # the top part of a saved chart's height that holds its title and period


def chart_image(box: ChartBox, with_title: bool = True) -> QImage:
    """The chart drawn for a slide: at least EXPORT_WIDTH wide and twice its size on screen, its title and
    period in the top TITLE_BAND, everything on the palette's base colour with no alpha channel at all."""
    width, height = max(1, box.canvas.width()), max(1, box.canvas.height())
    scale = max(2.0, EXPORT_WIDTH / width)
    plot_width, plot_height = math.ceil(width * scale), math.ceil(height * scale)
    title_px, subtitle_px = _title_sizes(box, scale)
    lines = title_px * 1.5 + (subtitle_px * 1.5 if box.subtitle else 0)
    band = math.ceil(max(lines, plot_height * TITLE_BAND / (1 - TITLE_BAND)))
    base = box.background_colour()
    base.setAlpha(255)
    image = QImage(plot_width, band + plot_height, QImage.Format.Format_RGB32)
    image.fill(base)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if with_title:
            _draw_title(box, painter, QRect(0, 0, plot_width, band), title_px, subtitle_px)
        painter.translate(0, band)
        painter.scale(plot_width / width, plot_height / height)
        box.paint_chart(painter, QSizeF(width, height), on_screen=False)
    finally:
        painter.end()
    image.setText("Title", box.title_text)
    if box.subtitle:
        image.setText("Description", box.subtitle)
    return image


def _title_sizes(box: ChartBox, scale: float) -> tuple[int, int]:
    """Pixel sizes of the saved chart's title and period: larger than its axis text, which scales by `scale`."""
    text_px = QFontInfo(box.font()).pixelSize()
    return round(text_px * scale * 1.35), round(text_px * scale * 0.9)


def _draw_title(box: ChartBox, painter: QPainter, band: QRect, title_px: int, subtitle_px: int) -> None:
    font = QFont(box.font())
    font.setBold(True)
    font.setPixelSize(title_px)
    painter.setFont(font)
    painter.setPen(box.text_colour())
    split = band.top() + round(band.height() * (0.6 if box.subtitle else 1.0))
    flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(QRect(band.left(), band.top(), band.width(), split - band.top()), int(flags), box.title_text)
    if box.subtitle:
        font.setBold(False)
        font.setPixelSize(subtitle_px)
        painter.setFont(font)
        painter.setPen(status_colour("muted"))
        rest = QRect(band.left(), split, band.width(), band.bottom() - split)
        painter.drawText(rest, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), box.subtitle)
