"""A library file from outside cannot freeze call prep: every text is filled in once at import, and a file with a
runaway, oversized, program-reaching or broken text is refused whole. Text an import brought in is the library's
until someone edits it here, so importing the original again puts the original back."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from offerdesk.errors import ValidationError
from offerdesk.services.callprep import scripts
from offerdesk.services.callprep.library import LibraryService
from offerdesk.services.setup.bootstrap import Services

RUNAWAY = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


@pytest.fixture
def library(empty_services: Services) -> LibraryService:
    return LibraryService(empty_services.database)


def library_file(tmp_path: Path, name: str, scripts_: list[dict[str, Any]], objections: list[Any] = ()) -> Path:  # type: ignore[assignment]
    path = tmp_path / name
    document = {"format": "offerdesk-library", "version": 1, "objections": list(objections), "scripts": scripts_}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def script(key: str, *texts: str, title: str = "A script") -> dict[str, Any]:
    steps = [{"key": f"s{n}", "title": f"Step {n}", "text": text} for n, text in enumerate(texts, start=1)]
    return {"key": key, "offer_type": "verbal", "title": title, "steps": steps}


def snapshot(library: LibraryService) -> dict[str, Any]:
    return {"scripts": library.scripts(), "objections": library.objections()}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (RUNAWAY, "did not finish within 2 seconds"),
        (
            "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",  # over the length cap in 100 turns
            "builds a script text longer than 100,000 characters",
        ),
        ("{{ 'x' * 5000000 }}", "builds a text longer than 1,000,000 characters"),
        ("{{ ''.__class__ }}", "reach inside the program"),
        ("Hi {{ candidate.first_name", "unexpected end of template"),
    ],
)
def test_a_file_with_a_hostile_script_text_is_refused_whole(
    library: LibraryService, tmp_path: Path, text: str, problem: str
) -> None:
    path = library_file(tmp_path, "shared.json", [script("team-hello", "Hi {{ candidate.first_name }}."),
                                                   script("verbal-offer", "Fine.", text)])  # fmt: skip
    before = snapshot(library)
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        library.import_library(path)
    assert time.monotonic() - started < 10
    sentence = str(refused.value)
    assert sentence.startswith(f"{path} was not imported: in the script verbal-offer, step 2, ")
    assert problem in sentence and "\n" not in sentence
    assert snapshot(library) == before


def test_a_runaway_variant_and_talk_track_are_named_too(library: LibraryService, tmp_path: Path) -> None:
    variants = {"key": "verbal-offer", "offer_type": "verbal", "title": "V", "steps": [
        {"key": "the_ask", "title": "Ask", "variants": {"direct": "Yes?", "timeline": RUNAWAY}}]}  # fmt: skip
    with pytest.raises(ValidationError, match=r"in the script verbal-offer, step 1 \(timeline\), it did not finish"):
        library.import_library(library_file(tmp_path, "a.json", [variants]))
    objection = {"code": "VISA", "title": "Visa", "talk_track": RUNAWAY}
    with pytest.raises(ValidationError, match="in the objection VISA, its talk track, it did not finish"):
        library.import_library(library_file(tmp_path, "b.json", [], [objection]))


def test_reimporting_the_original_replaces_what_another_file_brought_in(
    library: LibraryService, tmp_path: Path
) -> None:
    """The defect: text an import wrote was taken for the user's own edit, so the original never came back."""
    original = tmp_path / "original.json"
    library.export_library(original)
    shipped = library.script("verbal-offer")
    odd = library_file(tmp_path, "odd.json", [script("verbal-offer", "Odd words.", title="Odd")])
    library.import_library(odd)
    assert library.script("verbal-offer")["title"] == "Odd"

    report = library.import_library(original).value
    assert report.conflicts == []
    assert report.replaced == [
        "The script verbal-offer came in with odd.json and was not edited here since: replaced by the one in "
        "original.json."
    ]
    assert "replaced by the one in original.json" in report.summary()
    back = library.script("verbal-offer")
    assert back["steps"] == shipped["steps"] and back["title"] == shipped["title"]
    assert not back["user_modified"]  # the shipped text again: content upgrades refresh it as before
    assert [s["key"] for s in library.scripts() if s["key"].endswith("-imported")] == []


def test_reimporting_a_corrected_file_replaces_what_it_brought_in(library: LibraryService, tmp_path: Path) -> None:
    library.import_library(library_file(tmp_path, "team.json", [script("team-close", "Version one.")]))
    report = library.import_library(library_file(tmp_path, "team.json", [script("team-close", "Version two.")])).value
    assert (report.updated, report.conflicts) == (1, [])
    assert library.script("team-close")["steps"][0]["text"] == "Version two."
    assert [s["key"] for s in library.scripts() if s["key"].startswith("team-close")] == ["team-close"]


def test_a_hand_edit_after_an_import_is_still_kept_as_your_version(library: LibraryService, tmp_path: Path) -> None:
    library.import_library(library_file(tmp_path, "team.json", [script("team-close", "Version one.")]))
    library.update_script("team-close", title="Mine now")
    report = library.import_library(library_file(tmp_path, "team.json", [script("team-close", "Version two.")])).value
    assert [key for _kind, key, _sentence in report.conflicts] == ["team-close"] and report.replaced == []
    assert library.script("team-close")["title"] == "Mine now"
    assert library.script("team-close-imported")["steps"][0]["text"] == "Version two."


def test_a_stored_runaway_script_costs_one_budget_per_view_and_nothing_after(library: LibraryService) -> None:
    """A library imported before the check (or edited by hand) may hold runaway steps: a view of ten of them waits
    once for its budget, not ten times, and showing them again does not wait at all."""
    fresh = uuid.uuid4().hex  # texts no earlier test filled: a text that ran out of time once is remembered
    texts = [f"{RUNAWAY}{{# {fresh} {n} #}}" for n in range(10)]
    started = time.monotonic()
    budget = scripts.FillBudget()
    shown = [scripts.fill(text, {}, budget) for text in texts]
    first = time.monotonic() - started
    assert "not filled in: it did not finish within 2 seconds" in shown[0].html
    assert all("not filled in" in filled.html for filled in shown)
    assert first < 8  # one budget (2 s), where ten texts of 2 s each took 20
    started = time.monotonic()
    again = scripts.fill(texts[0], {})
    assert "not filled in: this text runs too long" in again.html
    assert time.monotonic() - started < 1
