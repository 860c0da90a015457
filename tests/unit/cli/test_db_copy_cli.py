"""`offerdesk db copy` as a user runs it: a SQLite file to a team's PostgreSQL server and back, nothing lost."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from offerdesk.domain.offers import OfferType
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from tests.offer_factory import make_offer
from tests.postgres import postgres_url  # noqa: F401 - fixture
from tests.unit.cli.cli_run import run

CHECKSUM = re.compile(r"^checksum ([0-9a-f]{64}) \(the same on both\)$", re.MULTILINE)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _own_data(data: str) -> Path:
    """The demo data plus offers of every type with every optional term, in the data folder's SQLite file."""
    services, _ = open_services(resolve_paths(data))
    for offer_type, locale, currency in ((OfferType.CONTRACT, "de_DE", "EUR"), (OfferType.INTERNAL, "en_GB", "GBP"),
                                         (OfferType.WRITTEN, "ja_JP", "JPY")):  # fmt: skip
        make_offer(services, offer_type, locale, currency)
    services.close()
    return resolve_paths(data).database_file


def _offers(capsys: pytest.CaptureFixture[str], data: str, url: str) -> tuple[str, dict[int, str]]:
    """`offers list` and `offers show ID --format json` of every offer, as printed."""
    code, listing, err = run(capsys, "--data-dir", data, "--db-url", url, "offers", "list", "--format", "json")
    assert code == 0, err
    shown = {}
    for offer in json.loads(listing):
        code, out, err = run(capsys, "--data-dir", data, "--db-url", url, "offers", "show", str(offer["id"]),
                             "--format", "json")  # fmt: skip
        assert code == 0, err
        shown[offer["id"]] = out
    _code, table, _err = run(capsys, "--data-dir", data, "--db-url", url, "offers", "list")
    return listing + table, shown


def test_a_database_goes_to_postgresql_and_back_without_a_difference(
    capsys: pytest.CaptureFixture[str],
    data: str,
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    source = _own_data(data)
    source_bytes = source.read_bytes()
    back = tmp_path / "back.sqlite"

    code, to_server, err = run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", postgres_url)
    assert code == 0, err
    code, to_file, err = run(capsys, "--data-dir", data, "db", "copy", "--from", postgres_url, "--to",
                             f"sqlite:///{back}")  # fmt: skip
    assert code == 0, err

    assert source.read_bytes() == source_bytes  # the source was only read
    assert re.search(r"^offers\s+14  ok$", to_server, re.MULTILINE)
    assert "DIFFERS" not in to_server + to_file
    assert CHECKSUM.findall(to_server) == CHECKSUM.findall(to_file) != []
    listing, shown = _offers(capsys, data, f"sqlite:///{source}")
    assert len(shown) == 14
    assert _offers(capsys, data, postgres_url) == (listing, shown)
    assert _offers(capsys, data, f"sqlite:///{back}") == (listing, shown)


def test_a_target_holding_data_is_refused_and_replaced_only_when_asked(
    capsys: pytest.CaptureFixture[str],
    data: str,
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = _own_data(data)
    assert run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", postgres_url)[0] == 0
    code, _out, err = run(capsys, "--data-dir", data, "--db-url", postgres_url, "offers", "set-status", "1",
                          "rescinded", "--reason", "budget")  # fmt: skip
    assert code == 0, err
    on_server = _offers(capsys, data, postgres_url)

    code, out, err = run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", postgres_url)
    assert (code, out) == (1, "")
    assert "already holds OfferDesk data (23 candidates, 14 offers and" in err
    assert "left unchanged. Add --replace" in err
    code, _out, err = run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", postgres_url,
                          "--replace")  # fmt: skip
    assert code == 1 and "needs a yes: run the command in a terminal, or add --yes" in err
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code, out, err = run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", postgres_url,
                         "--replace")  # fmt: skip
    assert (code, out) == (1, "Nothing was copied.\n")
    assert "Replace everything in " in err and "OfferDesk cannot undo this on a server" in err
    assert _offers(capsys, data, postgres_url) == on_server

    code, out, err = run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", postgres_url,
                         "--replace", "--yes")  # fmt: skip
    assert code == 0, err
    assert re.search(r"^Replaced [\d,]+ rows that were in ", out, re.MULTILINE)
    assert _offers(capsys, data, postgres_url) == _offers(capsys, data, f"sqlite:///{source}") != on_server


