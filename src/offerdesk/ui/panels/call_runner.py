"""On the call: the ask script in large type, driven from the keyboard, ending in a two-key outcome log.

It takes over the main window while the call lasts, so its keys work wherever focus is. The keys come from
ui/keys.py (CALL_SCRIPT_KEYS, CALL_OUTCOME_KEYS), which also writes the hint lines and the Help list: → next
step (on the last step it asks before ending), ← or Esc back one step (Esc on the first step leaves the call,
asking first when something was noted), ↑ / ↓ the ask style, Ctrl+K objections, Ctrl+E end the call; then Y, T,
C or N for how it ended, and Enter saves.
"""

from __future__ import annotations

import html
import time
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from offerdesk.domain.calls import AskStyle, CallOutcome
from offerdesk.domain.clip_text import NOTHING, ClipText
from offerdesk.domain.clock import today
from offerdesk.domain.labels import label, reason_label
from offerdesk.services.callprep.clipboard_text import step_text
from offerdesk.services.callprep.content_queries import ScriptView
from offerdesk.services.callprep.scripts import fill
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.clipboard import copy_text
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.keys import CALL_OUTCOME_KEYS, CALL_SCRIPT_KEYS, PanelKey, hint_line, key_label, keys_label
from offerdesk.ui.panels.objection_finder import ObjectionFinder
from offerdesk.ui.theme import status_colour, tint
from offerdesk.ui.typed_date_edit import TypedDateEdit


def _keys_of(keys: tuple[PanelKey, ...], name: str) -> str:
    return next(keys_label(key) for key in keys if key.name == name)


def _big(widget: QWidget, factor: float) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)


