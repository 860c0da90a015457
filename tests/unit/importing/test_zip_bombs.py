"""An .xlsx is a zip, and openpyxl unpacks whatever it is given: the reader checks what each part declares, how
tightly it is packed and what it really unpacks to, before openpyxl sees the file."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest

from offerdesk.importing.excel import check_unpacked_size
from offerdesk.importing.problems import ImportFileError
from offerdesk.importing.reader import read_table


def packed(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_part_packed_like_a_zip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(packed({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"<row/>" * 2_000_000}))
    with pytest.raises(ImportFileError, match=r"^“bomb.xlsx” holds a part \(“xl/worksheets/sheet1.xml”\) packed [\d,]+ "
                       r"times smaller than it unpacks, the way a zip bomb is"):  # fmt: skip
        read_table(path)


def test_a_part_that_unpacks_to_more_than_it_declares_is_refused(tmp_path: Path) -> None:
    """zipfile stops at the declared size and then finds the checksum wrong: one sentence, nothing read past it."""
    data = bytearray(packed({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": os.urandom(4000)}))
    directory = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)  # the sheet's central-directory entry
    struct.pack_into("<I", data, directory + 24, 100)  # it claims to unpack to 100 bytes
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive, pytest.raises(ImportFileError, match="is damaged"):
        check_unpacked_size(archive, "lies.xlsx")


def test_a_plain_workbook_passes(tmp_path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    book.active.append(["Name", "Email"])
    book.active.append(["Ada", "ada@example.com"])
    path = tmp_path / "fine.xlsx"
    book.save(path)
    assert [tuple(row.values) for row in read_table(path).rows] == [("Ada", "ada@example.com")]
