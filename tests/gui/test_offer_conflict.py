"""A teammate saves the offer open in the editor: the recruiter's save never silently replaces theirs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from pytestqt.qtbot import QtBot

from offerdesk.domain.offer_conflict import OfferConflict
from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.domain.offers import Approver, ComponentKind, OfferStatus
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.db import Database
from offerdesk.ui.dialogs.edit_conflict import MERGE, TAKE_THEIRS, EditConflictDialog
from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.panel_loads import editor_shown, select

THEIR_BASE = 12_345_600


@pytest.fixture
def teammate(window: MainWindow) -> Iterator[Services]:
    """A teammate's OfferDesk on the same database."""
    other = Services.over(window.services.paths, Database(window.services.database.url))
    yield other
    other.database.dispose()


def _open(qtbot: QtBot, window: MainWindow, name: str) -> OfferEditorDialog:
    select(qtbot, window, window.services.candidates.search(name)[0].id)
    window.offer_summary.edit_button.click()
    return editor_shown(qtbot, window)


def _base(terms: OfferTerms) -> int | None:
    base = terms.component(ComponentKind.BASE)
    return base.amount_minor if base else None


def _with_base(terms: OfferTerms, amount: int) -> OfferTerms:
    return terms.with_changes(
        components=tuple(
            replace(item, amount_minor=amount) if item.kind is ComponentKind.BASE else item for item in terms.components
        )
    )


def _teammate_raises_base(teammate: Services, offer_id: int, reason: str = "") -> None:
    terms, version = teammate.offer_editing.current(offer_id)
    teammate.offer_editing.save(offer_id, _with_base(terms, THEIR_BASE), reason, expected_version=version)


def test_autosave_never_overwrites_a_teammates_save_and_says_so(
    window: MainWindow, teammate: Services, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = _open(qtbot, window, "Grace")  # a draft: it saves itself while typing
    _teammate_raises_base(teammate, dialog.offer_id)
    dialog.form.title.setText("Senior Account Executive")
    dialog.form.edited.emit()
    qtbot.waitUntil(lambda: "saved this offer after you opened it" in dialog.saved.text(), timeout=5000)

    stored = teammate.offer_editing.terms(dialog.offer_id)
    assert _base(stored) == THEIR_BASE and stored.title != "Senior Account Executive"
    assert dialog.form.title.text() == "Senior Account Executive"  # the typing is kept
    assert dialog.conflict_button.isVisible()
    assert not [kind for kind, _title, _text in prompter.shown if kind in ("conflict", "error")]  # no modal

    dialog.form.department.setText("Sales EMEA")  # typing on while the notice shows autosaves nothing
    dialog.form.edited.emit()
    qtbot.wait(900)
    assert teammate.offer_editing.terms(dialog.offer_id).department != "Sales EMEA"


def test_merge_from_the_notice_keeps_both_saves(
    window: MainWindow, teammate: Services, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = _open(qtbot, window, "Grace")
    _teammate_raises_base(teammate, dialog.offer_id)
    dialog.form.title.setText("Senior Account Executive")
    dialog.form.edited.emit()
    qtbot.waitUntil(dialog.conflict_button.isVisible, timeout=5000)

    prompter.conflicts.append(MERGE)
    dialog.conflict_button.click()

    [shown] = prompter.conflict_dialogs
    rows = {item.label: (item.changed_by, item.default) for item in shown.fields}
    assert rows == {"Job title": ("you", "mine"), "Base salary": ("teammate", "theirs")}
    stored = teammate.offer_editing.terms(dialog.offer_id)
    assert stored.title == "Senior Account Executive" and _base(stored) == THEIR_BASE
    assert not dialog.conflict_button.isVisible()
    assert _base(dialog.form.terms()) == THEIR_BASE  # type: ignore[arg-type]


def test_saving_a_version_over_a_teammates_one_asks_first(
    window: MainWindow, teammate: Services, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = _open(qtbot, window, "Aisha")  # letter sent: a change makes a new version, with a reason
    _teammate_raises_base(teammate, dialog.offer_id, "COMP_LOW")
    typed = dialog.form.terms()
    assert typed is not None
    dialog.form.set_terms(typed.with_changes(title="Staff Engineer"))
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("TITLE_LEVEL"))
    prompter.conflicts.append(MERGE)
    dialog.save_version()

    assert [kind for kind, _title, _text in prompter.shown] == ["conflict"]
    stored = teammate.offer_editing.terms(dialog.offer_id)
    assert stored.title == "Staff Engineer" and _base(stored) == THEIR_BASE
    assert "Saved as version 3" in dialog.saved.text()


def test_take_theirs_loads_their_save_into_the_form(
    window: MainWindow, teammate: Services, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    dialog = _open(qtbot, window, "Grace")
    _teammate_raises_base(teammate, dialog.offer_id)
    dialog.form.title.setText("Senior Account Executive")
    dialog.form.edited.emit()
    qtbot.waitUntil(dialog.conflict_button.isVisible, timeout=5000)
    prompter.conflicts.append(TAKE_THEIRS)
    dialog.conflict_button.click()
    shown = dialog.form.terms()
    assert shown is not None and _base(shown) == THEIR_BASE and shown.title != "Senior Account Executive"
    dialog.form.title.setText("Account Executive II")  # and typing on saves over their version
    dialog.form.edited.emit()
    qtbot.waitUntil(lambda: "Draft saved" in dialog.saved.text(), timeout=5000)
    stored = teammate.offer_editing.terms(dialog.offer_id)
    assert stored.title == "Account Executive II" and _base(stored) == THEIR_BASE


def test_a_field_both_changed_is_highlighted_and_defaults_to_theirs(
    window: MainWindow, teammate: Services, qtbot: QtBot
) -> None:
    dialog = _open(qtbot, window, "Grace")
    opened = dialog.opened_terms
    _teammate_raises_base(teammate, dialog.offer_id)
    mine = _with_base(opened, 9_000_000)
    with pytest.raises(OfferConflict) as raised:
        window.services.offer_editing.save(dialog.offer_id, mine, expected_version=dialog.opened_version)
    shown = EditConflictDialog(opened, mine, raised.value, dialog)
    qtbot.addWidget(shown)
    [field] = shown.fields
    assert (field.changed_by, shown.chosen()) == ("both", {"components.base": "theirs"})
    assert shown.table.item(0, 0).font().bold()
    shown.set_choice("components.base", "mine")
    shown.choose(MERGE)
    assert shown.resolution is not None and _base(shown.resolution.terms) == 9_000_000


def test_a_teammates_status_move_alone_does_not_stop_the_autosave(
    window: MainWindow, teammate: Services, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    """They changed no term, so there is nothing of theirs to lose: the draft saves as usual."""
    dialog = _open(qtbot, window, "Grace")
    teammate.offers.move(dialog.offer_id, OfferStatus.APPROVED, approver=Approver("Dana Whitfield", "VP People"))
    dialog.form.title.setText("Senior Account Executive")
    dialog.form.edited.emit()
    qtbot.waitUntil(lambda: "Draft saved" in dialog.saved.text(), timeout=5000)
    assert teammate.offer_editing.terms(dialog.offer_id).title == "Senior Account Executive"
    assert not prompter.conflict_dialogs and dialog.conflict_button.isHidden()
