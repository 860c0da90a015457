"""The editable library: edits survive content upgrades, reset restores, and sharing never loses anyone's text."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from offerdesk.cli import library_commands
from offerdesk.errors import ValidationError
from offerdesk.paths import resolve_paths
from offerdesk.services.callprep import library as library_module
from offerdesk.services.callprep.content import _fingerprint, install_shipped_content, load_shipped_content
from offerdesk.services.callprep.library import ImportReport, LibraryService
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage.tables import Objection, Script

STEPS = [
    {"key": "hello", "title": "Hello", "text": "Hi {{ candidate.first_name }}."},
    {"key": "the_ask", "title": "The ask", "variants": {"direct": "Yes?", "timeline": "By Friday?"}},
]


@pytest.fixture
def library(empty_services: Services) -> LibraryService:
    return LibraryService(empty_services.database)


@pytest.fixture
def other(tmp_path: Path) -> Iterator[LibraryService]:
    """A second installation: the colleague's laptop."""
    services, _report = open_services(resolve_paths(tmp_path / "other"), seed_demo_data=False)
    yield LibraryService(services.database)
    services.close()


def snapshot(library: LibraryService) -> dict[str, dict[str, Any]]:
    items = {f"objection:{o['code']}": o for o in library.objections()}
    items.update({f"script:{s['key']}": s for s in library.scripts()})
    return items


def release(tmp_path: Path, version: int, talk_track: str) -> Path:
    """A later content release in which every objection's talk track changed."""
    folder = tmp_path / f"content-{version}"
    folder.mkdir()
    shipped = load_shipped_content()
    for name, section, items in (("objections.json", "objections", shipped.objections),
                                 ("scripts.json", "scripts", shipped.scripts)):  # fmt: skip
        if section == "objections":
            items = [{**item, "talk_track": f"{talk_track} ({item['code']})"} for item in items]
        (folder / name).write_text(json.dumps({"content_version": version, section: items}), encoding="utf-8")
    return folder


def shipped_objection(code: str) -> dict[str, Any]:
    return next(item for item in load_shipped_content().objections if item["code"] == code)


def test_an_edit_is_marked_and_survives_a_content_upgrade(
    empty_services: Services, library: LibraryService, tmp_path: Path
) -> None:
    before = library.objection("COMP_LOW")
    assert before["shipped"] and not before["user_modified"]
    changes = library.update_objection("COMP_LOW", talk_track="My own words.", levers=["Offer a review at 6 months"])
    assert changes == Changes.of(Kind.CONTENT)
    edited = library.objection("COMP_LOW")
    assert edited["user_modified"] and edited["talk_track"] == "My own words."
    assert edited["levers"] == ["Offer a review at 6 months"] and edited["probe"] == before["probe"]
    library.update_script("verbal-offer", title="My verbal offer")
    assert library.script("verbal-offer")["user_modified"]
    with empty_services.database.transaction() as session:
        install_shipped_content(session, load_shipped_content(release(tmp_path, 2, "Release two")))
    assert library.objection("COMP_LOW")["talk_track"] == "My own words."
    assert library.objection("NEED_TIME")["talk_track"] == "Release two (NEED_TIME)"
    assert library.script("verbal-offer")["title"] == "My verbal offer"


def test_an_edit_bumps_the_revision_and_a_no_op_changes_nothing(
    empty_services: Services, library: LibraryService
) -> None:
    def revision() -> int:
        with empty_services.database.transaction() as session:
            return session.scalars(select(Script.revision).where(Script.key == "written-offer")).one()

    start = revision()
    steps = library.script("written-offer")["steps"]
    steps[0]["text"] = "Hello there."
    library.update_script("written-offer", steps=steps)
    assert revision() == start + 1
    assert library.update_script("written-offer", steps=steps) == Changes()
    assert revision() == start + 1


