"""The log file is private and holds no secrets, notes, names, emails or amounts."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from offerdesk.cli import main
from offerdesk.logs import configure_logging
from offerdesk.services.callprep.calls import CallService

NOTE = "asked for salary 123456.78, write to jane.doe@example.com"
PASSWORD = "s3cret-pw"


def _crash(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError(f"lost postgresql://hr:{PASSWORD}@db.example/offers while saving for jane.doe@example.com")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_crash_log_keeps_option_names_and_ids_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "info"]) == 0
    monkeypatch.setattr(CallService, "log", _crash)
    argv = ["--data-dir", str(data), "calls", "log", "--candidate", "12", "--outcome", "yes", "--note", NOTE]
    assert main(argv) == 70
    assert "unexpected error" in capsys.readouterr().err
    log_file = data / "logs" / "offerdesk.log"
    text = log_file.read_text(encoding="utf-8")
    assert "calls log --candidate 12 --outcome <redacted> --note <redacted>" in text
    assert "123456.78" not in text and "salary" not in text
    assert "jane.doe@example.com" not in text
    assert PASSWORD not in text and "postgresql://hr:***@db.example/offers" in text
    assert str(data) not in text
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_old_world_readable_log_is_made_private(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "offerdesk.log"
    log_file.parent.mkdir()
    log_file.write_text("old\n")
    log_file.chmod(0o644)
    configure_logging(log_file)
    logging.getLogger("offerdesk.test").warning("connecting to %s", "postgresql://u:pw123@h/db")
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
    assert "postgresql://u:***@h/db" in log_file.read_text(encoding="utf-8")


def test_a_failed_template_check_really_puts_the_details_in_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from offerdesk.letters import check
    from tests.letter_helpers import make_template

    def broken(*_args: object) -> None:
        raise RuntimeError("a defect inside the check")

    monkeypatch.setattr(check, "_check_package", broken)
    template = make_template(tmp_path / "offer.docx", "Dear {{ candidate.first_name }},")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "templates", "check", str(template)]) == 1
    captured = capsys.readouterr()
    assert "the details are in the log" in captured.out and "Traceback" not in captured.err
    logged = (data / "logs" / "offerdesk.log").read_text(encoding="utf-8")
    assert "template check failed for offer.docx" in logged and "RuntimeError: a defect inside the check" in logged
    assert str(tmp_path) not in logged  # the file's name, not the folders (a user name) it is in
