"""A wrapped label's height for a width is remembered only while what it shows stays the same: a longer text, a
bigger font or a different format is measured again, so a panel never cuts off or pads a changed text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from offerdesk.ui.wrapped_label import WrappedLabel

SHORT = "<ul><li><b>Counteroffer</b>: pay</li></ul>"
LONG = "<ul>" + "".join(f"<li><b>Reason {n}</b>: a longer explanation that wraps</li>" for n in range(6)) + "</ul>"


def _plain_height(text: str, width: int, parent: QWidget) -> int:
    reference = QLabel(text, parent)
    reference.setWordWrap(True)
    return reference.heightForWidth(width)


def test_the_height_follows_the_text(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = WrappedLabel(SHORT, parent)
    short = label.heightForWidth(180)
    assert short == label.heightForWidth(180) == _plain_height(SHORT, 180, parent)
    label.setText(LONG)
    assert label.heightForWidth(180) == _plain_height(LONG, 180, parent) > short
    label.setText(SHORT)
    assert label.heightForWidth(180) == short


def test_the_height_follows_the_font_and_the_format(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    label = WrappedLabel(LONG, parent)
    before = label.heightForWidth(180)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label.heightForWidth(180) > before
    label.setTextFormat(Qt.TextFormat.PlainText)  # the tags now show as text: more to wrap
    reference = QLabel(LONG, parent)
    reference.setWordWrap(True)
    reference.setFont(font)
    reference.setTextFormat(Qt.TextFormat.PlainText)
    assert label.heightForWidth(180) == reference.heightForWidth(180)
