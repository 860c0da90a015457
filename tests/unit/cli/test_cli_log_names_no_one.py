"""With debug logging on, a run of commands on the demo data (some failing, one stopped by a defect) leaves
ids in the log folder, never a candidate's name, email address or an offer's amount."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from offerdesk.cli import main
from offerdesk.logs import LOG_LEVEL_ENV
from offerdesk.paths import resolve_paths
from offerdesk.services.offers.compensation import CompensationService
from offerdesk.services.setup.bootstrap import open_services
from tests.letter_helpers import make_template


def _demo_secrets(data: Path) -> set[str]:
    services, _report = open_services(resolve_paths(data))
    try:
        secrets: set[str] = set()
        for row in services.candidates.search(""):
            secrets |= {row.full_name, row.email, *row.full_name.split()}
        for offer in services.offers.list():
            if offer.base_minor:
                major = offer.base_minor // 100
                secrets |= {str(offer.base_minor), str(major), f"{major:,}", f"{offer.base_minor / 100:,.2f}"}
    finally:
        services.close()
    return {secret for secret in secrets if len(secret) >= 4}


def _defect(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("a defect while saving the band")


def test_the_log_folder_holds_no_name_email_or_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LOG_LEVEL_ENV, "debug")
    data = tmp_path / "data"
    home = ["--data-dir", str(data)]
    assert main([*home, "info"]) == 0
    secrets = _demo_secrets(data)
    broken = make_template(tmp_path / "broken.docx", "Dear {{ candidate.full_name }}", "{{ 1/0 }}")
    runs = [
        ["candidates", "list"], ["candidates", "show", "1"], ["offers", "list"], ["offers", "show", "1"],
        ["letters", "export", "--offer", "1", "--out", str(tmp_path / "one.docx")],
        ["letters", "export", "--offer", "1", "--template", str(broken), "--out", str(tmp_path / "two.docx")],
        ["templates", "check", str(broken)], ["candidates", "show", "999"], ["offers", "show", "999"],
        ["offers", "import", str(tmp_path / "missing.json")], ["calls", "log", "--candidate", "1", "--outcome", "x"],
        ["stats"], ["followups"],
    ]  # fmt: skip
    for argv in runs:
        main([*home, *argv])
    monkeypatch.setattr(CompensationService, "set_band", _defect)
    assert main([*home, "roles", "set-band", "1", "EUR", "81234", "91234", "101234"]) == 70
    capsys.readouterr()
    logs = resolve_paths(data).log_dir
    text = "\n".join(path.read_text(encoding="utf-8") for path in logs.iterdir() if path.is_file())
    assert "a defect while saving the band" in text and "roles set-band 1" in text
    assert logging.getLogger("offerdesk").level == logging.DEBUG
    leaked = sorted(secret for secret in secrets | {"81234", "91234", "101234"} if secret in text)
    assert leaked == []
