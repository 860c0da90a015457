"""The OfferDesk icon in the files installers want — PNG, Windows ICO, macOS ICNS — drawn from one SVG.

`resources/icons/offerdesk.svg` is the only source: every size is rendered from it by Qt's SVG renderer (crisp at
each size, not a shrunk 1024 px bitmap), so no hand-exported bitmaps can drift out of step with it, and building
needs nothing beyond PySide6. Each file is read back before it is handed over, so a broken icon stops the build
here rather than showing up as a blank tile on a recruiter's desktop.

Usage: python installer/make_icons.py OUT_DIR
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parents[1] / "resources" / "icons" / "offerdesk.svg"
PNG_SIZE = 1024
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, with the pixel size each stands for (the @2x types count pixels, not points).
ICNS_TYPES = (
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)

_app: object = None  # the QGuiApplication made here, kept alive while icons are drawn


class IconError(RuntimeError):
    """An icon file that did not come out right, named with what is wrong with it."""


def _ensure_gui() -> None:
    """Qt draws only with a GUI application; offscreen unless told otherwise, so a build server needs no display."""
    global _app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _app = QGuiApplication([sys.argv[0] if sys.argv else "make_icons"])


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The icon drawn at `size` x `size` pixels on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _ensure_gui()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise IconError(f"The icon source {svg} is missing or is not an SVG Qt can draw.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"png")).write(image.convertToFormat(QImage.Format.Format_ARGB32)):
        raise IconError(f"Qt could not encode the {size} px icon as PNG.")
    buffer.close()
    return bytes(data.data())


def ico_container(pngs: dict[int, bytes]) -> bytes:
    """A Windows ICO holding one PNG-compressed image per size.

    Qt's ICO writer puts a single image in the file, and Windows needs several (16 px in lists, 32 on the
    desktop, 256 in large views), so the container is written here: an ICONDIR, one ICONDIRENTRY per image,
    then the PNGs. Windows Vista and later read PNG entries at every size.
    """
    header = struct.pack("<HHH", 0, 1, len(pngs))  # reserved, type 1 = icon, image count
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # a byte each: 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_container(entries: list[tuple[bytes, bytes]]) -> bytes:
    """A macOS ICNS of PNG entries (type, data); every length is big-endian and counts its own 8-byte header.

    Qt's ICNS writer holds one image per file, and Finder and the Dock pick among several (32 px to 1024 px,
    plain and Retina), so the container is written here.
    """
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def _sizes_read_back(path: Path, fmt: bytes) -> list[int]:
    """The side of every image Qt finds in the file, in order; a square image is what an icon must be."""
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(path), fmt)
    count = max(reader.imageCount(), 1)
    sides: list[int] = []
    for index in range(count):
        if index and not reader.jumpToImage(index):
            raise IconError(f"{path} says it holds {count} images but image {index + 1} cannot be reached.")
        image = reader.read()
        if image.isNull() or image.width() != image.height():
            raise IconError(f"{path}: image {index + 1} of {count} does not read back ({reader.errorString()}).")
        sides.append(image.width())
    return sides


def _check(path: Path, fmt: bytes, expected: list[int]) -> None:
    found = _sizes_read_back(path, fmt)
    if sorted(found) != sorted(expected):
        raise IconError(f"{path} reads back with sizes {sorted(found)}, not {sorted(expected)}.")


def make_icons(out_dir: Path) -> dict[str, Path]:
    """Write offerdesk.png (1024 px), offerdesk.ico and offerdesk.icns into `out_dir`, checked by reading back."""
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = sorted({PNG_SIZE, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})
    pngs = {size: render_png(size) for size in sizes}
    written = {"png": out_dir / "offerdesk.png", "ico": out_dir / "offerdesk.ico", "icns": out_dir / "offerdesk.icns"}
    written["png"].write_bytes(pngs[PNG_SIZE])
    written["ico"].write_bytes(ico_container({size: pngs[size] for size in ICO_SIZES}))
    written["icns"].write_bytes(icns_container([(kind, pngs[size]) for kind, size in ICNS_TYPES]))
    _check(written["png"], b"png", [PNG_SIZE])
    _check(written["ico"], b"ico", list(ICO_SIZES))
    _check(written["icns"], b"icns", [size for _kind, size in ICNS_TYPES])
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python installer/make_icons.py OUT_DIR", file=sys.stderr)
        return 2
    try:
        written = make_icons(Path(argv[0]))
    except (IconError, OSError) as error:
        print(f"make_icons: {error}", file=sys.stderr)
        return 1
    for path in written.values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
