"""Copy from call prep: the ask script and each talk track go to the clipboard as formatted and as plain text,
ready to paste into an email or notes."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from offerdesk.services.callprep.scripts import fill
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import select, wait_for_panels


def _show(qtbot: QtBot, window: MainWindow, name: str) -> None:
    select(qtbot, window, window.services.candidates.search(name)[0].id)


def test_the_script_is_copied_as_rich_and_plain_text(window: MainWindow, qtbot: QtBot) -> None:
    _show(qtbot, window, "Sofia")
    panel = window.call_prep
    assert panel.copy_script_button.isEnabled()
    panel.copy_script_button.click()
    copied = QApplication.clipboard().mimeData()
    assert copied.hasHtml() and copied.hasText()
    plain = copied.text()
    assert plain.startswith("1. ") and "Sofia" in plain and "<" not in plain
    assert "<h4>" in copied.html() and "Sofia" in copied.html()
    assert plain.splitlines()[0] in panel.script_view.toPlainText()


def test_each_talk_track_has_its_own_copy_button(window: MainWindow, qtbot: QtBot) -> None:
    _show(qtbot, window, "Lukas")
    panel = window.call_prep
    buttons = [button for button in panel.talk_tracks.findChildren(QPushButton) if button.isVisibleTo(panel)]
    assert buttons, "Lukas's likely objections have talk tracks"
    code = buttons[0].objectName().removeprefix("copyTalkTrack_")
    track = window.services.content.objections()[code].talk_track
    candidate_id = window.services.candidates.search("Lukas")[0].id
    offer_id = window.services.offers.latest_id(candidate_id)
    values = window.services.scripts.values(candidate_id, offer_id, window.services.settings.all())
    buttons[0].click()
    copied = QApplication.clipboard().mimeData()
    assert copied.text() == fill(track, values).plain  # filled with the candidate's values, no markup
    assert copied.html().startswith("<p>") and fill(track, values).html in copied.html()


def test_nothing_to_copy_without_a_candidate(window: MainWindow, qtbot: QtBot) -> None:
    window.call_prep.show_candidate(None)
    window.call_prep.reload()
    wait_for_panels(qtbot, window)
    assert not window.call_prep.copy_script_button.isEnabled()
    assert not [b for b in window.call_prep.talk_tracks.findChildren(QPushButton) if b.isVisibleTo(window.call_prep)]


def _talk_track_codes(window: MainWindow, candidate_id: int) -> tuple[str, ...]:
    library = window.services.content.objections()
    likely = window.services.candidates.detail(candidate_id).likely_objections()
    return tuple(code for code, _why in likely if code in library and library[code].talk_track)


def test_after_a_switch_the_talk_tracks_are_the_new_candidates(window: MainWindow, qtbot: QtBot) -> None:
    """Two candidates with the same likely objections keep the same rows: their texts and copies must change."""
    by_codes: dict[tuple[str, ...], list[int]] = {}
    for row in window.services.candidates.search(""):
        by_codes.setdefault(_talk_track_codes(window, row.id), []).append(row.id)
    shared = next(ids for codes, ids in by_codes.items() if codes and len(ids) >= 2)
    panel = window.call_prep
    for candidate_id in shared[:2]:
        select(qtbot, window, candidate_id)
        offer_id = window.services.offers.latest_id(candidate_id)
        values = window.services.scripts.values(candidate_id, offer_id, window.services.settings.all())
        buttons = [button for button in panel.talk_tracks.findChildren(QPushButton) if button.isVisibleTo(panel)]
        assert len(buttons) == len(_talk_track_codes(window, candidate_id))
        for button in buttons:
            code = button.objectName().removeprefix("copyTalkTrack_")
            button.click()
            expected = fill(window.services.content.objections()[code].talk_track, values)
            got = QApplication.clipboard().mimeData().text()
            assert got == expected.plain
