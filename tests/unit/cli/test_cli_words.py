"""A table is for people and says “Letter sent”; JSON is for programs and keeps `letter_sent`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from offerdesk.cli import main

CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b[A-Z]+(?:_[A-Z]+)+\b")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("LC_ALL", "LC_MONETARY", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")  # the user's notation, whatever the machine running the tests uses
    return str(tmp_path / "data")


def _cells(table: str, header: str) -> list[str]:
    """The cells of one column of an aligned table (its header row gives where the column starts)."""
    lines = table.splitlines()
    head = next(line for line in lines if header in line and "Candidate" in line)
    start = head.index(header)
    following = head[start + len(header) :]
    width = len(header) + (len(following) - len(following.lstrip(" ")))
    return [line[start : start + width].strip() for line in lines[lines.index(head) + 1 :] if line.strip()]


def test_offers_list_shows_types_and_statuses_in_words_and_json_keeps_the_codes(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    table = run(capsys, "--data-dir", data, "offers", "list")
    statuses = set(_cells(table, "Status"))
    assert {"Letter sent", "Verbally extended", "Draft"} <= statuses
    assert {"Written offer", "Verbal offer"} <= set(_cells(table, "Type"))
    assert not CODE.findall(table), CODE.findall(table)
    as_json = json.loads(run(capsys, "--data-dir", data, "offers", "list", "--format", "json"))
    assert {"letter_sent", "verbal_extended", "draft"} <= {offer["status"] for offer in as_json}
    assert {"written", "verbal"} <= {offer["type"] for offer in as_json}


def test_a_status_is_typed_as_its_code_or_as_the_words_a_table_shows(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    by_code = run(capsys, "--data-dir", data, "offers", "list", "--status", "letter_sent", "--format", "json")
    by_words = run(capsys, "--data-dir", data, "offers", "list", "--status", "Letter sent", "--format", "json")
    assert by_code == by_words and json.loads(by_code)


def test_calls_and_followups_tables_say_styles_outcomes_objections_and_statuses_in_words(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    calls = run(capsys, "--data-dir", data, "calls", "list")
    assert not CODE.findall(calls), CODE.findall(calls)
    assert "Summary and direct" in calls or "Direct" in calls
    raw = json.loads(run(capsys, "--data-dir", data, "calls", "list", "--format", "json"))
    assert any(record["objections"] for record in raw)
    assert all(code.isupper() for record in raw for code in record["objections"])
    agenda = run(capsys, "--data-dir", data, "followups")
    assert not CODE.findall(agenda.replace("Follow-ups for", "")), CODE.findall(agenda)


def test_stats_by_ask_style_names_the_styles(capsys: pytest.CaptureFixture[str], data: str) -> None:
    table = run(capsys, "--data-dir", data, "stats", "--by", "ask_style")
    assert "Summary and direct" in table and "summary_direct" not in table
    as_json = json.loads(run(capsys, "--data-dir", data, "stats", "--by", "ask_style", "--format", "json"))
    assert "summary_direct" in {row["group"] for row in as_json["rows"]}


def test_scripts_and_templates_tables_name_the_offer_types(capsys: pytest.CaptureFixture[str], data: str) -> None:
    scripts = run(capsys, "--data-dir", data, "scripts", "list")
    assert "Verbal offer" in scripts and " verbal " not in scripts
    templates = run(capsys, "--data-dir", data, "templates", "list")
    assert "Written offer" in templates


def test_offers_show_names_type_status_and_history_and_writes_amounts_in_the_users_notation(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    rows = json.loads(run(capsys, "--data-dir", data, "offers", "list", "--status", "letter_sent", "--format", "json"))
    german = next(row for row in rows if row["currency"] == "EUR")
    summary = run(capsys, "--data-dir", data, "offers", "show", str(german["id"]))
    assert "Status:      Letter sent" in summary and "Verbally extended → Letter sent" in summary
    assert "€90,000.00 per year" in summary and "90.000,00" not in summary  # an en-US terminal, a de-DE offer
    assert not CODE.findall(summary), CODE.findall(summary)


def test_one_letter_written_is_one_letter(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    assert main(["--data-dir", data, "letters", "export", "--status", "letter_sent", "--out", str(tmp_path / "out"),
                 "--workers", "1"]) == 0  # fmt: skip
    assert "1 letter written, 0 failed." in capsys.readouterr().err


def test_candidates_list_shows_stages_and_offer_statuses_in_words_and_json_keeps_the_codes(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    table = run(capsys, "candidates", "list", "--data-dir", data)
    assert "Final round" in table and "Verbally extended" in table
    assert not CODE.findall(table.replace("@example.com", "")), CODE.findall(table)
    records = json.loads(run(capsys, "candidates", "list", "--format", "json", "--data-dir", data))
    assert {"final_round", "offer"} <= {record["stage"] for record in records}
