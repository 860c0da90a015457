"""Writing and reading the user's files safely, in one place.

Every file OfferDesk writes (letters, exports, copies of templates and signed letters) goes to a temporary file
in the same folder and is renamed over the target only once complete, so a crash or a kill never leaves half a
file. Every JSON file it reads gives one sentence when it cannot be used.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from offerdesk.errors import DiskFull, ValidationError, is_disk_full


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