class CallRunner(QWidget):
    closed = Signal()  # saved or abandoned; the window goes back to the panels

    def __init__(self, services: Services, bus: ChangeBus, prompter: Prompter, candidate_id: int,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("callRunner")
        self.result: Any = None
        self._services, self._bus, self._prompter = services, bus, prompter
        self.candidate_id = candidate_id
        self.calls = services.calls
        detail = services.candidates.detail(candidate_id)
        offers = services.offers.list(candidate_id=candidate_id)
        self.offer = offers[0] if offers else None
        self.values = services.scripts.values(candidate_id, None, services.settings.all())
        scripts = services.content.scripts(self.offer.offer_type if self.offer else None) or services.content.scripts()
        self.script: ScriptView = scripts[0]
        self.steps = list(self.script.steps)
        self.index = 0
        self.ask_style = AskStyle.DIRECT
        self.raised: list[str] = []
        self.outcome: CallOutcome | None = None
        self.started = time.monotonic()
        self.silence_started: float | None = None
        self._library = services.content.objections()
        self._build(detail.row.full_name)
        self._bind_keys()
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(1000)
        self.show_step()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.step_text.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- layout -----------------------------------------------------------------------------------------------
    def _build(self, name: str) -> None:
        offer = f" — {self.offer.offer_type.label} v{self.offer.version}" if self.offer else " — no offer yet"
        self.header = QLabel(f"On the call with {html.escape(name)}{offer}", self)
        _big(self.header, 1.4)
        self.timer_label = QLabel("00:00", self)
        self.timer_label.setObjectName("callTimer")
        _big(self.timer_label, 1.4)
        self.step_label = QLabel(self)
        self.step_label.setObjectName("stepLabel")
        _big(self.step_label, 1.6)
        self.step_text = QTextBrowser(self)
        self.step_text.setObjectName("stepText")
        _big(self.step_text, 1.7)
        self.step_copy: ClipText = NOTHING  # the step on screen, filled in
        self.copy_step_button = QPushButton("Copy step", self)  # formatted and plain, e.g. for a follow-up email
        self.copy_step_button.setObjectName("copyStep")
        self.copy_step_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys keep driving the script
        self.copy_step_button.clicked.connect(lambda: copy_text(self.step_copy))
        self.style_choice = QComboBox(self)
        self.style_choice.setObjectName("askStyle")
        for style in AskStyle:
            self.style_choice.addItem(label(style), style.value)
        _big(self.style_choice, 1.3)
        self.pause_cue = QLabel(self)
        self.pause_cue.setObjectName("pauseCue")
        _big(self.pause_cue, 2.0)
        tint(self.pause_cue, "warning", "font-weight: bold")
        self.hint = QLabel(hint_line(CALL_SCRIPT_KEYS), self)
        self.hint.setObjectName("callKeys")
        self.hint.setWordWrap(True)
        self.finder = ObjectionFinder(
            self._services, self._prompter,
            f"Objection: code, word or phrase ({_keys_of(CALL_SCRIPT_KEYS, 'search')})", self,
        )  # fmt: skip
        self.index_of_objections = self.finder.index
        self.search, self.results = self.finder.search, self.finder.results
        _big(self.search, 1.3)
        self.handler = QTextBrowser(self)
        self.handler.setObjectName("objectionHandler")
        _big(self.handler, 1.3)
        self.raised_label = QLabel("Objections raised: none", self)
        self.raised_label.setObjectName("raisedObjections")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("callNotes")
        self.notes.setPlaceholderText("Notes")
        self.notes.setMaximumHeight(70)

        script_page = QWidget(self)
        left = QVBoxLayout(script_page)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.timer_label)
        left.addLayout(top)
        step_row = QHBoxLayout()
        step_row.addWidget(self.step_label, 1)
        step_row.addWidget(self.copy_step_button)
        left.addLayout(step_row)
        left.addWidget(self.style_choice)
        left.addWidget(self.step_text, 1)
        left.addWidget(self.pause_cue)
        left.addWidget(self.hint)
        side = QWidget(self)
        right = QVBoxLayout(side)
        right.addWidget(self.finder, 1)
        right.addWidget(self.handler, 2)
        right.addWidget(self.raised_label)
        right.addWidget(self.notes)
        right.addWidget(self.finder.suggestion)
        splitter = QSplitter(self)
        splitter.addWidget(script_page)
        splitter.addWidget(side)
        splitter.setSizes([760, 440])

        self.outcome_page = self._build_outcome_page()
        self.pages = QStackedWidget(self)
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.outcome_page)
        QVBoxLayout(self).addWidget(self.pages)
        self.finder.chosen.connect(self.raise_objection)
        self.finder.listen_to(self.notes)
        self.style_choice.currentIndexChanged.connect(self._style_changed)

    def _build_outcome_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        title = QLabel(f"How did it end?  {hint_line(CALL_OUTCOME_KEYS)}", page)
        title.setWordWrap(True)
        _big(title, 1.5)
        layout.addWidget(title)
        row = QHBoxLayout()
        self.outcome_buttons: dict[CallOutcome, QPushButton] = {}
        for key in CALL_OUTCOME_KEYS:
            if key.name not in set(CallOutcome):
                continue
            outcome = CallOutcome(key.name)
            button = QPushButton(f"{key_label(key.keys[0])}  {label(outcome)}", page)
            button.setCheckable(True)
            button.setObjectName(f"outcome_{outcome.value}")
            _big(button, 1.5)
            button.clicked.connect(lambda _checked=False, chosen=outcome: self.choose_outcome(chosen))
            self.outcome_buttons[outcome] = button
            row.addWidget(button)
        layout.addLayout(row)
        self.follow_up_label = QLabel("Next follow-up", page)
        self.follow_up = TypedDateEdit(page)
        self.follow_up.setObjectName("followUpDate")
        self.follow_up.set_value(today() + timedelta(days=2))
        _big(self.follow_up, 1.4)
        self.summary = QLabel(page)
        self.summary.setObjectName("callSummary")
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(f"Save call ({_keys_of(CALL_OUTCOME_KEYS, 'save')})", page)
        self.save_button.setObjectName("saveCall")
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.follow_up_label)
        layout.addWidget(self.follow_up)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.save_button)
        return page

    def _bind_keys(self) -> None:
        def key(sequence: QKeySequence | str, slot: Any) -> QShortcut:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            return shortcut

        script_slots = {"previous": self.previous_step, "next": self.next_step, "back": self.escape,
                        "style_previous": lambda: self.cycle_style(-1), "style_next": lambda: self.cycle_style(1),
                        "search": self.open_search, "end": self.end_call,
                        "suggestion": self.finder.open_suggestion}  # fmt: skip
        outcome_slots: dict[str, Any] = {
            outcome.value: lambda chosen=outcome: self.choose_outcome(chosen) for outcome in CallOutcome
        }
        outcome_slots["save"] = self.save

        def bind(keys: tuple[PanelKey, ...], slots: dict[str, Any], *, back: bool) -> list[QShortcut]:
            return [key(seq, slots[k.name]) for k in keys if (k.name == "back") == back for seq in k.keys]

        self.script_keys = bind(CALL_SCRIPT_KEYS, script_slots, back=False)
        self.outcome_keys = bind(CALL_OUTCOME_KEYS, outcome_slots, back=False)
        self.back_keys = bind(CALL_SCRIPT_KEYS, script_slots, back=True)  # Esc: escape() knows the page
        for shortcut in self.outcome_keys:
            shortcut.setEnabled(False)

    # -- stepping ---------------------------------------------------------------------------------------------
    def current_step(self) -> dict[str, Any]:
        return dict(self.steps[self.index])

    def show_step(self) -> None:
        step = self.current_step()
        self.step_label.setText(f"Step {self.index + 1} of {len(self.steps)} · {step.get('title', '')}")
        is_ask = step.get("key") == "the_ask"
        self.style_choice.setVisible(is_ask)
        if "variants" in step:
            text = step["variants"].get(self.ask_style.value) or next(iter(step["variants"].values()), "")
        else:
            text = step.get("text", "")
        filled = fill(text, self.values)
        self.step_copy = step_text(step.get("title", ""), filled, step.get("tip", ""))
        tip = f"<p style='font-size:small'><i>{html.escape(step.get('tip', ''))}</i></p>" if step.get("tip") else ""
        colour = status_colour("warning").name()
        self.step_text.setHtml(f"<style>.missing {{ color: {colour}; }}</style><p>{filled.html}</p>{tip}")
        if step.get("key") == "silence":
            self.silence_started = self.silence_started or time.monotonic()
        else:
            self.silence_started = None
        self._tick()

    def next_step(self) -> None:
        """The next step; past the last one the call ends only when the recruiter says so."""
        if self.pages.currentIndex() != 0:
            return
        if self.index + 1 < len(self.steps):
            self.index += 1
            self.show_step()
        elif self._prompter.confirm(
            "End the call?", "That was the last step. End the call and choose how it ended (Y, T, C or N)?"
        ):
            self.end_call()

    def previous_step(self) -> None:
        if self.pages.currentIndex() == 0 and self.index > 0:
            self.index -= 1
            self.show_step()

    def cycle_style(self, delta: int) -> None:
        if self.pages.currentIndex() == 0 and self.current_step().get("key") == "the_ask":
            count = self.style_choice.count()
            self.style_choice.setCurrentIndex((self.style_choice.currentIndex() + delta) % count)

    def _style_changed(self) -> None:
        self.ask_style = AskStyle(str(self.style_choice.currentData()))
        self.show_step()

    def _tick(self) -> None:
        elapsed = int(time.monotonic() - self.started)
        self.timer_label.setText(f"{elapsed // 60:02d}:{elapsed % 60:02d}")
        if self.silence_started is not None:
            quiet = int(time.monotonic() - self.silence_started)
            self.pause_cue.setText(f"PAUSE — stay silent, let them answer first.  {quiet}s")
        else:
            self.pause_cue.setText("")

    # -- objections -------------------------------------------------------------------------------------------
    def open_search(self) -> None:
        if self.pages.currentIndex() != 0:
            return
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
        self._search(self.search.text())

    def _search(self, text: str) -> None:
        self.finder.run_search(text)

    def pick_objection(self) -> None:
        """The current result's handler (Enter in the search, or a click); the search remembers the choice."""
        self.finder.pick()

    def raise_objection(self, code: str) -> None:
        """Log the objection as raised on this call and show how to handle it."""
        if code not in self.raised:
            self.raised.append(code)
        self.raised_label.setText("Objections raised: " + self._raised_titles())
        self.show_handler(code)

    def _raised_titles(self) -> str:
        """The objections raised, by the titles the library gives them."""
        entries = [self._library.get(code) for code in self.raised]
        return ", ".join(
            entry.title if entry is not None else reason_label(code)
            for code, entry in zip(self.raised, entries, strict=True)
        )

    def show_handler(self, code: str) -> None:
        entry = self._library.get(code)
        if entry is None:
            return

        def items(title: str, lines: tuple[str, ...]) -> str:
            body = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
            return f"<b>{title}</b><ul>{body}</ul>" if lines else ""

        talk = fill(entry.talk_track, self.values).html
        self.handler.setHtml(
            f"<h3>{html.escape(entry.title)}</h3>"
            f"{self._frameworks_html()}"
            f"{items('Probe', entry.probe)}{items('Levers', entry.levers)}{items('Avoid', entry.avoid)}"
            f"<b>Say</b><p>{talk}</p>"
        )

    def _frameworks_html(self) -> str:
        from offerdesk.services.callprep.guidance import frameworks

        return "".join(
            f"<p style='font-size:small'><b>{html.escape(f.title.split(':')[0])}</b>: "
            + " · ".join(html.escape(step.split(":")[0]) for step in f.steps)
            + "</p>"
            for f in frameworks()
        )

    def escape(self) -> None:
        """Back one step: from how it ended to the script, out of the search or the notes, to the previous step;
        on the first step out of the call, asking first when objections or notes would go unlogged."""
        if self.pages.currentIndex() == 1:
            self.pages.setCurrentIndex(0)
            self._set_outcome_keys(False)
            self.step_text.setFocus()
        elif self.search.hasFocus() or self.notes.hasFocus() or self.results.hasFocus():
            self.step_text.setFocus()
        elif self.index > 0:
            self.previous_step()
        elif self._may_leave():
            self._clock.stop()
            self.closed.emit()

    def _may_leave(self) -> bool:
        noted = [what for what, there in (("objections raised", self.raised),
                                          ("notes", self.notes.toPlainText().strip())) if there]  # fmt: skip
        if not noted:
            return True
        return self._prompter.confirm(
            "Leave the call?",
            f"Leave the call without logging it? The {' and '.join(noted)} will not be logged. "
            "Ctrl+E ends the call and logs how it ended.",
        )

    # -- the outcome --------------------------------------------------------------------------------------------
    def _set_outcome_keys(self, on_outcome_page: bool) -> None:
        for shortcut in self.outcome_keys:
            shortcut.setEnabled(on_outcome_page)
        for shortcut in self.script_keys:
            shortcut.setEnabled(not on_outcome_page)

    def end_call(self) -> None:
        self.pages.setCurrentIndex(1)
        self._set_outcome_keys(True)
        self.summary.setText(self._summary())
        self.outcome_page.setFocus()

    def choose_outcome(self, outcome: CallOutcome) -> None:
        self.outcome = outcome
        for chosen, button in self.outcome_buttons.items():
            button.setChecked(chosen is outcome)
        days = {CallOutcome.YES: 7, CallOutcome.NEED_TIME: 2, CallOutcome.COUNTER: 2, CallOutcome.NO: 0}[outcome]
        self.follow_up.setEnabled(days > 0)
        self.follow_up_label.setText("Decision date and next follow-up" if outcome is CallOutcome.NEED_TIME
                                     else "Next follow-up")  # fmt: skip
        self.follow_up.set_value(today() + timedelta(days=days))
        self.follow_up.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.summary.setText(self._summary())

    def _summary(self) -> str:
        outcome = label(self.outcome) if self.outcome else "not chosen yet"
        raised = self._raised_titles() or "none"
        return f"Ask style: {label(self.ask_style)} · Objections: {raised} · Outcome: {outcome}"

    def follow_up_date(self) -> date | None:
        if self.outcome is None or not self.follow_up.isEnabled():
            return None
        return self.follow_up.value()

    def save(self) -> None:
        if self.pages.currentIndex() != 1 or self.outcome is None:
            return
        unreadable = self.follow_up.problem() if self.follow_up.isEnabled() else None
        if unreadable:
            self._prompter.error("Follow-up date", f"Next follow-up: {unreadable}")
            return
        follow_up = self.follow_up_date()
        if follow_up is not None and follow_up < today():
            self._prompter.error("Follow-up in the past", "Choose a follow-up date from today on.")
            return
        outcome = self.calls.log(
            self.candidate_id, self.outcome, self.ask_style, self.raised, self.notes.toPlainText().strip(),
            follow_up=follow_up, decision_date=follow_up if self.outcome is CallOutcome.NEED_TIME else None,
            offer_id=self.offer.id if self.offer else None, script_id=self.script.id,
            script_revision=self.script.revision, duration_seconds=int(time.monotonic() - self.started),
        )  # fmt: skip
        self.result = outcome.value
        self._clock.stop()
        self._bus.publish(outcome.changes)
        self.closed.emit()
