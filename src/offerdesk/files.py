"""Writing and reading the user's files safely, in one place.

Every file OfferDesk writes (letters, exports, copies of templates and signed letters) goes to a temporary file
in the same folder and is renamed over the target only once complete, so a crash or a kill never leaves half a
file. Every JSON file it reads gives one sentence when it cannot be used.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from offerdesk.errors import ValidationError


@contextmanager
def atomic_write(target: Path, mode: str = "wb", **options: Any) -> Iterator[IO[Any]]:
    """A stream to write `target` through; the file appears, whole, only when the block ends without error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(handle, mode, **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(_mode_for(target))
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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


def read_json(path: Path, noun: str, parse_float: Callable[[str], Any] | None = None) -> Any:
    """The parsed file, or a ValidationError saying why `path` is not a usable `noun` (e.g. "offer file")."""
    article = "an" if noun[:1].lower() in "aeiou" else "a"
    try:
        return json.loads(path.read_text(encoding="utf-8"), parse_float=parse_float)
    except FileNotFoundError:
        raise ValidationError(f"{path} does not exist; choose an exported {noun}.") from None
    except IsADirectoryError:
        raise ValidationError(f"{path} is a folder; choose an exported {noun}.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ValidationError(f"{path} cannot be read ({error}).") from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            f"{path} is not {article} {noun}: it is not valid JSON ({error.msg}, line {error.lineno})."
        ) from None


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
