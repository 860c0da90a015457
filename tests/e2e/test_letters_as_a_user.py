"""Letters from the command line, as a recruiter runs them."""

from __future__ import annotations

from pathlib import Path

from offerdesk.letters.text import document_text
from tests.e2e.conftest import Runner, command
from tests.letter_helpers import make_template


def test_export_one_letter_and_see_it_in_the_history(run: Runner, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    result = run(command("offerdesk"), *data, "letters", "export", "--offer", "7", "--out", str(tmp_path / "o.docx"))
    assert result.returncode == 0, result.stderr
    assert "Olivia Carter" in document_text(tmp_path / "o.docx")
    history = run(command("offerdesk"), *data, "letters", "history", "--offer", "7")
    assert "Written offer" in history.stdout and "o.docx" in history.stdout


def test_batch_export_by_status(run: Runner, tmp_path: Path) -> None:
    result = run(command("offerdesk"), "--data-dir", str(tmp_path / "data"), "letters", "export", "--status",
                 "approved", "--out", str(tmp_path / "batch"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "batch").glob("*.docx"))) == 1  # the demo has one approved offer


def test_templates_check_exit_codes(run: Runner, tmp_path: Path) -> None:
    good = make_template(tmp_path / "good.docx", "Dear {{ candidate.first_name }},")
    bad = make_template(tmp_path / "bad.docx", "Dear {{ candidate.first_name }")
    ok = run(command("offerdesk"), "templates", "check", str(good))
    assert ok.returncode == 0 and "candidate.first_name" in ok.stdout
    problems = run(command("offerdesk"), "templates", "check", str(bad))
    assert problems.returncode == 1 and "Dear" in problems.stdout and "Traceback" not in problems.stdout
    missing = run(command("offerdesk"), "templates", "check", str(tmp_path / "nope.docx"))
    assert missing.returncode == 1 and "There is no file" in missing.stdout


def test_fields_are_listed(run: Runner) -> None:
    result = run(command("offerdesk"), "templates", "fields")
    assert result.returncode == 0
    assert "offer.base" in result.stdout and "offer.components" in result.stdout


def test_an_unknown_template_and_an_unknown_offer_get_one_sentence(run: Runner, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    for args, message in (
        (["letters", "export", "--offer", "7", "--template", "Nope"], "no template called"),
        (["letters", "export", "--offer", "999"], "no offer with id 999"),
    ):
        result = run(command("offerdesk"), *data, *args)
        assert result.returncode == 1 and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
