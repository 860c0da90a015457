"""Waiting for the window's side panels: they read in the thread pool and fill in once the answer is back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.main_window import MainWindow


def panels_of(window: MainWindow) -> list[Any]:
    prep, summary = window.call_prep, window.offer_summary
    return [prep, prep.card, summary, summary.letter_box, window.follow_ups]


def wait_for(qtbot: QtBot, *panels: Any) -> None:
    """Until none of `panels` has a load running or wanted: they show the newest selection and change."""
    qtbot.waitUntil(lambda: not any(panel.is_loading for panel in panels), timeout=15_000)


def wait_for_panels(qtbot: QtBot, window: MainWindow) -> None:
    """Until no side panel of the window has a load running or wanted."""
    wait_for(qtbot, *panels_of(window))


def select(qtbot: QtBot, window: MainWindow, candidate_id: int) -> None:
    """Select a candidate in the list and wait for the panels to show them."""
    assert window.candidate_list.select_id(candidate_id)
    wait_for_panels(qtbot, window)


def record_threads(monkeypatch: pytest.MonkeyPatch, service: object, method: str, seen: list[int]) -> None:
    """Wrap the real service method: note the thread each call runs on, then do what it does."""
    real: Callable[..., Any] = getattr(service, method)

    def recorded(*args: Any, **kwargs: Any) -> Any:
        seen.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(service, method, recorded)


def open_editor(qtbot: QtBot, window: MainWindow, offer_id: int | None = None) -> OfferEditorDialog:
    """Edit the offer (the one shown, without `offer_id`) as the Edit button does, and wait until its editor is on
    screen: what it shows is read in the thread pool first."""
    before = window.offer_dialog
    window.edit_offer(offer_id)
    return editor_shown(qtbot, window, before)


def editor_shown(qtbot: QtBot, window: MainWindow, before: OfferEditorDialog | None = None) -> OfferEditorDialog:
    """Until an editor other than `before` is on screen (after a click on Edit); returns it."""

    def shown() -> bool:
        dialog = window.offer_dialog
        return dialog is not None and dialog is not before and dialog.isVisible()

    qtbot.waitUntil(shown, timeout=15_000)
    assert window.offer_dialog is not None
    return window.offer_dialog
