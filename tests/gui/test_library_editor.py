"""The library editor: edit, save, reset, favourite, add, and share the library through the file dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.paths import resolve_paths
from offerdesk.services.callprep.content import load_shipped_content
from offerdesk.services.callprep.library import LibraryService
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.ui.dialogs.library_editor import SEARCH_ROLE, LibraryEditorDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter


@pytest.fixture
def library(empty_services: Services) -> LibraryService:
    return LibraryService(empty_services.database)


@pytest.fixture
def dialog(qtbot: QtBot, library: LibraryService, prompter: RecordingPrompter) -> Iterator[LibraryEditorDialog]:
    editor = LibraryEditorDialog(library, prompter=prompter)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    yield editor
    editor.close()


def _label(dialog: LibraryEditorDialog, code: str) -> str:
    for row in range(dialog.objection_list.count()):
        item = dialog.objection_list.item(row)
        if item.toolTip() == code:
            return item.text()
    raise AssertionError(code)


def test_edit_a_talk_track_save_and_reset(dialog: LibraryEditorDialog, library: LibraryService, qtbot: QtBot) -> None:
    assert dialog.objectName() == "libraryEditor"
    dialog.select("objection", "COMP_LOW")
    assert dialog.objection_title.text() == "The pay is too low"
    assert "lowball" in dialog.objection_lines["keywords"].toPlainText().splitlines()
    dialog.talk_track.setPlainText("Thanks for telling me. What number gets you to yes?")
    with qtbot.waitSignal(dialog.changed) as signal:
        dialog.save_button.click()
    assert signal.args == [Changes.of(Kind.CONTENT)]
    stored = library.objection("COMP_LOW")
    assert stored["talk_track"] == "Thanks for telling me. What number gets you to yes?"
    assert stored["user_modified"] and stored["probe"] == library.objection("COMP_LOW")["probe"]
    assert _label(dialog, "COMP_LOW") == "The pay is too low  (edited)"
    assert dialog.reset_button.isEnabled()

    with qtbot.waitSignal(dialog.changed):
        dialog.reset_button.click()
    shipped = next(item for item in load_shipped_content().objections if item["code"] == "COMP_LOW")
    assert library.objection("COMP_LOW")["talk_track"] == shipped["talk_track"]
    assert dialog.talk_track.toPlainText() == shipped["talk_track"]
    assert _label(dialog, "COMP_LOW") == "The pay is too low"


def test_a_bad_edit_is_refused_with_one_sentence(
    dialog: LibraryEditorDialog, library: LibraryService, prompter: RecordingPrompter
) -> None:
    dialog.select("objection", "NEED_TIME")
    dialog.objection_title.setText("")
    dialog.save_button.click()
    [(kind, _title, text)] = prompter.shown
    assert kind == "error" and "title" in text
    assert not library.objection("NEED_TIME")["user_modified"]


def test_favourite_and_add_mark_the_list(
    dialog: LibraryEditorDialog, library: LibraryService, prompter: RecordingPrompter
) -> None:
    dialog.select("objection", "NEED_TIME")
    dialog.favourite_button.click()
    assert library.objection("NEED_TIME")["favourite"] and dialog.favourite_button.isChecked()
    assert _label(dialog, "NEED_TIME").startswith("★ ")
    prompter.texts.extend(["VISA", "Visa sponsorship"])
    dialog.add_button.click()
    assert library.objection("VISA")["title"] == "Visa sponsorship"
    assert dialog.current_key() == "VISA" and not dialog.reset_button.isEnabled()
    assert _label(dialog, "VISA") == "Visa sponsorship  (added)"


def test_edit_a_script_step_and_the_ask_variants(
    dialog: LibraryEditorDialog, library: LibraryService, qtbot: QtBot
) -> None:
    dialog.select("script", "written-offer")
    assert dialog.script_title.text() == library.script("written-offer")["title"]
    first = dialog.step_editors[0]
    assert first.text_edit is not None
    first.text_edit.setPlainText("Hello, good news.")
    ask = next(editor for editor in dialog.step_editors if editor.variants)
    assert set(ask.variants) == {"direct", "summary_direct", "conditional", "assumptive", "alternative", "timeline"}
    ask.variants["direct"].setPlainText("Shall I tell the team it's a yes?")
    with qtbot.waitSignal(dialog.changed):
        dialog.save_button.click()
    steps = library.script("written-offer")["steps"]
    assert steps[0]["text"] == "Hello, good news."
    assert (
        next(step for step in steps if "variants" in step)["variants"]["direct"] == "Shall I tell the team it's a yes?"
    )
    assert library.script("written-offer")["user_modified"]
    assert dialog.script_list.currentItem().text().endswith("(edited)")


def test_export_and_import_round_trip_through_the_file_dialogs(
    dialog: LibraryEditorDialog, library: LibraryService, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    library.update_objection("COMP_LOW", talk_track="Our team's words.")
    dialog.reload()
    target = tmp_path / "library.json"
    prompter.files.append(target)
    dialog.export_button.click()
    assert target.exists() and "Exported 19" in dialog.report.text()

    services, _report = open_services(resolve_paths(tmp_path / "colleague"), seed_demo_data=False)
    try:
        colleague = LibraryService(services.database)
        theirs = LibraryEditorDialog(colleague, prompter=prompter)
        qtbot.addWidget(theirs)
        prompter.files.append(target)
        with qtbot.waitSignal(theirs.changed):
            theirs.import_button.click()
        assert "0 added, 1 updated, 18 unchanged" in theirs.report.text()
        assert colleague.objection("COMP_LOW")["talk_track"] == "Our team's words."
        assert colleague.objections() == library.objections() and colleague.scripts() == library.scripts()
        assert _label(theirs, "COMP_LOW").endswith("(edited)")
    finally:
        services.close()


def test_a_cancelled_file_dialog_does_nothing(dialog: LibraryEditorDialog, prompter: RecordingPrompter) -> None:
    dialog.export_button.click()
    dialog.import_button.click()
    assert [kind for kind, _title, _text in prompter.shown] == ["save_file", "open_file"]
    assert dialog.report.text() == ""


def _visible(items: Any) -> list[str]:
    return [items.item(row).toolTip() for row in range(items.count()) if not items.item(row).isHidden()]


def test_the_search_filters_both_lists_as_you_type(dialog: LibraryEditorDialog, qtbot: QtBot) -> None:
    everything = _visible(dialog.objection_list)
    qtbot.keyClicks(dialog.search, "pay")
    shown = _visible(dialog.objection_list)
    assert "COMP_LOW" in shown and 0 < len(shown) < len(everything)
    assert dialog.current_key() in shown  # the editor shows an item the list shows
    dialog.search.setText("lowball")  # a keyword, not in the title
    assert _visible(dialog.objection_list) == ["COMP_LOW"]
    dialog.tabs.setCurrentIndex(1)
    dialog.search.setText("written")
    assert "written-offer" in _visible(dialog.script_list)
    scripts = dialog.script_list
    assert all("written" in scripts.item(row).data(SEARCH_ROLE) for row in range(scripts.count())
               if not scripts.item(row).isHidden())  # fmt: skip
    dialog.search.clear()
    assert len(_visible(dialog.objection_list)) == len(everything)


def test_delete_names_the_item_asks_and_can_be_undone(
    dialog: LibraryEditorDialog, library: LibraryService, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog.select("objection", "COMP_LOW")
    assert not dialog.delete_button.isEnabled()  # shipped content is never deleted
    library.add_objection("VISA", "Visa sponsorship")
    dialog.reload()
    dialog.select("objection", "VISA")
    assert dialog.delete_button.isEnabled()
    prompter.answer = False
    dialog.delete_button.click()
    assert prompter.shown[-1][0] == "confirm" and "Visa sponsorship" in prompter.shown[-1][2]
    assert "VISA" in _visible(dialog.objection_list)
    prompter.answer = True
    with qtbot.waitSignal(dialog.changed):
        dialog.delete_button.click()
    assert "VISA" not in _visible(dialog.objection_list) and "Visa sponsorship" in dialog.report.text()
    assert dialog.undo_delete_button.isVisible()
    with qtbot.waitSignal(dialog.changed):
        dialog.undo_delete_button.click()
    assert dialog.current_key() == "VISA" and library.objection("VISA")["title"] == "Visa sponsorship"
    assert not dialog.undo_delete_button.isVisible()
