"""The log lives in the user log folder and rotates: it never grows past a few megabytes, each file private."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import platformdirs
import pytest

from offerdesk.logs import LOG_LEVEL_ENV, configure_logging
from offerdesk.paths import APP_NAME, DATA_DIR_ENV, resolve_paths


def test_the_log_is_in_the_user_log_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert resolve_paths().log_dir == Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_log_rotates_into_private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LOG_LEVEL_ENV, raising=False)
    log_file = configure_logging(tmp_path / "logs" / "offerdesk.log")
    assert log_file is not None
    writer = logging.getLogger("offerdesk.test")
    for number in range(2_200):  # about four megabytes
        writer.info("candidate %d was opened, line %s", number, "x" * 2_000)
    files = sorted(log_file.parent.iterdir())
    assert [path.name for path in files] == ["offerdesk.log", "offerdesk.log.1", "offerdesk.log.2", "offerdesk.log.3"]
    assert all(path.stat().st_size <= 1_000_000 for path in files)
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in files)
    writer.debug("not kept at the default level")
    assert "not kept" not in log_file.read_text(encoding="utf-8")


def test_a_long_word_in_a_logged_line_is_redacted_in_one_pass() -> None:
    """A long token (base64 in a traceback, a pasted blob) once took time growing with the square of its length."""
    from offerdesk.logs import redact

    blob = "QUJD" * 5_000
    assert redact(f"{blob} then jane.doe@example.com and sqlite://u:pw@h/{blob}") == (
        f"{blob} then <email> and sqlite://u:***@h/{blob}"
    )
