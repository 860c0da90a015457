"""On a team server, what a teammate changes shows in the open window within seconds, without pressing Refresh."""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.main_window import MainWindow

DEADLINE_MS = 15_000  # generous: the notice normally arrives in under a second


def _names(window: MainWindow) -> list[str]:
    model = window.candidate_model
    return [row.full_name for row in (model.candidate_at(i) for i in range(model.rowCount())) if row is not None]


def test_a_teammates_rename_shows_in_the_candidate_list(
    qtbot: QtBot,
    team_window: MainWindow,
    teammate: Services,
) -> None:
    qtbot.waitUntil(lambda: team_window.live_changes.listening, timeout=DEADLINE_MS)
    candidate_id = teammate.candidates.search("Olivia")[0].id
    draft = teammate.candidate_records.draft(candidate_id)
    teammate.candidate_records.edit(candidate_id, dataclasses.replace(draft, first_name="Olivette"))
    qtbot.waitUntil(lambda: any(name.startswith("Olivette") for name in _names(team_window)), timeout=DEADLINE_MS)


def test_a_window_on_a_sqlite_file_listens_to_nothing(window: MainWindow) -> None:
    assert not window.live_changes.listening
