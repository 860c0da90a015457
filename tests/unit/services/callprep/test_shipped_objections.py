"""The shipped objection library: enough distinct candidate phrasings per code, and a database made with an older
content release picks them up on start-up without touching what the user edited."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

from offerdesk.domain.calls import ObjectionCode
from offerdesk.paths import resolve_paths
from offerdesk.resources import resource_path
from offerdesk.services.callprep.content import (
    _fingerprint,
    installed_content_version,
    load_shipped_content,
)
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.storage.tables import Objection

MIN_SAYS = 25
# A demo database written by the release whose objection library was content version 2.
CONTENT_TWO_DATABASE = Path(__file__).parents[3] / "fixtures" / "schemas" / "0004.sqlite"


def _fold(text: str) -> str:
    """Case, punctuation and spacing do not make two phrasings different."""
    return " ".join(re.sub(r"[^\w\s]", "", text.casefold()).split())


def _shipped() -> list[dict[str, Any]]:
    data = json.loads(resource_path("content", "objections.json").read_text(encoding="utf-8"))
    return list(data["objections"])


def test_every_objection_code_is_shipped_once() -> None:
    codes = Counter(str(item["code"]) for item in _shipped())
    assert set(codes) == {code.value for code in ObjectionCode}
    assert max(codes.values()) == 1


def test_every_code_has_enough_ways_a_candidate_says_it() -> None:
    short = {item["code"]: len(item["says"]) for item in _shipped() if len(item["says"]) < MIN_SAYS}
    assert short == {}


def test_no_phrasing_repeats_within_or_across_codes() -> None:
    owners: dict[str, list[str]] = {}
    for item in _shipped():
        for phrase in item["says"]:
            assert isinstance(phrase, str) and phrase.strip() == phrase and phrase, (item["code"], phrase)
            owners.setdefault(_fold(phrase), []).append(str(item["code"]))
    assert {phrase: codes for phrase, codes in owners.items() if len(codes) > 1} == {}


def test_keywords_are_short_terms_without_repeats() -> None:
    for item in _shipped():
        keywords = [str(word) for word in item["keywords"]]
        assert keywords and len(keywords) == len({word.casefold() for word in keywords}), item["code"]
        assert all(word == word.strip() and 1 <= len(word.split()) <= 3 for word in keywords), item["code"]


def _content_two_copy(tmp_path: Path, edited_code: str) -> Path:
    """The older demo database, in which the user rewrote one objection's phrasings by hand."""
    paths = resolve_paths(tmp_path / "data")
    paths.data_dir.mkdir(parents=True)
    shutil.copy(CONTENT_TWO_DATABASE, paths.database_file)
    connection = sqlite3.connect(paths.database_file)
    try:
        with connection:
            connection.execute(
                "UPDATE objections SET says = ?, keywords = ?, user_modified = 1 WHERE code = ?",
                (json.dumps(["They want me to stay"]), json.dumps(["stay"]), edited_code),
            )
    finally:
        connection.close()
    return tmp_path / "data"


def test_a_database_from_content_two_gets_the_new_phrasings_and_keeps_the_users_edit(tmp_path: Path) -> None:
    shipped = load_shipped_content()
    items = {str(item["code"]): item for item in shipped.objections}
    services, report = open_services(resolve_paths(_content_two_copy(tmp_path, "COUNTEROFFER")))
    try:
        assert report.created is False
        with services.database.transaction() as session:
            assert installed_content_version(session) == shipped.version
            rows = {row.code: row for row in session.scalars(select(Objection))}
            edited = rows.pop("COUNTEROFFER")
            assert edited.says == ["They want me to stay"] and edited.keywords == ["stay"]
            assert edited.user_modified and edited.shipped_version == 2
            for code, row in rows.items():
                assert row.says == items[code]["says"] and row.keywords == items[code]["keywords"], code
                assert row.shipped_version == shipped.version and row.shipped_hash == _fingerprint(items[code])
                assert not row.user_modified
        assert shipped.version > 2 and len(items["COMP_LOW"]["says"]) >= MIN_SAYS  # the upgrade brought new text
    finally:
        services.close()


def test_the_fixture_really_is_older_content() -> None:
    connection = sqlite3.connect(CONTENT_TWO_DATABASE)
    try:
        (version,) = connection.execute("SELECT value FROM app_meta WHERE key = 'content_version'").fetchone()
    finally:
        connection.close()
    assert int(version) == 2 < load_shipped_content().version
