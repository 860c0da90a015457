"""Export Personal Data…, Anonymise… and Erase… for the selected candidate, in the Edit menu and the list's
context menu. Each asks first, naming the candidate and what it touches, and calls services/privacy, as the
`offerdesk privacy` commands do; neither anonymising nor erasing can be undone, so each backs the database up first
and says where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from offerdesk.domain.wording import plural

if TYPE_CHECKING:
    from offerdesk.services.privacy.service import Plan, PrivacyService, Report
    from offerdesk.ui.main_window import MainWindow

ZIP_FILTER = "Zip archive (*.zip)"


class CandidatePrivacy(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.panel = window.candidate_list
        self.menu = QMenu("&Personal Data", window)
        self.menu.setObjectName("privacyMenu")
        self.export_action = self._action("E&xport Personal Data…", "exportPersonalData", self.export)
        self.anonymise_action = self._action("A&nonymise…", "anonymiseCandidate", self.anonymise)
        self.erase_action = self._action("E&rase…", "eraseCandidate", self.erase)
        self.panel.candidateSelected.connect(lambda _id: self._update())
        self._add_to_edit_menu()
        self._update()

    def _action(self, text: str, name: str, slot: object) -> QAction:
        action = self.menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        return action

    def _add_to_edit_menu(self) -> None:
        for action in self._window.menuBar().actions():
            edit = action.menu()
            if isinstance(edit, QMenu) and action.text().replace("&", "") == "Edit":
                edit.addSeparator()
                edit.addMenu(self.menu)
                return

    def add_to_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addMenu(self.menu)

    def _update(self) -> None:
        selected = self.panel.selected_id() is not None
        self.menu.setEnabled(selected)
        for action in (self.export_action, self.anonymise_action, self.erase_action):
            action.setEnabled(selected)

    @property
    def service(self) -> PrivacyService:
        from offerdesk.services.privacy.service import privacy_service

        return privacy_service(self._window.services)

    def _message(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 10000)

    def _plan(self, title: str) -> Plan | None:
        candidate_id = self.panel.selected_id()
        if candidate_id is None:
            self._message("Select a candidate first.")
            return None
        done, plan = self._window.operations.run(title, lambda: self.service.plan(candidate_id))
        return plan if done else None

    # -- the use cases ---------------------------------------------------------------------------------------------
    def export(self) -> None:
        plan = self._plan("Personal data not exported")
        if plan is None:
            return
        suggested = self._window.services.paths.exports_dir / f"candidate-{plan.candidate_id}-personal-data.zip"
        target = self._window.prompter.save_file("Export personal data", suggested, ZIP_FILTER, purpose="exports")
        if target is None:
            return
        if target.suffix.lower() != ".zip":
            target = target.with_suffix(".zip")
        done, written = self._window.operations.run(
            "Personal data not exported", lambda: self.service.export(plan.candidate_id, target)
        )
        if done:
            self._message(f"Everything stored about {plan.name} ({plan.summary()}) is in {written}.")

    def anonymise(self) -> None:
        plan = self._plan("Candidate not anonymised")
        if plan is None:
            return
        question = (
            f"Anonymise {plan.name}? Their name, contact details, notes and letter files are removed and they "
            f"become “Anonymised candidate #{plan.candidate_id}”. What the dashboard counts ({plan.summary()}) "
            "stays, naming no one. This cannot be undone; " + self._window.services.backups.before_change_note()
        )
        if not self._window.prompter.confirm(f"Anonymise {plan.name}", question):
            return
        done, report = self._window.operations.run(
            "Candidate not anonymised", lambda: self.service.anonymise(plan.candidate_id), initiator=self
        )
        if done:
            self._finished(report, "anonymised")

    def erase(self) -> None:
        plan = self._plan("Candidate not erased")
        if plan is None:
            return
        question = (
            f"Erase {plan.name} for good? This removes {plan.records()}, and nothing of them stays in the "
            "database. This cannot be undone; " + self._window.services.backups.before_change_note()
        )
        if not self._window.prompter.confirm(f"Erase {plan.name}", question):
            return
        done, report = self._window.operations.run(
            "Candidate not erased", lambda: self.service.erase(plan.candidate_id), initiator=self
        )
        if not done:
            return
        self._finished(report, "erased")
        if report.held:
            self._offer_purge(report)

    def _finished(self, report: Report, what: str) -> None:
        backup = f" The database was backed up first to {report.backup.path}." if report.backup else ""
        problems = " ".join(report.problems)
        busy = (
            ""
            if report.log_emptied
            else " Another OfferDesk window is reading the database; closing every window empties its log."
        )
        self._window.prompter.info(f"Candidate {what}", f"{report.name} {what}.{backup} {problems}{busy}".strip())
        self._message(f"{report.name} {what}.")

    def _offer_purge(self, report: Report) -> None:
        count = len(report.held)
        names = "\n".join(str(copy.path) for copy in report.held)
        verb = "holds" if count == 1 else "hold"
        question = (
            f"{plural(count, 'copy')} outside the database still {verb} {report.name}:\n{names}\n\n"
            f"Delete {'it' if count == 1 else 'them'} too? The backup taken before the erasure is one of them."
        )
        if not self._window.prompter.confirm("Delete the backups that hold them", question):
            return
        done, result = self._window.operations.run(
            "Backups not deleted", lambda: self.service.purge_copies(report.held)
        )
        if done:
            removed, problems = result
            text = f"Deleted {plural(len(removed), 'copy')} that held {report.name}. {' '.join(problems)}"
            self._window.prompter.info("Backups deleted", text.strip())
