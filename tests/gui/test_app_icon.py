"""The OfferDesk icon: the installers' icon files come out whole, and the running window carries the mark."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QApplication

from offerdesk.app import set_window_icon
from offerdesk.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


def _make_icons_module() -> ModuleType:
    """installer/ is a folder of build scripts, not a package: the script is loaded from its file."""
    spec = importlib.util.spec_from_file_location("make_icons", REPO / "installer" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_icons", module)
    spec.loader.exec_module(module)
    return module


def _sides(path: Path) -> list[int]:
    reader = QImageReader(str(path))
    sides = []
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), f"image {index} of {path.name}: {reader.errorString()}"
        sides.append(image.width())
    return sides


def test_make_icons_writes_a_png_an_ico_and_an_icns_that_read_back(qapp: QApplication, tmp_path: Path) -> None:
    written = _make_icons_module().make_icons(tmp_path / "icons")

    assert {key: path.name for key, path in written.items()} == {
        "png": "offerdesk.png",
        "ico": "offerdesk.ico",
        "icns": "offerdesk.icns",
    }
    assert all(path.is_file() for path in written.values())
    png = QImage(str(written["png"]))
    assert png.size() == QSize(1024, 1024)
    assert png.pixelColor(0, 0).alpha() == 0, "the tile's rounded corners stay transparent"
    assert png.pixelColor(512, 512).alpha() == 255, "the tile itself is drawn"
    assert sorted(_sides(written["ico"])) == [16, 24, 32, 48, 64, 128, 256]
    assert {32, 64, 128, 256, 512, 1024} <= set(_sides(written["icns"]))


def test_the_window_shows_the_offerdesk_icon(window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    before = QApplication.windowIcon()
    set_window_icon(app)  # what the app does as it starts, before its first window
    try:
        assert not QApplication.windowIcon().isNull()
        small = window.windowIcon().pixmap(32, 32).toImage()
        assert small.pixelColor(16, 16).alpha() == 255, "the mark is drawn, not an empty icon"
    finally:
        QApplication.setWindowIcon(before)
