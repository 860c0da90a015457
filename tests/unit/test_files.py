"""Files OfferDesk writes for the user get the permissions any program's new file gets, not a temp file's 0600."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from offerdesk.files import atomic_write

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows has no POSIX permission bits")


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_file_is_readable_by_others_as_the_umask_allows(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "candidates.csv"
    with atomic_write(target) as stream:
        stream.write(b"x")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_an_overwritten_file_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "letter.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with atomic_write(target) as stream:
        stream.write(b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
