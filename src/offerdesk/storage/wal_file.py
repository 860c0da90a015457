"""Reading a SQLite `-wal` file without SQLite: what it would replay into its database when the database opens.

SQLite applies a -wal's committed frames to the pages of whatever database sits beside it, so what a -wal holds has to
be known before SQLite opens the file. The format (sqlite.org/fileformat2.html, "The Write-Ahead Log"): a 32-byte
header (magic, format, page size, checkpoint sequence, two salts, a checksum of the header), then frames of a 24-byte
header (page number, database size after a commit or 0, the salts, a running checksum) and one page. A frame counts
only when its salts match the header's and the running checksum holds; frames count up to the last commit among them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

WAL_MAGIC_LITTLE = 0x377F0682  # checksums are computed over little-endian words
WAL_MAGIC_BIG = 0x377F0683  # ... over big-endian words
WAL_HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24
DB_PAGE_SIZE_OFFSET = 16  # two bytes, big-endian, in the database header; 1 means 65536


@dataclass(frozen=True)
class WalSummary:
    """What a -wal file holds; `committed_frames` is what SQLite would write into the database's pages."""

    exists: bool
    size: int = 0
    well_formed: bool = False  # magic, format and header checksum are right
    page_size: int = 0
    salts: tuple[int, int] | None = None
    committed_frames: int = 0

    @property
    def replays(self) -> bool:
        return self.committed_frames > 0


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + "-wal")


def database_page_size(database: Path) -> int | None:
    """The page size the database's header names, or None when the file is too short to have one."""
    try:
        with database.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100:
        return None
    size = int.from_bytes(header[DB_PAGE_SIZE_OFFSET : DB_PAGE_SIZE_OFFSET + 2], "big")
    return 65536 if size == 1 else size


def _checksum(data: bytes, big_endian: bool, first: int = 0, second: int = 0) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for index in range(0, len(words), 2):
        first = (first + words[index] + second) & 0xFFFFFFFF
        second = (second + words[index + 1] + first) & 0xFFFFFFFF
    return first, second


def read_wal_header(path: Path) -> WalSummary:
    """The header alone (cheap: 32 bytes), for recording which -wal a running OfferDesk writes to."""
    try:
        with path.open("rb") as handle:
            header = handle.read(WAL_HEADER_BYTES)
            size = path.stat().st_size
    except FileNotFoundError:
        return WalSummary(exists=False)
    return _parse_header(header, size)


def _parse_header(header: bytes, size: int) -> WalSummary:
    if len(header) < WAL_HEADER_BYTES:
        return WalSummary(exists=True, size=size)
    magic, _format, page_size, _sequence, salt1, salt2, sum1, sum2 = struct.unpack(">8I", header)
    if magic not in (WAL_MAGIC_LITTLE, WAL_MAGIC_BIG):
        return WalSummary(exists=True, size=size)
    if _checksum(header[:24], magic == WAL_MAGIC_BIG) != (sum1, sum2):
        return WalSummary(exists=True, size=size)
    return WalSummary(exists=True, size=size, well_formed=True, page_size=page_size, salts=(salt1, salt2))


@dataclass(frozen=True)
class WalCursor:
    """Where the committed frames of one -wal generation end: lets a running process count new frames only."""

    salts: tuple[int, int]
    big_endian: bool
    page_size: int
    offset: int  # just after the last commit frame
    sums: tuple[int, int]  # the running checksum there
    committed: int


def _start(header: bytes, size: int) -> tuple[WalSummary, WalCursor | None]:
    summary = _parse_header(header, size)
    if not summary.well_formed or summary.salts is None or not 512 <= summary.page_size <= 65536:
        return summary, None
    big_endian = int.from_bytes(header[:4], "big") == WAL_MAGIC_BIG
    sums = struct.unpack(">2I", header[24:32])
    return summary, WalCursor(summary.salts, big_endian, summary.page_size, WAL_HEADER_BYTES, (sums[0], sums[1]), 0)


def _scan(data: bytes, cursor: WalCursor) -> WalCursor:
    """Frames in `data` (the file's bytes from cursor.offset on) that continue the checksum chain."""
    frame_bytes = FRAME_HEADER_BYTES + cursor.page_size
    sums, position, frames = cursor.sums, 0, 0
    found = cursor
    while position + frame_bytes <= len(data):
        page_number, commit_size, salt1, salt2, sum1, sum2 = struct.unpack(">6I", data[position : position + 24])
        if page_number == 0 or (salt1, salt2) != cursor.salts:
            break
        sums = _checksum(data[position : position + 8], cursor.big_endian, *sums)
        sums = _checksum(data[position + 24 : position + frame_bytes], cursor.big_endian, *sums)
        if sums != (sum1, sum2):
            break
        frames += 1
        position += frame_bytes
        if commit_size:
            found = WalCursor(
                cursor.salts,
                cursor.big_endian,
                cursor.page_size,
                cursor.offset + position,
                sums,
                cursor.committed + frames,
            )
    return found


def follow_wal(path: Path, cursor: WalCursor | None) -> WalCursor | None:
    """The cursor after the frames written since `cursor` (from the start when the -wal began anew)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(WAL_HEADER_BYTES)
            size = path.stat().st_size
            _summary, fresh = _start(header, size)
            if fresh is None:
                return None
            if cursor is None or cursor.salts != fresh.salts or cursor.offset > size:
                cursor = fresh
            handle.seek(cursor.offset)
            return _scan(handle.read(), cursor)
    except FileNotFoundError:
        return None


def summarize_wal(path: Path) -> WalSummary:
    """Header and frames: how many committed frames SQLite would replay (reads the whole file)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return WalSummary(exists=False)
    summary, cursor = _start(data[:WAL_HEADER_BYTES], len(data))
    if cursor is None:
        return summary
    end = _scan(data[WAL_HEADER_BYTES:], cursor)
    return WalSummary(
        exists=True,
        size=summary.size,
        well_formed=True,
        page_size=summary.page_size,
        salts=summary.salts,
        committed_frames=end.committed,
    )