def test_reset_puts_the_shipped_text_back(empty_services: Services, library: LibraryService, tmp_path: Path) -> None:
    shipped = shipped_objection("COMP_LOW")
    library.update_objection("COMP_LOW", title="Money", talk_track="Mine.")
    assert library.reset_to_shipped("objection", "COMP_LOW") == Changes.of(Kind.CONTENT)
    restored = library.objection("COMP_LOW")
    assert not restored["user_modified"]
    assert {key: restored[key] for key in shipped} == shipped
    with empty_services.database.transaction() as session:
        row = session.scalars(select(Objection).where(Objection.code == "COMP_LOW")).one()
        assert row.shipped_hash == _fingerprint(shipped)
        install_shipped_content(session, load_shipped_content(release(tmp_path, 2, "Release two")))
    assert library.objection("COMP_LOW")["talk_track"] == "Release two (COMP_LOW)"  # upgrades apply again

    library.update_script("verbal-offer", title="Mine")
    library.reset_to_shipped("script", "verbal-offer")
    assert library.script("verbal-offer")["title"] == "Verbal offer call"
    assert not library.script("verbal-offer")["user_modified"]


def test_reset_refuses_an_item_that_was_never_shipped(library: LibraryService) -> None:
    library.add_objection("VISA", "Visa sponsorship", probe=["Which visa do you hold today?"])
    with pytest.raises(ValidationError, match="never shipped"):
        library.reset_to_shipped("objection", "VISA")
    with pytest.raises(ValidationError, match="not a library item kind"):
        library.reset_to_shipped("letter", "VISA")  # type: ignore[arg-type]


def test_favourite_is_a_preference_not_an_edit(library: LibraryService) -> None:
    assert library.set_favourite("objection", "NEED_TIME", True) == Changes.of(Kind.CONTENT)
    assert library.set_favourite("script", "verbal-offer", True) == Changes.of(Kind.CONTENT)
    item = library.objection("NEED_TIME")
    assert item["favourite"] and not item["user_modified"]
    assert library.script("verbal-offer")["favourite"]
    library.set_favourite("objection", "NEED_TIME", False)
    assert not library.objection("NEED_TIME")["favourite"]


def test_added_items_are_the_users_own(library: LibraryService) -> None:
    library.add_objection("VISA", "Visa sponsorship", says=["Will you sponsor my visa?"], keywords=["visa"])
    library.add_script("my-verbal-offer", "verbal", "My verbal offer", STEPS)
    visa = library.objection("VISA")
    assert visa["title"] == "Visa sponsorship" and visa["says"] == ["Will you sponsor my visa?"]
    assert not visa["shipped"] and visa["user_modified"]
    script = library.script("my-verbal-offer")
    assert script["steps"] == STEPS and script["offer_type"] == "verbal" and not script["shipped"]


@pytest.mark.parametrize("code", ["comp_low", "COMP-LOW", "COMP LOW", "", "A" * 33, "COMP_LOW"])
def test_add_with_a_bad_or_taken_code_is_refused(library: LibraryService, code: str) -> None:
    before = snapshot(library)
    with pytest.raises(ValidationError, match=r"objection|code"):
        library.add_objection(code, "Something")
    assert snapshot(library) == before


@pytest.mark.parametrize("key", ["Verbal-Offer", "my_script", "-x", "a--b", "verbal-offer"])
def test_add_with_a_bad_or_taken_key_is_refused(library: LibraryService, key: str) -> None:
    with pytest.raises(ValidationError, match="script"):
        library.add_script(key, "verbal", "Something", STEPS)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"title": "  "}, "title"),
        ({"levers": "one lever"}, "levers"),
        ({"probe": ["ok", 3]}, "probe"),
        ({"says": ["", "x"]}, "candidate says"),
        ({"talk_track": None}, "talk track"),
        ({"code": "NEW"}, "code"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_objection_edits_name_the_field(library: LibraryService, fields: dict[str, Any], named: str) -> None:
    before = library.objection("COMP_LOW")
    with pytest.raises(ValidationError, match=named) as error:
        library.update_objection("COMP_LOW", **fields)
    assert str(error.value).count(".") >= 1 and "\n" not in str(error.value)
    assert library.objection("COMP_LOW") == before


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"title": ""}, "title"),
        ({"offer_type": "handshake"}, "offer type"),
        ({"steps": []}, "steps"),
        ({"steps": [{"key": "a", "title": "A"}]}, "text or variants"),
        ({"steps": [{"key": "a", "title": "A", "text": "x", "variants": {"direct": "y"}}]}, "both"),
        ({"steps": [{"key": "a", "text": "x"}]}, "title"),
        ({"steps": [{"title": "A", "text": "x"}]}, "key"),
        ({"steps": [{"key": "a", "title": "A", "variants": {"direct": 1}}]}, "variant"),
        ({"steps": ["just text"]}, "Step 1"),
    ],
)
def test_bad_script_edits_name_the_field(library: LibraryService, changes: dict[str, Any], named: str) -> None:
    before = library.script("verbal-offer")
    with pytest.raises(ValidationError, match=named):
        library.update_script("verbal-offer", **changes)
    assert library.script("verbal-offer") == before


