"""A minimal legacy .xls writer for tests, since no maintained library writes the format any more.

It lays one BIFF8 workbook stream with a single sheet inside an OLE2 compound file: just the records xlrd needs
(BOF, DATEMODE, two cell formats, BOUNDSHEET, the cells, EOF). Cells may be str, float/int, bool, None, or a
`Date` holding an Excel serial day number, written with the built-in date format.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

_SECTOR = 512
_END_OF_CHAIN, _FAT_SECTOR, _FREE, _NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF, 0xFFFFFFFF
_DATE_XF = 1  # cell format 1 uses number format 14, Excel's built-in short date


@dataclass(frozen=True)
class Date:
    serial: float  # days since 1899-12-30, as Excel stores a date


Cell = str | float | int | bool | None | Date


def _record(opcode: int, data: bytes) -> bytes:
    return struct.pack("<HH", opcode, len(data)) + data


def _text(value: str, length_bytes: int) -> bytes:
    encoded = value.encode("utf-16-le")
    length = struct.pack("<H" if length_bytes == 2 else "<B", len(value))
    return length + b"\x01" + encoded  # flag 1: the characters are UTF-16


def _cell(row: int, column: int, value: Cell) -> bytes:
    where = struct.pack("<HHH", row, column, _DATE_XF if isinstance(value, Date) else 0)
    if value is None:
        return _record(0x0201, where)  # BLANK
    if isinstance(value, bool):
        return _record(0x0205, where + struct.pack("<BB", int(value), 0))  # BOOLERR
    if isinstance(value, Date):
        return _record(0x0203, where + struct.pack("<d", value.serial))  # NUMBER
    if isinstance(value, int | float):
        return _record(0x0203, where + struct.pack("<d", float(value)))
    return _record(0x0204, where + _text(value, 2))  # LABEL


def _workbook_stream(rows: list[list[Cell]], sheet_name: str) -> bytes:
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    plain_xf = struct.pack("<HHH", 0, 0, 0x0001) + bytes(14)
    date_xf = struct.pack("<HHH", 0, 14, 0x0001) + bytes(14)
    head = _record(0x0809, bof) + _record(0x0022, struct.pack("<H", 0))
    head += _record(0x00E0, plain_xf) + _record(0x00E0, date_xf)
    sheet_entry_size = 4 + 6 + len(_text(sheet_name, 1))
    sheet_offset = len(head) + sheet_entry_size + 4  # after BOUNDSHEET and the globals' EOF
    globals_ = head + _record(0x0085, struct.pack("<IBB", sheet_offset, 0, 0) + _text(sheet_name, 1))
    globals_ += _record(0x000A, b"")
    width = max((len(row) for row in rows), default=0)
    sheet = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
    sheet += _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, width, 0))
    for row_index, row in enumerate(rows):
        for column, value in enumerate(row):
            sheet += _cell(row_index, column, value)
    return globals_ + sheet + _record(0x000A, b"")


def xls_bytes(rows: list[list[Cell]], sheet_name: str = "Sheet1") -> bytes:
    stream = _workbook_stream(rows, sheet_name)
    stream += bytes(max(0, 4096 - len(stream)))  # at least the mini-stream cutoff: stored in ordinary sectors
    stream += bytes(-len(stream) % _SECTOR)
    data_sectors = len(stream) // _SECTOR
    assert data_sectors + 2 <= _SECTOR // 4, "a test workbook this large needs more than one FAT sector"
    directory_sector = 1 + data_sectors
    fat = [_FAT_SECTOR] + [sector + 1 for sector in range(1, data_sectors)] + [_END_OF_CHAIN, _END_OF_CHAIN]
    fat += [_FREE] * (_SECTOR // 4 - len(fat))
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(16)
    header += struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, directory_sector, 0, 4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108  # the FAT is sector 0
    directory = _entry("Root Entry", 5, child=1, start=_END_OF_CHAIN, size=0)
    directory += _entry("Workbook", 2, child=_NO_STREAM, start=1, size=len(stream))
    directory += _entry("", 0, child=_NO_STREAM, start=0, size=0) * 2
    return header + struct.pack(f"<{len(fat)}I", *fat) + stream + directory


def _entry(name: str, kind: int, *, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    fields = struct.pack("<HBBIII", len(encoded), kind, 1, _NO_STREAM, _NO_STREAM, child)
    return encoded.ljust(64, b"\x00") + fields + bytes(16 + 4 + 16) + struct.pack("<III", start, size, 0)
