"""Writing and reading the user's files safely, in one place.

Every file OfferDesk writes (letters, exports, copies of templates and signed letters) goes to a temporary file
in the same folder and is renamed over the target only once complete, so a crash or a kill never leaves half a
file. Every file from outside (an offer or library file, a candidate export) is read through `read_outside_file`:
only a regular file, never more than a cap, and one sentence when it cannot be used.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from offerdesk.errors import DiskFull, ValidationError, is_disk_full

# A JSON document from outside (an offer file, a call-prep library) is read whole and parsed in memory, where it
# takes ten to twenty times its size. Real ones are a few kilobytes (an offer) to a few hundred (a team's library);
# 5 MB is far above both and keeps a hostile file's parse well under the memory the app may use.
MAX_DOCUMENT_BYTES = 5_000_000
# JSON nesting: an offer file is five levels deep and a library four; a deeper one is not OfferDesk's.
MAX_DOCUMENT_DEPTH = 32
_CHUNK = 1 << 20
# A document's XML packs five to twenty times smaller; a zip bomb packs hundreds or thousands of times. A part that
# unpacks to more than a megabyte at a ratio past this is refused before any library unpacks it.
MAX_PACKING_RATIO = 100
_RATIO_FROM_BYTES = 1_000_000
_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a disk device"),
    (stat.S_ISSOCK, "a socket"),
)  # fmt: skip


class OutsideFileError(ValidationError):
    """A file from outside that was not read (not a regular file, too large, unreadable); one sentence."""


def size_words(size: int) -> str:
    """A byte count the way a user reads it: '61.2 MB', '4.3 GB', '12.0 KB', '300 bytes'."""
    for unit, scale in (("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000)):
        if size >= scale:
            return f"{size / scale:,.1f} {unit}"
    return f"{size} bytes"


def read_outside_file(
    path: Path, max_bytes: int, *, shown: str | None = None, choose: str = "choose another file",
    too_big: str = "choose a smaller file",
) -> bytes:  # fmt: skip
    """The bytes of `path`, or OutsideFileError naming it (`shown`, else the path) and what is wrong.

    A named pipe would block the reading for ever and a device (/dev/zero) never ends, so the path is looked at
    before it is opened, opened without blocking, and looked at again through the open handle (it may have been
    swapped in between). The cap is kept while reading too: a file may grow after its size was looked at.
    """
    name = shown or str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise OutsideFileError(f"{name} is a folder; {choose}.")
        _refuse_special(mode, name, choose)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            status = os.fstat(handle)
            _refuse_special(status.st_mode, name, choose)
            if status.st_size > max_bytes:
                raise OutsideFileError(
                    f"{name} is {size_words(status.st_size)}, over the {size_words(max_bytes)} limit for one "
                    f"import; {too_big}."
                )
            chunks, total = [], 0
            while total <= max_bytes and (chunk := os.read(handle, min(_CHUNK, max_bytes + 1 - total))):
                chunks.append(chunk)
                total += len(chunk)
        finally:
            os.close(handle)
    except FileNotFoundError:
        raise OutsideFileError(f"{name} does not exist; {choose}.") from None
    except OSError as error:
        raise OutsideFileError(f"{name} cannot be read ({error.strerror or error}).") from None
    if total > max_bytes:  # the file grew while it was being read
        raise OutsideFileError(f"{name} is over the {size_words(max_bytes)} limit for one import; {too_big}.")
    return b"".join(chunks)


def _refuse_special(mode: int, name: str, choose: str) -> None:
    if not stat.S_ISREG(mode):
        kind = next((kind for test, kind in _SPECIAL_KINDS if test(mode)), "something other than a file")
        raise OutsideFileError(f"{name} is {kind}, not a file OfferDesk can read; {choose}.")


def check_zip_members(archive: zipfile.ZipFile, name: str, limit: int, advice: str) -> None:
    """Refuse a zip (an .xlsx, a .docx) that would unpack to more than `limit` bytes, a "zip bomb", before any
    library unpacks it: by what its parts declare (their total, how tightly each is packed), then by what they
    really unpack to (zipfile stops at the declared size and checks the CRC, so a part cannot unpack to more)."""
    members = archive.infolist()
    declared = sum(info.file_size for info in members)
    if declared > limit:
        raise OutsideFileError(
            f"{name} would unpack to {size_words(declared)}, over the {size_words(limit)} an import may use; {advice}."
        )
    for info in members:
        packed = max(info.compress_size, 1)
        if info.file_size > _RATIO_FROM_BYTES and info.file_size > MAX_PACKING_RATIO * packed:
            raise OutsideFileError(
                f"{name} holds a part (“{info.filename[:40]}”) packed {info.file_size // packed:,} times smaller "
                f"than it unpacks, the way a zip bomb is; {advice}."
            )
    unpacked = 0
    for info in members:
        try:
            with archive.open(info) as part:
                while chunk := part.read(_CHUNK):
                    unpacked += len(chunk)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError) as error:
            raise OutsideFileError(f"{name} is damaged: its part “{info.filename[:40]}” cannot be unpacked "
                                   f"({error}); {advice}.") from None  # fmt: skip


@contextmanager
def atomic_write(
    target: Path, mode: str = "wb", *, before_publish: Callable[[], None] | None = None, **options: Any
) -> Iterator[IO[Any]]:
    """A stream to write `target` through; the file appears, whole, only when the block ends without error.

    `before_publish` runs once the file is whole on disk but still hidden (e.g. to commit the record of it): when it
    fails the file never appears, and a kill before it returns leaves only a hidden temporary the next start removes.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(handle, mode, **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(_mode_for(target))
        if before_publish is not None:
            before_publish()
        Path(temporary).replace(target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        if is_disk_full(error):
            raise DiskFull.writing(target.name, target.parent) from error
        raise
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def hidden_temporary(target: Path) -> Path:
    """A hidden name beside `target` of the form atomic_write uses, which the next start removes if left behind."""
    letters = "abcdefghijklmnopqrstuvwxyz0123456789_"
    tail = "".join(secrets.choice(letters) for _ in range(8))
    return target.with_name(f".{target.name}-{tail}.partial")


def _mode_for(target: Path) -> int:
    """mkstemp makes 0600 files; the user's file gets the mode it had, or what a plain new file would get."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it where the system tells it (Linux), else set and put back."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except OSError:
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def atomic_copy(source: Path, target: Path) -> None:
    with atomic_write(target) as stream, source.open("rb") as original:
        shutil.copyfileobj(original, stream)


def read_json(
    path: Path, noun: str, parse_float: Callable[[str], Any] | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Any:
    """The parsed file, or a ValidationError saying why `path` is not a usable `noun` (e.g. "offer file")."""
    article = "an" if noun[:1].lower() in "aeiou" else "a"
    choose = f"choose an exported {noun}"
    data = read_outside_file(path, max_bytes, choose=choose, too_big=f"{choose} (they are far smaller)")
    try:
        document = json.loads(data.decode("utf-8"), parse_float=parse_float)
    except UnicodeDecodeError as error:
        raise ValidationError(f"{path} is not {article} {noun}: it is not UTF-8 text ({error.reason}).") from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            f"{path} is not {article} {noun}: it is not valid JSON ({error.msg}, line {error.lineno})."
        ) from None
    except RecursionError:
        raise ValidationError(f"{path} is not {article} {noun}: its JSON is nested too deeply.") from None
    place = too_deep(document, MAX_DOCUMENT_DEPTH)
    if place is not None:
        raise ValidationError(
            f"{path} is not {article} {noun}: {place} is nested more than {MAX_DOCUMENT_DEPTH} levels deep."
        )
    return document


def too_deep(document: Any, limit: int) -> str | None:
    """The place (“offer › versions › 1 › …”) where `document` nests deeper than `limit`, or None.

    Depth first, keeping only the path being walked, so a large document costs no copy of itself.
    """
    path: list[str] = []
    stack: list[Iterator[tuple[str, Any]]] = [iter([("", document)])]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            if path:
                path.pop()
            continue
        key, value = entry
        if isinstance(value, dict | list):
            if len(stack) > limit:
                parts = [*path[1:], key]
                return " › ".join(parts[:6] + ["…"] * (len(parts) > 6)) or "the document"
            path.append(key)
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.append((str(k), v) for k, v in items)
    return None


# -- writing over files the user already has ---------------------------------------------------------------------
def _listed(paths: Sequence[Path], most: int = 5) -> str:
    names = [path.name for path in paths[:most]]
    more = f" and {len(paths) - most} more" if len(paths) > most else ""
    return ", ".join(names) + more


class FilesExist(ValidationError):
    """Files a write would replace; nothing was written. The window asks, the command line names --overwrite."""

    def __init__(self, existing: Sequence[Path]) -> None:
        self.existing = list(existing)
        super().__init__(self.sentence("ask to replace them"))

    def sentence(self, how: str) -> str:
        folder = self.existing[0].parent
        verb = "exists" if len(self.existing) == 1 else "exist"
        listed = _listed(self.existing)
        return f"{listed} already {verb} in {folder}, so nothing was written; {how}, or choose another folder."


def check_replaceable(targets: Sequence[Path], overwrite: bool) -> None:
    """The one rule for writing over files: a read-only file never, an existing one only when asked."""
    existing = [target for target in targets if target.exists()]
    read_only = [path for path in existing if not path.stat().st_mode & stat.S_IWUSR]
    if read_only:
        verb = "is" if len(read_only) == 1 else "are"
        raise ValidationError(
            f"{_listed(read_only)} in {read_only[0].parent} {verb} read-only, so OfferDesk leaves them as they are "
            "and wrote nothing; choose another folder."
        )
    if existing and not overwrite:
        raise FilesExist(existing)