def _personalise(library: LibraryService) -> None:
    library.update_objection("COMP_LOW", talk_track="Our words on pay.")
    library.update_script("verbal-offer", title="Our verbal offer")
    library.set_favourite("objection", "NEED_TIME", True)
    library.set_favourite("script", "contract-offer", True)
    library.add_objection("VISA", "Visa sponsorship", probe=["Which visa do you hold?"])
    library.add_script("team-offer", "written", "Team offer", STEPS)


def test_export_then_import_into_a_fresh_database_gives_the_same_library(
    library: LibraryService, other: LibraryService, tmp_path: Path
) -> None:
    _personalise(library)
    target = tmp_path / "shared" / "library.json"
    target.parent.mkdir()
    assert library.export_library(target) == 13 + 6 + 2
    assert [path.name for path in target.parent.iterdir()] == ["library.json"]  # no temporary file left behind
    data = json.loads(target.read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("offerdesk-library", 1) and data["exported_at"]
    assert next(o for o in data["objections"] if o["code"] == "NEED_TIME")["favourite"] is True

    report = other.import_library(target).value
    assert report == ImportReport(added=2, updated=2, unchanged=17, conflicts=[])
    assert snapshot(other) == snapshot(library)
    assert other.import_library(target).value == ImportReport(added=0, updated=0, unchanged=21, conflicts=[])


def test_import_conflicts_keep_the_local_edit_and_add_the_incoming_copy(
    library: LibraryService, other: LibraryService, tmp_path: Path
) -> None:
    library.update_objection("COMP_LOW", talk_track="Their words.")
    library.update_script("verbal-offer", title="Their verbal offer")
    target = tmp_path / "theirs.json"
    library.export_library(target)
    other.update_objection("COMP_LOW", talk_track="My words.")
    other.update_script("verbal-offer", title="My verbal offer")
    other.add_objection("COMP_LOW_IMPORTED", "Already taken")

    report = other.import_library(target).value
    assert (report.added, report.updated, report.unchanged) == (0, 0, 17)
    assert [(kind, key) for kind, key, _ in report.conflicts] == [("objection", "COMP_LOW"), ("script", "verbal-offer")]
    assert "COMP_LOW_IMPORTED_2" in report.conflicts[0][2] and "verbal-offer-imported" in report.conflicts[1][2]
    assert other.objection("COMP_LOW")["talk_track"] == "My words."
    assert other.objection("COMP_LOW_IMPORTED")["title"] == "Already taken"
    copy = other.objection("COMP_LOW_IMPORTED_2")
    assert copy["talk_track"] == "Their words." and not copy["shipped"]
    assert other.script("verbal-offer")["title"] == "My verbal offer"
    assert other.script("verbal-offer-imported")["title"] == "Their verbal offer"
    # The same file again finds its copies already here: nothing is duplicated.
    assert other.import_library(target).value == ImportReport(added=0, updated=0, unchanged=19, conflicts=[])


def _broken_files(tmp_path: Path) -> list[Path]:
    good = {"format": "offerdesk-library", "version": 1, "exported_at": "2025-01-01T00:00:00+00:00"}
    new_item = {"code": "VISA", "title": "Visa", "says": [], "probe": [], "levers": [], "avoid": [],
                "talk_track": "", "keywords": []}  # fmt: skip
    contents = {
        "not-json.json": "{not json",
        "a-list.json": "[]",
        "other-format.json": json.dumps({**good, "format": "something-else"}),
        "version-2.json": json.dumps({**good, "version": 2}),
        "version-text.json": json.dumps({**good, "version": "1"}),
        "bad-item.json": json.dumps({**good, "objections": [new_item, {"code": "X", "title": ""}]}),
        "twice.json": json.dumps({**good, "objections": [new_item, new_item]}),
        "bad-script.json": json.dumps({**good, "scripts": [{"key": "x", "offer_type": "verbal", "title": "X"}]}),
    }
    paths = []
    for name, text in contents.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return [*paths, tmp_path / "missing.json"]


def test_a_broken_file_changes_nothing(library: LibraryService, tmp_path: Path) -> None:
    library.update_objection("COMP_LOW", talk_track="Mine.")
    before = snapshot(library)
    for path in _broken_files(tmp_path):
        with pytest.raises(ValidationError) as error:
            library.import_library(path)
        assert path.name in str(error.value) and "\n" not in str(error.value), path.name
        assert snapshot(library) == before, path.name


def test_an_import_that_fails_halfway_is_rolled_back(
    library: LibraryService, other: LibraryService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library.add_objection("VISA", "Visa")
    library.update_objection("COMP_LOW", talk_track="Theirs.")
    target = tmp_path / "theirs.json"
    library.export_library(target)
    other.update_objection("COMP_LOW", talk_track="Mine.")
    before = snapshot(other)

    def fail(*_args: object) -> str:
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(library_module, "_copy_key", fail)
    with pytest.raises(RuntimeError):
        other.import_library(target)
    assert snapshot(other) == before


def test_export_to_a_missing_folder_says_so(library: LibraryService, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        library.export_library(tmp_path / "nowhere" / "library.json")


# --- command-line handlers ----------------------------------------------------------------------------------------


def _args(tmp_path: Path, **values: Any) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(tmp_path / "cli"), db_url=None, no_demo=True, **values)


def test_cli_lists_searches_exports_and_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert library_commands.scripts_list(_args(tmp_path, offer_type="verbal", format="json")) == 0
    [script] = json.loads(capsys.readouterr().out)
    assert script == {"key": "verbal-offer", "offer_type": "verbal", "title": "Verbal offer call",
                      "favourite": False, "edited": False}  # fmt: skip
    assert library_commands.scripts_list(_args(tmp_path, offer_type=None, format="table")) == 0
    assert "contract-offer" in capsys.readouterr().out

    assert library_commands.objections_search(_args(tmp_path, text="SALARY", format="table")) == 0
    assert capsys.readouterr().out.split()[:2] == ["COMP_LOW", "The"]
    assert library_commands.objections_search(_args(tmp_path, text="partner", format="json")) == 0
    assert "PARTNER_DECISION" in [item["code"] for item in json.loads(capsys.readouterr().out)]

    target = tmp_path / "library.json"
    assert library_commands.library_export(_args(tmp_path, file=str(target))) == 0
    assert "Exported 19" in capsys.readouterr().out
    assert library_commands.library_import(_args(tmp_path, file=str(target))) == 0
    assert "0 added, 0 updated, 19 unchanged" in capsys.readouterr().out


def test_a_users_own_item_can_be_deleted_and_brought_back(empty_services: Services, library: LibraryService) -> None:
    library.add_objection("VISA", "Visa sponsorship", talk_track="We sponsor.")
    library.add_script("my-verbal-offer", "verbal", "My verbal offer", STEPS)
    assert library.delete("objection", "VISA") == Changes.of(Kind.CONTENT)
    library.delete("script", "my-verbal-offer")
    assert "VISA" not in {item["code"] for item in library.objections()}
    assert "my-verbal-offer" not in {item["key"] for item in library.scripts()}
    assert "VISA" not in empty_services.content.objections()  # call prep no longer offers it
    assert "my-verbal-offer" not in {script.key for script in empty_services.content.scripts()}
    with pytest.raises(ValidationError, match="was deleted"):
        library.add_objection("VISA", "Visa again")
    library.undelete("objection", "VISA")
    assert library.objection("VISA")["talk_track"] == "We sponsor." and "VISA" in empty_services.content.objections()


def test_shipped_content_is_never_deleted(library: LibraryService) -> None:
    before = snapshot(library)
    with pytest.raises(ValidationError, match="ships with OfferDesk"):
        library.delete("objection", "COMP_LOW")
    with pytest.raises(ValidationError, match="ships with OfferDesk"):
        library.delete("script", "verbal-offer")
    assert snapshot(library) == before
