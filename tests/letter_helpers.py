"""Small .docx templates built in tests, and a reader for what a filled letter says."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from docx import Document
from docx.shared import Inches

from offerdesk.letters.text import document_text


def make_template(path: Path, *paragraphs: str, table_loop: bool = False) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_loop:
        table = document.add_table(rows=4, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Component", "Amount"
        table.cell(1, 0).text = "{%tr for item in offer.components %}"
        table.cell(2, 0).text, table.cell(2, 1).text = "{{ item.label }}", "{{ item.amount }}"
        table.cell(3, 0).text = "{%tr endfor %}"
    document.save(str(path))
    return path


def letter_text(path: Path) -> str:
    return document_text(path)


def sample_values(name: str = "Aisha Rahman") -> dict[str, object]:
    return {
        "candidate": {"full_name": name, "first_name": name.split(" ")[0]},
        "company": {"name": "Brightpath Software"},
        "offer": {
            "base": "€90,000.00",
            "start_date": "1 February 2027",
            "components": [{"label": "Base salary", "amount": "€90,000.00"}, {"label": "Bonus", "amount": "10%"}],
        },
    }


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def png() -> bytes:
    """A one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
        + chunk(b"IEND", b"")
    )


def _relationship(rel_id: str, kind: str, target: str) -> bytes:
    return f'<Relationship Id="{rel_id}" Type="{_R}/{kind}" Target="{target}" TargetMode="External"/>'.encode()


def make_linking_template(tmp_path: Path, url: str) -> Path:
    """A template whose picture is linked to `url` (not embedded), with an attached template at `url` too, and a
    hyperlink to `url` in the text."""
    document = Document()
    document.add_paragraph("Dear {{ candidate.full_name }},")
    document.add_picture(io.BytesIO(png()), width=Inches(1))
    document.add_paragraph("See our site.")
    source = tmp_path / "source.docx"
    document.save(str(source))
    hyperlink = f'<w:hyperlink r:id="rIdH"><w:r><w:t>{url}</w:t></w:r></w:hyperlink></w:p>'.encode()

    def change(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
        if info.filename == "word/_rels/document.xml.rels":
            links = _relationship("rIdX", "image", f"{url}/pixel.png") + _relationship("rIdH", "hyperlink", url)
            data = data.replace(b"</Relationships>", links + b"</Relationships>")
        elif info.filename == "word/document.xml":
            data = re.sub(rb'r:embed="[^"]+"', b'r:link="rIdX"', data)
            data = data.replace(b"See our site.</w:t></w:r></w:p>", b"See our site.</w:t></w:r>" + hyperlink)
        elif info.filename == "word/settings.xml":
            data = re.sub(rb"(<w:settings[^>]*>)", rb'\1<w:attachedTemplate r:id="rIdT"/>', data, count=1)
            relationships = b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            template = _relationship("rIdT", "attachedTemplate", f"{url}/normal.dotm")
            out.writestr("word/_rels/settings.xml.rels", relationships + template + b"</Relationships>")
        out.writestr(info, data)

    target = tmp_path / "linking.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            change(copy, info, original.read(info))
    return target


def qt_loaded() -> bool:
    """Whether this process has loaded Qt (asked of a letter process: it must not, the frozen build relies on it)."""
    import sys

    return "PySide6" in sys.modules
