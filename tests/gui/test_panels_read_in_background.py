"""The side panels read in the thread pool: switching candidate or a change on the bus (an autosave) never waits
for the database on the GUI thread, and what the panels end up showing is the newest candidate's, never an older
answer that came back late."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from offerdesk.errors import DatabaseError
from offerdesk.services.changes import Changes, Kind
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown, record_threads, select, wait_for_panels


def _id(window: MainWindow, name: str) -> int:
    return window.services.candidates.search(name)[0].id


def _reads(window: MainWindow) -> list[tuple[object, str]]:
    services = window.services
    return [
        (services.candidates, "detail"),
        (services.calls, "list"),
        (services.offers, "list"),
        (services.offers, "detail"),
        (services.scripts, "values"),
        (services.content, "scripts"),
        (services.letters, "history"),
    ]


def _gate(monkeypatch: pytest.MonkeyPatch, service: object, method: str) -> threading.Event:
    """The real method, held until the test opens the gate (or 5 s pass): a load caught in the middle."""
    real: Callable[..., Any] = getattr(service, method)
    gate = threading.Event()

    def held(*args: Any, **kwargs: Any) -> Any:
        gate.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(service, method, held)
    return gate


def test_switching_candidate_reads_for_the_panels_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_for_panels(qtbot, window)
    seen: dict[str, list[int]] = {}
    for service, method in _reads(window):
        record_threads(monkeypatch, service, method, seen.setdefault(method + str(id(service)), []))
    select(qtbot, window, _id(window, "Sofia"))
    assert "Sofia Marín" in window.call_prep.heading.text()
    assert "sofia.marin@example.com" in window.call_prep.card.email.text()
    assert window.offer_summary.heading.text() == "Offers for Sofia Marín"
    gui = threading.get_ident()
    assert all(threads for threads in seen.values()), "each panel read what it shows"
    assert all(gui not in threads for threads in seen.values()), "no read ran on the GUI thread"


def test_an_autosave_refreshes_the_panels_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(qtbot, window, _id(window, "Grace"))  # her offer is a draft: it saves as she types
    window.offer_summary.edit_button.click()
    editor = editor_shown(qtbot, window)
    seen: list[int] = []
    for service, method in _reads(window):
        record_threads(monkeypatch, service, method, seen)
    editor.form.title.setText(editor.form.title.text() + " II")
    editor.autosave()
    qtbot.waitUntil(lambda: not editor.is_saving)  # the save itself runs in the thread pool too
    wait_for_panels(qtbot, window)
    assert editor.saved.text().startswith("Draft saved")
    assert seen and threading.get_ident() not in seen
    assert editor.form.title.text() in window.offer_summary.summary_clip().plain  # the summary shows what was saved
    editor.close()


def test_after_rapid_switches_every_panel_shows_the_last_candidate(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_for_panels(qtbot, window)
    first, last = _id(window, "Aisha"), _id(window, "Lukas")
    gate = _gate(monkeypatch, window.services.calls, "list")  # the first answer comes back after the later ones
    for name in ("Aisha", "Sofia", "Tomasz", "Lukas"):
        window.candidate_list.select_id(_id(window, name))
    gate.set()
    wait_for_panels(qtbot, window)
    qtbot.wait(100)  # an answer dropped as old would have landed by now
    assert window.candidate_list.selected_id() == last != first
    assert "Lukas Becker" in window.call_prep.heading.text()
    assert "lukas.becker@example.com" in window.call_prep.card.email.text()
    assert window.call_prep.card.calls_model.rowCount() == 0 and window.call_prep.card.no_calls.isVisible()
    assert window.offer_summary.heading.text() == "Offers for Lukas Becker"
    assert window.offer_summary.candidate_id() == last
    assert "Lukas" in window.call_prep.script_view.toPlainText()


def test_while_loading_the_buttons_do_not_act_on_the_candidate_before(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    select(qtbot, window, _id(window, "Sofia"))
    sofia_offer = window.offer_summary.current_offer_id()
    gate = _gate(monkeypatch, window.services.offers, "list")
    window.candidate_list.select_id(_id(window, "Aisha"))
    summary, prep = window.offer_summary, window.call_prep
    try:
        assert summary.is_loading and prep.is_loading
        assert not summary.edit_button.isEnabled() and not summary.copy_button.isEnabled()
        assert not summary.letter_box.isEnabled()  # no Sofia letter exported while Aisha is selected
        assert summary.current_offer_id() is None
        assert not prep.copy_script_button.isEnabled()
        assert not [b for b in prep.talk_tracks.findChildren(QPushButton) if b.isEnabled() and b.isVisibleTo(prep)]
    finally:
        gate.set()
    wait_for_panels(qtbot, window)
    aisha_offer = window.services.offers.list(candidate_id=_id(window, "Aisha"))[0].id
    assert summary.current_offer_id() == aisha_offer != sofia_offer
    assert summary.edit_button.isEnabled() and summary.copy_button.isEnabled() and summary.letter_box.isEnabled()
    assert prep.copy_script_button.isEnabled()


def test_a_change_on_the_bus_while_loading_shows_the_newest_data(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    aisha = _id(window, "Aisha")
    select(qtbot, window, aisha)
    gate = _gate(monkeypatch, window.services.calls, "list")
    window.bus.publish(Changes.of(Kind.CALLS))  # a load starts, and waits
    from offerdesk.domain.calls import CallOutcome

    logged = window.services.calls.log(aisha, CallOutcome.NEED_TIME, notes="Second call.")
    window.bus.publish(logged.changes)
    gate.set()
    wait_for_panels(qtbot, window)
    assert window.call_prep.card.calls_model.rowCount() == 2


def test_a_read_that_fails_says_so_in_the_panel(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_for_panels(qtbot, window)

    def refused(*_args: Any, **_kwargs: Any) -> Any:
        raise DatabaseError("The database /data/offerdesk.db is locked by another program.")

    monkeypatch.setattr(window.services.scripts, "values", refused)
    monkeypatch.setattr(window.services.offers, "list", refused)
    window.candidate_list.select_id(_id(window, "Sofia"))
    wait_for_panels(qtbot, window)
    assert "Call prep not loaded: The database /data/offerdesk.db is locked" in window.call_prep.heading.text()
    assert "Offers not loaded: The database /data/offerdesk.db is locked" in window.offer_summary.heading.text()
    assert not window.offer_summary.edit_button.isEnabled()


def test_the_follow_ups_tab_reads_off_the_gui_thread(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.left_tabs.setCurrentWidget(window.follow_ups)
    wait_for_panels(qtbot, window)
    seen: list[int] = []
    record_threads(monkeypatch, window.services.followups, "agenda", seen)
    before = window.follow_ups.follow_up_model.rowCount()
    from offerdesk.domain.clock import today

    window.bus.publish(window.services.followups.add(_id(window, "Kwame"), today(), note="Call back").changes)
    wait_for_panels(qtbot, window)
    assert window.follow_ups.follow_up_model.rowCount() == before + 1
    assert seen and threading.get_ident() not in seen
