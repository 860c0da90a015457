"""Call prep for the selected candidate: the pre-close profile, what is still unknown, the objections to expect
with their talk tracks, and the ask script for their offer type. The script and each talk track can be copied
(formatted and as plain text) to paste into an email or notes.

What it shows is read and filled in the thread pool (services/callprep/prep_view.py through panels/newest_load.py):
switching candidate or an autosave never waits for the database on the GUI thread, and only the answer to the
newest request is shown. While another candidate's prep loads, the copy buttons wait, so nothing of the candidate
before is copied."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
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
from offerdesk.domain.wording import plural
from offerdesk.services.callprep import guidance, scripts
from offerdesk.services.callprep.clipboard_text import talk_track_text
from offerdesk.services.callprep.prep_view import Need, PrepReads, PrepView, TalkTrack, read_prep
from offerdesk.services.callprep.scripts import FilledText
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.clipboard import copy_text
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.flow_layout import button_row
from offerdesk.ui.panels.candidate_card import CandidateCard
from offerdesk.ui.panels.newest_load import NewestLoad, Work
from offerdesk.ui.panels.objection_finder import forget_all_searches
from offerdesk.ui.rebuilding import rebuilding
from offerdesk.ui.refresh import RefreshWhenVisible
from offerdesk.ui.theme import status_colour
from offerdesk.ui.views import vertical_scroll
from offerdesk.ui.wrapped_label import WrappedLabel


def fill(text: str, values: Any) -> str:
    """Script text as HTML, unknown values shown as «…?» (the same sandbox as letters)."""
    return scripts.fill(text, values).html


@dataclass(frozen=True)
class _TalkTrackRow:
    """One talk track on screen: its line, the filled track and its Copy button."""

    line: QWidget
    text: QLabel
    copy: QPushButton


class CallPrepPanel(QWidget):
    loaded = Signal()  # the panel shows what was read for the newest request

    def __init__(self, services: Services, parent: QWidget | None = None, *, prompter: Prompter | None = None) -> None:
        super().__init__(parent)
        self._prompter = prompter or Prompter(self)
        self._load = NewestLoad(self, self._reading, self._show, self._failed)
        self._refresher = RefreshWhenVisible(self, self._refresh)
        self._need = Need.FULL  # how much of what is shown is out of date
        self._services = services
        self._candidate_id: int | None = None
        self._shown = PrepView()  # what the panel shows, read for `_shown.candidate`
        self._script_copy = NOTHING  # the script on screen as HTML and as plain text
        self.start_button = QPushButton("Start the call  (Ctrl+Shift+C)", self)
        self.start_button.setObjectName("startCall")
        self.edit_button = QPushButton("Edit profile…", self)
        self.edit_button.setObjectName("editProfile")
        self.heading = WrappedLabel("Select a candidate to prepare the call.", self)
        self.heading.setObjectName("prepHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.card = CandidateCard(services, self)
        self.profile_box = QGroupBox("Pre-close profile", self)
        self.profile_form = QFormLayout(self.profile_box)
        self._profile_values: list[QLabel] = []  # the value of each profile row, kept from one candidate to the next
        self.unknowns = WrappedLabel("", self)
        self.unknowns.setObjectName("prepUnknowns")
        self.checklist = WrappedLabel("", self)
        self.checklist.setObjectName("prepChecklist")
        self.objections = WrappedLabel("", self)
        self.objections.setObjectName("prepObjections")
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
        self._talk_track_codes: tuple[str, ...] = ()  # the objections the rows are for, in order
        self._talk_track_rows: list[_TalkTrackRow] = []  # made as needed and kept (the surplus hidden)
        self._talk_track_filled: dict[str, FilledText] = {}
        self._build_layout()
        self.script_choice.currentIndexChanged.connect(lambda _index: self._ask(Need.SCRIPT))
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

    @property
    def is_loading(self) -> bool:
        return self._load.is_loading

    def show_candidate(self, candidate_id: int | None) -> None:
        self.card.show_candidate(candidate_id)
        self._candidate_id = candidate_id
        shown = self._shown.candidate
        if candidate_id != (shown.row.id if shown else None):
            self._hold_copies()
        self._need = Need.FULL
        self._refresher.mark_stale()

    def on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        """An offer edit changes only the script's values: refill the script, keep the profile and the lists."""
        self.card.on_changes(changes)
        if changes.touches(Kind.CANDIDATES, Kind.CONTENT, Kind.SETTINGS):
            self._need = Need.FULL
        elif changes.touches(Kind.OFFERS):
            self._need = max(self._need, Need.OFFER)
        else:
            return
        self._refresher.mark_stale()

    def _refresh(self) -> None:
        if self._need is Need.FULL:
            self.reload()
        else:
            self._load.request()

    def reload(self) -> None:
        """Read everything again (in the thread pool), shown or not: the colours of the theme are in what is shown."""
        self._need = Need.FULL
        self._load.request()

    def _ask(self, need: Need) -> None:
        self._need = max(self._need, need)
        self._load.request()

    def _reading(self) -> Work:
        """On the GUI thread as the load starts: what to read, from what the panel wants and shows now."""
        services = self._services
        reads = PrepReads(
            services.candidates.detail,
            lambda candidate_id: services.offers.list(candidate_id=candidate_id),
            services.content,
            services.scripts,
            services.settings.all,
        )
        candidate_id, need, shown = self._candidate_id, self._need, self._shown
        chosen = self.script_choice.currentIndex()
        return lambda: read_prep(reads, candidate_id, need, shown, chosen)

    def _show(self, view: PrepView) -> None:
        self._need = Need.NOTHING
        self._shown = view
        candidate = view.candidate
        if candidate is None:
            self._show_nothing("Select a candidate to prepare the call.")
        else:
            if view.need is Need.FULL:
                row = candidate.row
                self.heading.setText(f"{row.full_name} — {row.role_title or 'no role'} ({row.stage.label})")
                self._show_profile(candidate)
                self._show_unknowns(candidate)
                self._show_checklist(candidate)
                self._show_objections(view)
            if view.scripts_read:
                self.script_choice.blockSignals(True)
                self.script_choice.clear()
                for script in view.scripts:
                    self.script_choice.addItem(script.title, script.id)
                self.script_choice.setCurrentIndex(view.script_index)
                self.script_choice.blockSignals(False)
            self._show_script(view)
        self.loaded.emit()

    def _failed(self, sentence: str) -> None:
        """A read that failed (the database locked by another program, say): said where the prep would be."""
        self._shown = PrepView()
        self._show_nothing(f"Call prep not loaded: {sentence}")
        self.loaded.emit()

    def _show_nothing(self, heading: str) -> None:
        self.heading.setText(heading)
        self._clear_profile()
        self.unknowns.setText("")
        self.checklist.setText("")
        self.objections.setText("")
        self.script_choice.blockSignals(True)
        self.script_choice.clear()
        self.script_choice.blockSignals(False)
        self._show_script(self._shown)

    def _hold_copies(self) -> None:
        """Another candidate's prep is on its way: what is on screen is not theirs to copy."""
        self.copy_script_button.setEnabled(False)
        for button in self.talk_tracks.findChildren(QPushButton):
            button.setEnabled(False)

    def _clear_profile(self) -> None:
        while self.profile_form.rowCount():
            self.profile_form.removeRow(0)
        self._profile_values = []

    def _show_profile(self, candidate: CandidateDetail) -> None:
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
        if len(self._profile_values) != len(entries):
            self._clear_profile()
            for label, _value in entries:
                shown = WrappedLabel("", self.profile_box)
                self.profile_form.addRow(label, shown)
                self._profile_values.append(shown)
        for value_label, (_label, value) in zip(self._profile_values, entries, strict=True):
            value_label.setText(value or "—")  # the same rows each time: a text that did not change costs nothing

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

    def _show_objections(self, view: PrepView) -> None:
        if not view.likely:
            self.objections.setText("None stand out from the profile.")
            return
        items = []
        for code, reason in view.likely:
            entry = view.library.get(code)
            title = entry.title if entry else labels.reason_label(code)
            probe = f"<br><i>Probe:</i> {html.escape(entry.probe[0])}" if entry and entry.probe else ""
            items.append(f"<li><b>{html.escape(title)}</b>: {html.escape(reason)}{probe}</li>")
        self.objections.setText(f"<ul style='margin:0'>{''.join(items)}</ul>")

    def _show_script(self, view: PrepView) -> None:
        """The chosen script filled with the candidate's and the offer's values; the talk tracks with them too."""
        if view.candidate is None or not 0 <= view.script_index < len(view.scripts):
            self.script_view.clear()
            self._script_copy = NOTHING
            self.copy_script_button.setEnabled(False)
            self._show_talk_tracks(())
            return
        self._script_copy = view.script
        colour = status_colour("warning").name()
        self.script_view.setHtml(
            f"<style>.{scripts.PLACEHOLDER_CLASS} {{ color: {colour}; }}</style>" + self._script_copy.html
        )
        self.copy_script_button.setEnabled(True)
        self._show_talk_tracks(view.talk_tracks)

    def _show_talk_tracks(self, tracks: tuple[TalkTrack, ...]) -> None:
        """One row per likely objection with a talk track: the track filled in, and a Copy button for it. The rows
        of the same objections as before are kept and their texts set (the next candidate often has the same)."""
        self._talk_track_filled = {track.code: track.filled for track in tracks}
        codes = tuple(track.code for track in tracks)
        if codes != self._talk_track_codes:
            self._rebuild_talk_track_rows(tracks)
            self._talk_track_codes = codes
        for track, row in zip(tracks, self._talk_track_rows, strict=False):
            row.text.setText(f"<b>{html.escape(track.title)}</b> — <i>talk track:</i> {track.filled.html}")
        for button in self.talk_tracks.findChildren(QPushButton):
            button.setEnabled(True)  # held while this candidate's prep was on its way (_hold_copies)

    def _rebuild_talk_track_rows(self, tracks: tuple[TalkTrack, ...]) -> None:
        """Rows for these objections: the rows made before are reused, more are made, the rest hidden; with the
        box hidden meanwhile, so the window is laid out once (ui/rebuilding.py)."""
        with rebuilding(self.talk_tracks):
            for position, track in enumerate(tracks):
                if position == len(self._talk_track_rows):
                    self._add_talk_track_row()
                copy = self._talk_track_rows[position].copy
                copy.setObjectName(f"copyTalkTrack_{track.code}")
                copy.setToolTip(f"Copy the talk track for “{track.title}”")
            for position, row in enumerate(self._talk_track_rows):
                row.line.setVisible(position < len(tracks))

    def _add_talk_track_row(self) -> None:
        position = len(self._talk_track_rows)
        line = QWidget(self.talk_tracks)
        row_layout = QHBoxLayout(line)
        row_layout.setContentsMargins(0, 0, 0, 0)
        text = WrappedLabel("", line)
        copy = QPushButton("Copy", line)
        copy.clicked.connect(lambda _checked=False: self._copy_talk_track(self._talk_track_codes[position]))
        row_layout.addWidget(text, 1)
        row_layout.addWidget(copy)
        self.talk_track_rows.addWidget(line)
        self._talk_track_rows.append(_TalkTrackRow(line, text, copy))

    def _copy_talk_track(self, code: str) -> None:
        if (filled := self._talk_track_filled.get(code)) is not None:
            copy_text(talk_track_text(filled))
