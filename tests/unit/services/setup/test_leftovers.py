"""A kill mid-write leaves a hidden temporary file holding a whole letter; the next start removes it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from offerdesk.files import atomic_write
from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.services.setup.leftovers import is_our_temporary


def _old(path: Path, text: str = "Dear Jane, your salary will be 123456.78") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    return path


def test_start_removes_old_temporary_files_of_ours_and_nothing_else(paths: AppPaths) -> None:
    letters, backups = paths.exports_dir, paths.backup_dir
    ours = [
        _old(letters / ".Jane Doe - Standard v1.docx-k2j4_x9q.partial"),
        _old(backups / "offerdesk-upgrade-20261201-101010.sqlite.partial"),
        _old(backups / "deleted" / "candidate-12-20261201-101010-123456.json.partial"),
        _old(paths.data_dir / "reports" / "ats-skipped-20261201-101010.csv.partial"),
    ]
    theirs = [
        _old(letters / "my draft.partial"),
        _old(letters / ".notes.partial"),
        _old(letters / "Jane Doe - Standard v1.docx"),
        _old(paths.data_dir / "elsewhere" / ".x.docx-k2j4_x9q.partial"),
    ]
    fresh = letters / ".Lukas - Standard v2.docx-aaaa1111.partial"  # another window may be writing it now
    fresh.write_text("in progress")
    services, _ = open_services(paths)
    services.close()
    assert [path for path in ours if path.exists()] == []
    assert all(path.exists() for path in theirs) and fresh.exists()


def test_the_temporary_name_of_a_letter_being_written_is_one_we_clean(paths: AppPaths) -> None:
    target = paths.exports_dir / "Jane Doe - Standard v1.docx"
    with atomic_write(target) as stream:
        stream.write(b"letter")
        [temporary] = target.parent.glob(".*.partial")
        assert is_our_temporary(temporary.name)
