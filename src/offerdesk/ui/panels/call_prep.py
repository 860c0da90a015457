"""Call prep for the selected candidate: the pre-close profile, what is still unknown, the objections to expect
with their talk tracks, and the ask script for their offer type. The script and each talk track can be copied
(formatted and as plain text) to paste into an email or notes."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain import labels
from offerdesk.domain.candidates import CandidateDetail
from offerdesk.domain.clip_text import NOTHING
from offerdesk.domain.offers import OfferRow, OfferType
from offerdesk.domain.wording import plural
from offerdesk.errors import NotFoundError
from offerdesk.services.callprep import guidance, scripts
from offerdesk.services.callprep.clipboard_text import script_text, talk_track_text
from offerdesk.services.callprep.content_queries import ScriptView
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.clipboard import copy_text
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.panels.candidate_card import CandidateCard
from offerdesk.ui.panels.objection_finder import forget_all_searches
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.theme import status_colour
from offerdesk.ui.views import vertical_scroll


def fill(text: str, values: Any) -> str:
    """Script text as HTML, unknown values shown as «…?» (the same sandbox as letters)."""
    return scripts.fill(text, values).html


class CallPrepPanel(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None, *, prompter: Prompter | None = None) -> None:
        super().__init__(parent)
        self._prompter = prompter or Prompter(self)
        self._refresher = RefreshWhenVisible(self, self._refresh)
        self._full_reload = True  # False while only the offer (and so the filled script) is out of date
        self._services = services
        self._candidate_id: int | None = None
        self._candidate: CandidateDetail | None = None
        self._offer: OfferRow | None = None
        self._scripts: list[ScriptView] = []
        self._likely: list[tuple[str, str]] = []  # the candidate's likely objections: code, why
        self._script_copy = NOTHING  # the script on screen as HTML and as plain text
        self.start_button = QPushButton("Start the call  (Ctrl+Shift+C)", self)
        self.start_button.setObjectName("startCall")
        self.edit_button = QPushButton("Edit profile…", self)
        self.edit_button.setObjectName("editProfile")
        self.heading = QLabel("Select a candidate to prepare the call.", self)
        self.heading.setObjectName("prepHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.card = CandidateCard(services, self)
        self.profile_box = QGroupBox("Pre-close profile", self)
        self.profile_form = QFormLayout(self.profile_box)
        self.unknowns = QLabel(self)
        self.unknowns.setObjectName("prepUnknowns")
        self.unknowns.setWordWrap(True)
        self.checklist = QLabel(self)
        self.checklist.setObjectName("prepChecklist")
        self.checklist.setWordWrap(True)
        self.objections = QLabel(self)
        self.objections.setObjectName("prepObjections")
        self.objections.setWordWrap(True)
        self.script_choice = QComboBox(self)
        self.script_choice.setObjectName("scriptChoice")
        self.script_view = QTextBrowser(self)
        self.script_view.setObjectName("scriptView")
        self.script_view.setMinimumHeight(260)
        self.copy_script_button = QPushButton("Copy script", self)
        self.copy_script_button.setObjectName("copyScript")
        self.copy_script_button.setToolTip("Copy the script, formatted and as plain text, to paste elsewhere")
        self.copy_script_button.setEnabled(False)
        self.forget_searches_button = QPushButton("Forget remembered searches…", self)
        self.forget_searches_button.setObjectName("forgetObjectionSearches")
        self.forget_searches_button.setToolTip(
            "The call's objection search ranks first what you opened before for the same words; forget all of it"
        )
        self.talk_tracks = QWidget(self)
        self.talk_tracks.setObjectName("prepTalkTracks")
        self.talk_track_rows = QVBoxLayout(self.talk_tracks)
        self.talk_track_rows.setContentsMargins(0, 0, 0, 0)
        self._build_layout()
        self.script_choice.currentIndexChanged.connect(self._show_script)
        self.copy_script_button.clicked.connect(lambda: copy_text(self._script_copy))
        self.forget_searches_button.clicked.connect(lambda: forget_all_searches(self._services, self._prompter))

    def _build_layout(self) -> None:
        unknown_box = QGroupBox("Still unknown before the ask", self)
        QVBoxLayout(unknown_box).addWidget(self.unknowns)
        checklist_box = QGroupBox("Pre-close checklist", self)
        QVBoxLayout(checklist_box).addWidget(self.checklist)
        objection_box = QGroupBox("Likely objections", self)
        objection_layout = QVBoxLayout(objection_box)
        objection_layout.addWidget(self.objections)
        objection_layout.addWidget(self.talk_tracks)
        objection_layout.addLayout(button_row(self.forget_searches_button))
        script_box = QGroupBox("Ask script", self)
        script_layout = QVBoxLayout(script_box)
        choice_row = QHBoxLayout()
        choice_row.addWidget(self.script_choice, 1)
        choice_row.addWidget(self.copy_script_button)
        script_layout.addLayout(choice_row)
        script_layout.addWidget(self.script_view, 1)
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.addWidget(self.heading)
        column.addLayout(button_row(self.start_button, self.edit_button))
        for box in (self.card, self.profile_box, unknown_box, checklist_box, objection_box, script_box):
            column.addWidget(box)
        column.addStretch(1)
        scroll = vertical_scroll(inner, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def show_candidate(self, candidate_id: int | None) -> None:
        self.card.show_candidate(candidate_id)
        self._candidate_id = candidate_id
        self._full_reload = True
        self._refresher.mark_stale()

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        self.card.on_changes(changes)
        if changes.touches(Kind.CANDIDATES, Kind.CONTENT, Kind.SETTINGS):
            self._full_reload = True
        elif not changes.touches(Kind.OFFERS):
            return
        self._refresher.mark_stale()

    def _refresh(self) -> None:
        """An offer edit changes only the script's values: refill the script, keep the profile and the lists."""
        if self._full_reload or self._candidate is None:
            self.reload()
            return
        before = self._offer.offer_type if self._offer else None
        self._offer = self._latest_offer(self._candidate.row.id)
        offer_type = self._offer.offer_type if self._offer else None
        if offer_type == before:
            self._show_script()
        else:
            self._load_scripts(offer_type or OfferType.VERBAL)

    def _latest_offer(self, candidate_id: int) -> OfferRow | None:
        offers = self._services.offers.list(candidate_id=candidate_id)
        return offers[0] if offers else None

    def reload(self) -> None:
        self._full_reload = False
        self._candidate = None
        self._offer = None
        if self._candidate_id is not None:
            try:
                self._candidate = self._services.candidates.detail(self._candidate_id)
            except NotFoundError:
                self._candidate = None
        if self._candidate is None:
            self.heading.setText("Select a candidate to prepare the call.")
            self._clear_profile()
            self.unknowns.setText("")
            self.checklist.setText("")
            self.objections.setText("")
            self._likely = []
            self.script_choice.clear()
            self._show_script()
            return
        self._offer = self._latest_offer(self._candidate.row.id)
        row = self._candidate.row
        self.heading.setText(f"{row.full_name} — {row.role_title or 'no role'} ({row.stage.label})")
        self._show_profile(self._candidate)
        self._show_unknowns(self._candidate)
        self._show_checklist(self._candidate)
        self._show_objections(self._candidate)
        self._load_scripts(self._offer.offer_type if self._offer else OfferType.VERBAL)

    def _clear_profile(self) -> None:
        while self.profile_form.rowCount():
            self.profile_form.removeRow(0)

    def _show_profile(self, candidate: CandidateDetail) -> None:
        self._clear_profile()
        profile = candidate.profile
        entries = (
            ("Motivators", profile.motivators),
            ("Criteria", profile.criteria),
            ("Decision makers", profile.decision_makers),
            ("Decision deadline", fmt.day(profile.decision_deadline)),
            (
                "Notice period",
                plural(profile.notice_period_days, "day") if profile.notice_period_days is not None else "",
            ),
            ("Expected pay", profile.expected_pay.format(fmt.ui_locale()) if profile.expected_pay else ""),
            ("Counteroffer risk", labels.label(profile.counteroffer_risk)),
            ("Readiness", f"{profile.readiness}/10" if profile.readiness is not None else ""),
            ("Needs", profile.needs),
            ("Competing", "; ".join(f"{c.company} ({c.kind}, {c.stage})" for c in candidate.competing)),
        )
        for label, value in entries:
            shown = QLabel(value or "—", self.profile_box)
            shown.setWordWrap(True)
            self.profile_form.addRow(label, shown)

    def _show_unknowns(self, candidate: CandidateDetail) -> None:
        missing = candidate.unknowns()
        if not missing:
            self.unknowns.setText("Nothing: the profile is complete.")
            return
        colour = status_colour("warning").name()
        items = "".join(f"<li>{html.escape(item)}</li>" for item in missing)
        self.unknowns.setText(f"<ul style='color:{colour}; margin:0'>{items}</ul>")

    def _show_checklist(self, candidate: CandidateDetail) -> None:
        lines = []
        for item in guidance.checklist():
            done = guidance.answered(item, candidate.profile, bool(candidate.competing))
            mark = "✓" if done else "☐"
            style = f"color:{status_colour('muted').name()}" if done else ""
            lines.append(f"<li style='{style}'>{mark} {html.escape(item.question)}</li>")
        self.checklist.setText(f"<ul style='list-style:none; margin:0'>{''.join(lines)}</ul>")

    def _show_objections(self, candidate: CandidateDetail) -> None:
        likely = self._likely = list(candidate.likely_objections())
        if not likely:
            self.objections.setText("None stand out from the profile.")
            return
        library = self._services.content.objections()
        items = []
        for code, reason in likely:
            entry = library.get(code)
            title = entry.title if entry else labels.reason_label(code)
            probe = f"<br><i>Probe:</i> {html.escape(entry.probe[0])}" if entry and entry.probe else ""
            items.append(f"<li><b>{html.escape(title)}</b>: {html.escape(reason)}{probe}</li>")
        self.objections.setText(f"<ul style='margin:0'>{''.join(items)}</ul>")

    def _load_scripts(self, offer_type: OfferType) -> None:
        self._scripts = self._services.content.scripts(offer_type) or self._services.content.scripts()
        self.script_choice.blockSignals(True)
        self.script_choice.clear()
        for script in self._scripts:
            self.script_choice.addItem(script.title, script.id)
        self.script_choice.blockSignals(False)
        self._show_script()

    def _show_script(self) -> None:
        """The chosen script filled with the candidate's and the offer's values; the talk tracks with them too."""
        index = self.script_choice.currentIndex()
        if self._candidate is None or not 0 <= index < len(self._scripts):
            self.script_view.clear()
            self._script_copy = NOTHING
            self.copy_script_button.setEnabled(False)
            self._show_talk_tracks(None)
            return
        values = self._services.scripts.values(
            self._candidate.row.id, self._offer.id if self._offer else None, self._services.settings.all()
        )
        budget = scripts.FillBudget()  # one clock for the whole script and its talk tracks
        self._script_copy = script_text(self._scripts[index].steps, values, budget)
        colour = status_colour("warning").name()
        self.script_view.setHtml(
            f"<style>.{scripts.PLACEHOLDER_CLASS} {{ color: {colour}; }}</style>" + self._script_copy.html
        )
        self.copy_script_button.setEnabled(True)
        self._show_talk_tracks(values, budget)

    def _show_talk_tracks(self, values: Any, budget: scripts.FillBudget | None = None) -> None:
        """One row per likely objection with a talk track: the track filled in, and a Copy button for it."""
        while (row := self.talk_track_rows.takeAt(0)) is not None:
            if (widget := row.widget()) is not None:
                widget.hide()  # gone now; deleted once the event loop runs
                widget.deleteLater()
        if values is None:
            return
        library = self._services.content.objections()
        for code, _reason in self._likely:
            entry = library.get(code)
            if entry is None or not entry.talk_track:
                continue
            filled = scripts.fill(entry.talk_track, values, budget)
            line = QWidget(self.talk_tracks)
            row_layout = QHBoxLayout(line)
            row_layout.setContentsMargins(0, 0, 0, 0)
            text = QLabel(f"<b>{html.escape(entry.title)}</b> — <i>talk track:</i> {filled.html}", line)
            text.setWordWrap(True)
            copy = QPushButton("Copy", line)
            copy.setObjectName(f"copyTalkTrack_{code}")
            copy.setToolTip(f"Copy the talk track for “{entry.title}”")
            copy.clicked.connect(lambda _checked=False, f=filled: copy_text(talk_track_text(f)))
            row_layout.addWidget(text, 1)
            row_layout.addWidget(copy)
            self.talk_track_rows.addWidget(line)
            line.show()
