"""A save the team server never got keeps what was typed on this computer, and reopening the offer offers it back."""

from __future__ import annotations

from pathlib import Path

import psycopg
from pytestqt.qtbot import QtBot
from sqlalchemy import make_url

from offerdesk.domain.offer_terms import ComponentTerms, OfferTerms
from offerdesk.domain.offers import ComponentKind, EquityKind, OfferType
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.services.setup.local_drafts import FOLDER, LocalDrafts, terms_from_json, terms_to_json
from offerdesk.services.setup.team_connection import TeamServer
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.unsent_drafts import DISCARD, RESTORE, TITLE
from offerdesk.ui.window_switch import WindowSwitcher
from tests.gui.panel_loads import editor_shown, select
from tests.postgres import server_admin

DEADLINE_MS = 15_000


def _admin(team_url: str) -> psycopg.Connection[tuple[object, ...]]:
    server = TeamServer.from_url(team_url)
    base = f"postgresql://postgres@/?host={server.host}&port={server.port}"
    return psycopg.connect(server_admin(base), autocommit=True)


def _cut_off(team_url: str, *, allowed: bool) -> None:
    """The database refuses connections and drops the open ones, as a server going down does (or lets them in)."""
    name = make_url(team_url).database
    with _admin(team_url) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if allowed else "false"}')
        if not allowed:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))


def _open_editor(qtbot: QtBot, window: MainWindow, name: str) -> None:
    select(qtbot, window, window.services.candidates.search(name)[0].id)
    window.offer_summary.edit_button.click()
    editor_shown(qtbot, window)


def test_a_draft_the_server_did_not_get_is_kept_and_offered_back(
    qtbot: QtBot, team_window: MainWindow, team_url: str, prompter: RecordingPrompter
) -> None:
    _open_editor(qtbot, team_window, "Grace")  # her offer is a draft: it saves as she types
    editor = team_window.offer_dialog
    editor.form.title.setText("Principal Account Executive")
    _cut_off(team_url, allowed=False)
    try:
        editor.autosave()
        qtbot.waitUntil(lambda: not editor.is_saving, timeout=DEADLINE_MS)
        assert editor.saved.text().startswith("Not saved: Cannot reach the database server")
        assert "kept on this computer" in editor.saved.text()
        kept = list((team_window.services.paths.config_dir / FOLDER).glob("*.json"))
        assert len(kept) == 1
        assert "Principal Account Executive" in kept[0].read_text(encoding="utf-8")
        editor.close()  # closing tries once more, and keeps the draft again
    finally:
        _cut_off(team_url, allowed=True)
    prompter.actions = [RESTORE]
    _open_editor(qtbot, team_window, "Grace")
    reopened = team_window.offer_dialog
    assert reopened is not editor
    qtbot.waitUntil(lambda: any(title == TITLE for _kind, title, _text in prompter.shown), timeout=DEADLINE_MS)
    question = next(text for _kind, title, text in prompter.shown if title == TITLE)
    assert "unsent changes to the offer for Grace" in question
    assert prompter.options[-1] == [RESTORE, DISCARD, "Decide later"]
    assert list((team_window.services.paths.config_dir / FOLDER).glob("*.json"))
    assert reopened.form.title.text() == "Principal Account Executive"
    reopened.autosave()
    qtbot.waitUntil(lambda: "Draft saved" in reopened.saved.text(), timeout=DEADLINE_MS)
    assert not list((team_window.services.paths.config_dir / FOLDER).glob("*.json"))  # sent: nothing kept


def test_discard_removes_the_kept_draft(
    qtbot: QtBot, team_window: MainWindow, team_url: str, prompter: RecordingPrompter
) -> None:
    _open_editor(qtbot, team_window, "Grace")
    editor = team_window.offer_dialog
    editor.form.title.setText("Account Director")
    _cut_off(team_url, allowed=False)
    try:
        editor.autosave()
        editor.close()
    finally:
        _cut_off(team_url, allowed=True)
    prompter.actions = [DISCARD]
    _open_editor(qtbot, team_window, "Grace")
    qtbot.waitUntil(lambda: any(title == TITLE for _kind, title, _text in prompter.shown), timeout=DEADLINE_MS)
    assert team_window.offer_dialog.form.title.text() != "Account Director"
    assert not list((team_window.services.paths.config_dir / FOLDER).glob("*.json"))


def test_terms_survive_the_trip_through_json() -> None:
    terms = OfferTerms(
        OfferType.WRITTEN, "EUR", title="Engineer",
        components=(ComponentTerms(ComponentKind.BASE, "Base salary", 9_000_000, "EUR"),),
    )  # fmt: skip
    from datetime import date
    from decimal import Decimal

    from offerdesk.domain.offer_terms import EquityTerms

    terms = terms.with_changes(
        start_date=date(2027, 1, 4), hours_per_week=Decimal("37.5"),
        equity=(EquityTerms(EquityKind.RSU, 400, "EUR", vesting_start=date(2027, 2, 1)),),
    )  # fmt: skip
    assert terms_from_json(terms_to_json(terms)) == terms


def test_the_next_start_on_the_server_opens_the_offer_with_unsent_changes(
    qtbot: QtBot, tmp_path: Path, team_url: str, prompter: RecordingPrompter
) -> None:
    paths = resolve_paths(tmp_path / "start")
    services, report = open_services(paths, team_url)
    offer_id = services.offers.latest_id(services.candidates.search("Grace")[0].id)
    assert offer_id is not None
    terms = services.offer_editing.terms(offer_id).with_changes(title="Regional Account Lead")
    LocalDrafts(paths.config_dir, services.database.url).keep(offer_id, "Grace Hopper", terms, None)
    prompter.actions = [RESTORE]
    switcher = WindowSwitcher(paths, prompter)
    window = switcher.show(services, report)
    try:
        qtbot.waitUntil(lambda: any(title == TITLE for _kind, title, _text in prompter.shown), timeout=DEADLINE_MS)
        assert window.offer_dialog.offer_id == offer_id
        assert window.offer_dialog.form.title.text() == "Regional Account Lead"
    finally:
        window.close()
        services.close()
