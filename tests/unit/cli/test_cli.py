"""The command line, called in-process: formats, filters and one-sentence errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from offerdesk import __version__
from offerdesk.cli import main
from offerdesk.storage.schema import SCHEMA_HEAD
from tests.unit.cli.cli_run import run


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"OfferDesk {__version__}"


def test_info_reports_revision_and_counts(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "info")
    assert code == 0
    assert f"Schema revision:  {SCHEMA_HEAD}" in out
    assert "Candidates:       20" in out
    code, out, _ = run(capsys, "info", "--data-dir", data, "--format", "json")
    assert json.loads(out)["counts"]["offers"] == 11


def test_info_names_the_keychain_and_the_backends_keyring_carries(
    capsys: pytest.CaptureFixture[str], data: str, memory_keyring: object
) -> None:
    """What support asks first when a team password is not remembered, and what a frozen build must not lose."""
    _, out, _ = run(capsys, "--data-dir", data, "info")
    assert "Keychain:         tests.conftest.MemoryKeyring" in out
    _, out, _ = run(capsys, "--data-dir", data, "info", "--format", "json")
    known = json.loads(out)["keychain_backends"]
    for backend in ("macOS.Keyring", "Windows.WinVaultKeyring", "SecretService.Keyring"):
        assert f"keyring.backends.{backend}" in known


def test_candidates_in_three_formats(capsys: pytest.CaptureFixture[str], data: str) -> None:
    _, table, _ = run(capsys, "--data-dir", data, "candidates", "list", "--search", "rahman")
    assert "Aisha Rahman" in table and "Lukas" not in table
    _, as_json, _ = run(capsys, "--data-dir", data, "candidates", "list", "--format", "json")
    assert len(json.loads(as_json)) == 20
    _, as_csv, _ = run(capsys, "--data-dir", data, "candidates", "list", "--format", "csv", "--search", "berlin")
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert rows and all(row["location"] == "Berlin" or "Berlin" in row["role"] for row in rows)


def test_offers_filtered_by_status(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "offers", "list", "--status", "declined", "--format", "json")
    offers = json.loads(out)
    assert code == 0
    assert {offer["status"] for offer in offers} == {"declined"}
    assert len(offers) == 2


def test_demo_clear_and_reset(capsys: pytest.CaptureFixture[str], data: str) -> None:
    code, out, _ = run(capsys, "--data-dir", data, "demo", "--clear")
    assert code == 0 and "0 of your own candidates remain" in out
    code, out, _ = run(capsys, "--data-dir", data, "demo", "--reset")
    assert code == 0 and "20 candidates" in out


def test_no_demo_starts_empty(capsys: pytest.CaptureFixture[str], data: str) -> None:
    _, out, _ = run(capsys, "--data-dir", data, "--no-demo", "candidates", "list", "--format", "json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["frobnicate"], 2, "“frobnicate” is not a command"),
        (["candidates", "list", "--format", "xml"], 2, "--format must be one of table, csv, json"),
        (["offers", "list", "--status", "maybe"], 1, "“maybe” is not an offer status"),
        (["--db-url", "sqlite:////no/such/folder/x.sqlite", "info"], 1, "/no/such/folder does not exist"),
    ],
)
def test_mistakes_get_one_sentence(
    capsys: pytest.CaptureFixture[str], data: str, args: list[str], code: int, message: str
) -> None:
    returned, out, err = run(capsys, "--data-dir", data, *args)
    assert returned == code
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and out == ""


def test_offers_new_takes_currency_and_locale_from_the_band(capsys: pytest.CaptureFixture[str], data: str) -> None:
    _, listed, _ = run(capsys, "--data-dir", data, "candidates", "list", "--search", "kwame", "--format", "json")
    kwame = json.loads(listed)[0]["id"]  # a Berlin candidate for the Berlin role, whose band is in EUR
    code, out, err = run(capsys, "--data-dir", data, "offers", "new", str(kwame), "--type", "conditional")
    assert code == 0 and err.strip() == f"Draft conditional offer {out.strip()}: EUR and de_DE from the Berlin band."
    _, shown, _ = run(capsys, "--data-dir", data, "offers", "show", out.strip(), "--format", "json")
    offer = json.loads(shown)["offer"]
    assert (offer["type"], offer["currency"], offer["locale"]) == ("conditional", "EUR", "de_DE")
    code, out, err = run(capsys, "--data-dir", data, "offers", "new", str(kwame), "--currency", "GBP")
    assert code == 0 and "GBP as given; en_GB as usual for GBP" in err
    code, _, err = run(capsys, "--data-dir", data, "offers", "new", str(kwame), "--locale", "xx_YY")
    assert code != 0 and "“xx_YY” is not a locale" in err and "Traceback" not in err
