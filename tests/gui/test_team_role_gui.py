"""The window follows the login's team role: a recruiter on a team's server sees why they cannot record an approval
or change a pay band before trying; the offer editor shows who changed what."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.domain.offers import OfferStatus
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.dialogs.pay_bands import PayBandsDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown, select
from tests.postgres import postgres_url  # noqa: F401 - a fixture


@pytest.fixture
def recruiter(tmp_path: Path, postgres_url: str) -> Iterator[Services]:  # noqa: F811 - the fixture
    owner, _ = open_services(resolve_paths(tmp_path / "owner"), postgres_url, upgrade_server=True)
    login = f"rec_{postgres_url.split('?')[0][-6:]}"
    owner.team.add_user(login, "recruiter", "long enough secret")
    owner.close()
    opened, _ = open_services(resolve_paths(tmp_path / "rec"), postgres_url.replace("postgres@", f"{login}@", 1))
    yield opened
    opened.close()


def test_a_recruiter_sees_why_approving_and_pay_bands_are_off(qtbot: QtBot, recruiter: Services) -> None:
    offer_id = recruiter.offers.list(status=OfferStatus.DRAFT)[0].id
    editor = OfferEditorDialog(recruiter, ChangeBus(), RecordingPrompter(answer=True), offer_id)
    qtbot.addWidget(editor)
    assert not editor.record_button.isEnabled()
    assert editor.record_button.toolTip() == (
        "Your team role (recruiter) does not allow recording approvals; ask an approver."
    )
    bands = PayBandsDialog(recruiter, ChangeBus())
    qtbot.addWidget(bands)
    assert not bands.save_button.isEnabled()
    assert "does not allow changing pay bands; ask an admin" in bands.save_button.toolTip()


def test_an_owner_may_approve_and_edit_bands(qtbot: QtBot, tmp_path: Path, postgres_url: str) -> None:  # noqa: F811
    owner, _ = open_services(resolve_paths(tmp_path / "owner"), postgres_url, upgrade_server=True)
    try:
        offer_id = owner.offers.list(status=OfferStatus.DRAFT)[0].id
        editor = OfferEditorDialog(owner, ChangeBus(), RecordingPrompter(answer=True), offer_id)
        qtbot.addWidget(editor)
        assert editor.record_button.isEnabled()
        bands = PayBandsDialog(owner, ChangeBus())
        qtbot.addWidget(bands)
        assert bands.save_button.isEnabled()
    finally:
        owner.close()


def test_the_editor_shows_who_changed_what(window: MainWindow, qtbot: QtBot) -> None:
    window.services.settings.set("recruiter.name", "Sam Rivera")
    candidate_id = window.services.candidates.search("Grace")[0].id  # her offer is a draft
    select(qtbot, window, candidate_id)
    window.offer_summary.edit_button.click()
    dialog = editor_shown(qtbot, window)
    dialog.form.title.setText("Senior Account Executive")
    dialog.form.edited.emit()
    qtbot.waitUntil(lambda: "Draft saved" in dialog.saved.text(), timeout=5000)
    newest = dialog.changes_view.toPlainText().splitlines()[0]
    assert newest.endswith("Sam Rivera: Changed the terms: Title: Account Executive, Mid-Market → Senior Account "
                           "Executive")  # fmt: skip
