"""One write → refresh path: a write's error is shown once and logged, its Changes reach the bus with their
initiator, hidden views wait until they are shown, and a list reset does not announce the same candidate again."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.errors import ValidationError
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.operations import Operations


def test_a_write_publishes_its_changes_with_the_initiator(qtbot: QtBot) -> None:
    bus, prompter = ChangeBus(), RecordingPrompter()
    operations = Operations(bus, prompter)
    heard: list[tuple[Changes, object]] = []
    bus.changed.connect(lambda changes, initiator: heard.append((changes, initiator)))
    me = object()
    done, value = operations.run("Not saved", lambda: Outcome(42, Changes.of(Kind.OFFERS)), initiator=me)
    assert (done, value) == (True, 42)
    assert heard == [(Changes.of(Kind.OFFERS), me)]
    assert prompter.shown == []


def test_a_mistake_is_one_sentence_in_one_dialog_and_changes_nothing(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    bus, prompter = ChangeBus(), RecordingPrompter()
    heard: list[object] = []
    bus.changed.connect(lambda changes, _initiator: heard.append(changes))

    def refuse() -> Changes:
        raise ValidationError("The base salary needs an amount.")

    done, value = Operations(bus, prompter).run("Offer not saved", refuse)
    assert (done, value, heard) == (False, None, [])
    assert prompter.shown == [("error", "Offer not saved", "The base salary needs an amount.")]


def test_an_unexpected_error_is_logged_with_its_traceback_and_explained(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    prompter = RecordingPrompter()

    def broken() -> Changes:
        raise KeyError("missing")

    with caplog.at_level(logging.ERROR, logger="offerdesk"):
        done, _ = Operations(ChangeBus(), prompter).run("Letter not written", broken)
    assert not done
    [(kind, title, text)] = prompter.shown
    assert (kind, title) == ("error", "Letter not written") and "KeyError" in text
    assert "Traceback" in caplog.text


def test_a_list_reset_that_keeps_the_selection_does_not_announce_it_again(window: MainWindow, qtbot: QtBot) -> None:
    announced: list[object] = []
    window.candidate_list.candidateSelected.connect(announced.append)
    window.bus.publish(Changes.of(Kind.CANDIDATES))
    assert announced == []
    window.candidate_list.table.selectRow(3)
    assert len(announced) == 1


def test_a_hidden_panel_refreshes_when_it_is_shown_again(window: MainWindow, qtbot: QtBot) -> None:
    window.show_candidate(window.services.candidates.search("Olivia")[0].id)
    window.toggle_dashboard()  # the panels are hidden behind the dashboard
    reloads: list[int] = []
    original = window.call_prep.reload
    window.call_prep.reload = lambda: (reloads.append(1), original())[1]  # type: ignore[method-assign]
    window.services.settings.set("company.name", "Northwind")
    window.bus.publish(Changes.of(Kind.SETTINGS))
    window.bus.publish(Changes.of(Kind.CONTENT))
    assert reloads == []
    window.toggle_dashboard()
    assert reloads == [1]
