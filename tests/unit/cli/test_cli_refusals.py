"""A user's mistake at the command line ends in one sentence and writes nothing; never “an unexpected error”."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.unit.cli.cli_run import run

UNEXPECTED = 70


def counts(capsys: pytest.CaptureFixture[str], data: str) -> dict[str, int]:
    code, out, _ = run(capsys, "--data-dir", data, "info", "--format", "json")
    assert code == 0
    result: dict[str, int] = json.loads(out)["counts"]
    return result


def assert_refused(code: int, err: str, *words: str) -> None:
    assert code not in (0, UNEXPECTED), err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "unexpected error" not in err
    for word in words:
        assert word in err


def exported_offer(capsys: pytest.CaptureFixture[str], data: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "--data-dir", data, "offers", "show", "1", "--format", "json")
    assert code == 0
    document: dict[str, Any] = json.loads(out)
    return document


def _set_first_name(value: str) -> Callable[[dict[str, Any]], None]:
    return lambda document: document["offer"]["candidate"].__setitem__("first_name", value)


def _set_note(value: str) -> Callable[[dict[str, Any]], None]:
    return lambda document: document["offer"]["versions"][0].__setitem__("benefits_note", value)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (_set_first_name("\x1b[31mAisha"), "U+001B"),
        (_set_first_name("Ai\x00sha"), "U+0000"),
        (_set_note("\ud800"), "U+D800"),
    ],
)
def test_offer_import_refuses_control_characters_and_invalid_text(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path, change: Callable[[dict[str, Any]], None],
    named: str,
) -> None:  # fmt: skip
    document = exported_offer(capsys, data)
    change(document)
    path = tmp_path / "offer.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = counts(capsys, data)
    code, _, err = run(capsys, "--data-dir", data, "offers", "import", str(path))
    assert_refused(code, err, named)
    assert counts(capsys, data) == before


def test_settings_refuse_an_ansi_escape(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, _, err = run(capsys, "--data-dir", data, "settings", "set", "company.address", "\x1b[31mTorstraße 1")
    assert_refused(code, err, "Company address", "U+001B", "position 1")
    _, out, _ = run(capsys, "--data-dir", data, "settings", "list")
    assert "Torstraße 140" in out and "\x1b" not in out


def test_call_note_with_a_lone_surrogate_is_refused(capsys: pytest.CaptureFixture[str], data: str) -> None:
    before = counts(capsys, data)
    code, _, err = run(capsys, "--data-dir", data, "calls", "log", "--candidate", "1", "--outcome", "yes",
                       "--note", "fine\udcff")  # fmt: skip
    assert_refused(code, err, "U+DCFF")
    assert counts(capsys, data) == before


def test_candidate_name_with_an_escape_is_refused(capsys: pytest.CaptureFixture[str], data: str) -> None:
    before = counts(capsys, data)
    code, _, err = run(capsys, "--data-dir", data, "candidates", "add", "--name", "Bob \x1b[2JSmith",
                       "--email", "bob@example.com")  # fmt: skip
    assert_refused(code, err, "U+001B")
    assert counts(capsys, data) == before


@pytest.mark.parametrize(
    "args",
    [
        ("offers", "show", str(2**70)),
        ("offers", "show", "0"),
        ("candidates", "show", str(2**63)),
        ("calls", "log", "--candidate", str(2**70), "--outcome", "yes"),
        ("letters", "history", "--offer", "-5"),
    ],
)
def test_ids_out_of_range_are_refused(capsys: pytest.CaptureFixture[str], data: str, args: tuple[str, ...]) -> None:
    counts(capsys, data)
    code, _, err = run(capsys, "--data-dir", data, *args)
    assert_refused(code, err, "id")


@pytest.mark.parametrize(
    ("amounts", "named"),
    [(("NaN", "2", "3"), "NaN"), (("1", "Infinity", "3"), "Infinity"), (("1", "2", "1e30"), "1e30")],
)
def test_band_amounts_that_are_not_sane_are_refused(
    capsys: pytest.CaptureFixture[str], data: str, amounts: tuple[str, ...], named: str
) -> None:
    counts(capsys, data)
    code, _, err = run(capsys, "--data-dir", data, "roles", "set-band", "1", "EUR", *amounts)
    assert_refused(code, err, named)


def test_zero_workers_is_refused(capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path) -> None:
    counts(capsys, data)
    out_dir = tmp_path / "letters"
    code, _, err = run(capsys, "--data-dir", data, "letters", "export", "--status", "declined", "--out",
                       str(out_dir), "--workers", "0")  # fmt: skip
    assert_refused(code, err, "--workers")
    assert not out_dir.exists() or not any(out_dir.iterdir())


@pytest.mark.parametrize("value", ["99999999", "0"])
def test_cadence_values_out_of_bounds_are_refused(capsys: pytest.CaptureFixture[str], data: str, value: str) -> None:
    code, _, err = run(capsys, "--data-dir", data, "cadence", "set", "check_in_hours", value)
    assert_refused(code, err, "check_in_hours")
    _, out, _ = run(capsys, "--data-dir", data, "cadence", "list")
    assert "48" in out


@pytest.mark.parametrize("length", [30, 200])
def test_a_long_search_just_finds_nothing(capsys: pytest.CaptureFixture[str], data: str, length: int) -> None:
    code, out, err = run(capsys, "--data-dir", data, "candidates", "list", "--search", "a" * length,
                         "--format", "json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out) == []


def test_a_long_real_name_is_found(capsys: pytest.CaptureFixture[str], data: str) -> None:
    name = "Wolfeschlegelsteinhausenbergerdorff Maximilianus"
    code, _, err = run(capsys, "--data-dir", data, "candidates", "add", "--name", name, "--email", "w@example.com")
    assert code == 0, err
    code, out, err = run(capsys, "--data-dir", data, "candidates", "list", "--search",
                         "wolfeschlegelsteinhausenbergerdorff", "--format", "json")  # fmt: skip
    assert code == 0, err
    assert [row["name"] for row in json.loads(out)] == [name]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("offers", "set-status", "4", "rescinded", "--reason", "Budget \x1b[0m cut"), "Reason"),
        (("roles", "set-band", "1", "EUR", "1", "2", "3", "--location", "Ber\x00lin"), "Band location"),
        (("candidates", "edit", "1", "--notes", "ok\x1b]0;title\x07"), "Notes"),
    ],
)
def test_other_text_doors_refuse_control_characters(
    capsys: pytest.CaptureFixture[str], data: str, args: tuple[str, ...], named: str
) -> None:
    before = counts(capsys, data)
    _, shown_before, _ = run(capsys, "--data-dir", data, "offers", "show", "4", "--format", "json")
    code, _, err = run(capsys, "--data-dir", data, *args)
    assert_refused(code, err, named, "control character")
    assert counts(capsys, data) == before
    _, shown_after, _ = run(capsys, "--data-dir", data, "offers", "show", "4", "--format", "json")
    assert shown_after == shown_before