def test_replacing_a_sqlite_file_backs_it_up_first(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path
) -> None:
    source = _own_data(data)
    target = tmp_path / "target.sqlite"
    assert run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", str(target))[0] == 0
    kept = target.read_bytes()

    code, out, err = run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", str(target),
                         "--replace", "--yes")  # fmt: skip
    assert code == 0, err
    backup = Path(re.search(r"is kept in the backup (\S+)\.$", out, re.MULTILINE)[1])  # type: ignore[index]
    assert backup.parent == resolve_paths(data).backup_dir and "before-copy" in backup.name
    assert backup.read_bytes()[:16] == kept[:16] and backup.stat().st_size > 0


@pytest.mark.parametrize(
    ("source", "target", "sentence"),
    [
        ("mysql://me@host/db", "{tmp}/t.sqlite", "OfferDesk works with SQLite files and PostgreSQL servers, not mysql"),
        ("postgresql://me:s3cret@host:notaport/db", "{tmp}/t.sqlite",
         "--from “postgresql://me:***@host:notaport/db” is not a database URL"),
        ("{tmp}/missing.sqlite", "{tmp}/t.sqlite", "There is no database file {tmp}/missing.sqlite to copy from"),
        ("{source}", "{source}", "a database cannot be copied onto itself"),
        ("{source}", "sqlite:///{source}", "a database cannot be copied onto itself"),
        ("{source}", "{tmp}/no-such-folder/t.sqlite", "the folder {tmp}/no-such-folder does not exist"),
        ("postgresql://me@/db?host=/nonexistent&port=5999", "{tmp}/t.sqlite", "Cannot reach the database server"),
    ],
)  # fmt: skip
def test_a_mistake_is_one_sentence_and_no_password_is_printed(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path, source: str, target: str, sentence: str
) -> None:
    made = _own_data(data)
    values = {"tmp": str(tmp_path), "source": str(made)}
    code, out, err = run(capsys, "--data-dir", data, "db", "copy", "--from", source.format(**values), "--to",
                         target.format(**values))  # fmt: skip
    assert (code, out) == (1, "")
    assert err.startswith("offerdesk: ") and err.count("\n") == 1
    assert sentence.format(**values) in err
    assert "s3cret" not in err
    assert not (tmp_path / "t.sqlite").exists()


def test_a_big_copy_says_which_tables_are_done(
    capsys: pytest.CaptureFixture[str], data: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("offerdesk.services.setup.db_copy.BIG_COPY_ROWS", 100)  # the demo data counts as big
    source = _own_data(data)
    code, _out, err = run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", str(tmp_path / "t"))
    assert code == 0, err
    assert "Copied candidates: 23 rows (10/26 tables)\n" in err
    assert err.endswith("Copied offer_components: 37 rows (26/26 tables)\n")


def test_a_password_in_the_url_goes_to_the_keychain_and_is_never_printed(
    capsys: pytest.CaptureFixture[str],
    data: str,
    postgres_url: str,  # noqa: F811
) -> None:
    source = _own_data(data)
    with_password = postgres_url.replace("postgresql://postgres@", "postgresql://postgres:s3cret@", 1)
    code, out, err = run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", with_password)
    assert code == 0, err
    assert "s3cret" not in out + err
    assert "postgres@" in out
    code, out, err = run(capsys, "--data-dir", data, "db", "copy", "--from", str(source), "--to", with_password)
    assert code == 1 and "s3cret" not in out + err
