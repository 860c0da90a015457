"""The main window: candidate list, call prep and offer editor side by side; it builds its parts and wires them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QSplitter, QStackedWidget, QTabWidget, QWidget

from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.wording import plural
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.info import installation_info
from offerdesk.ui import format as fmt
from offerdesk.ui import workers
from offerdesk.ui.actions import build_actions, build_menus
from offerdesk.ui.backup_encryption import wire_backup_encryption
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.candidate_actions import CandidateActions
from offerdesk.ui.desktop import open_folder
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.live_changes import watch_server
from offerdesk.ui.models.candidate_table import CandidateTableModel
from offerdesk.ui.offer_opening import EditorOpener
from offerdesk.ui.operations import Operations
from offerdesk.ui.panels.call_prep import CallPrepPanel
from offerdesk.ui.panels.candidate_list import CandidateListPanel
from offerdesk.ui.panels.followups import FollowUpsPanel
from offerdesk.ui.panels.offer_summary import OfferSummaryPanel
from offerdesk.ui.session_undo import SessionUndo
from offerdesk.ui.team_menu import wire_team_menu
from offerdesk.ui.theme import Appearance, apply_appearance, save_appearance, saved_appearance
from offerdesk.ui.window_geometry import restore_window_state

if TYPE_CHECKING:
    from offerdesk.ui.dialogs.connect_team import ConnectTeamDialog
    from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
    from offerdesk.ui.panels.call_runner import CallRunner
    from offerdesk.ui.panels.coach import CoachPanel
    from offerdesk.ui.panels.dashboard import DashboardPanel
    from offerdesk.ui.window_switch import WindowSwitcher


class MainWindow(QMainWindow):
    def __init__(self, services: Services, bus: ChangeBus, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.bus = bus
        self.prompter = prompter
        self.operations = Operations(bus, prompter, self)
        self.setObjectName("mainWindow")
        self.setWindowTitle("OfferDesk")
        self.candidate_model = CandidateTableModel(services.candidates, self)
        self.candidate_list = CandidateListPanel(
            self.candidate_model, self, services=services, operations=self.operations
        )
        self.call_prep = CallPrepPanel(services, self, prompter=prompter)
        self.offer_summary = OfferSummaryPanel(services, bus, prompter, self)
        self.follow_ups = FollowUpsPanel(
            services.followups, self, prompter=prompter, exports_dir=services.paths.exports_dir
        )
        self.left_tabs = QTabWidget(self)
        self.left_tabs.setObjectName("leftTabs")
        self.left_tabs.addTab(self.candidate_list, "Candidates")
        self.left_tabs.addTab(self.follow_ups, "Follow-ups")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for panel in (self.left_tabs, self.call_prep, self.offer_summary):
            self.splitter.addWidget(panel)
        self.splitter.setSizes([540, 430, 390])  # the list has a sidebar of views beside its columns
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)
        self.call_runner: CallRunner | None = None
        self.dashboard: DashboardPanel | None = None
        self.coach: CoachPanel | None = None
        self.menu_actions = build_actions(self)
        build_menus(self.menuBar(), self.menu_actions)
        start_keys = self.menu_actions.start_call.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.call_prep.start_button.setText(f"Start the call  ({start_keys})")  # as the menu says, per platform
        self.count_label = QLabel(self)
        self.count_label.setObjectName("statusCounts")
        self.database_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.database_label)
        self.undo_stack = SessionUndo(self)
        self._connect_signals()
        self.candidate_actions = CandidateActions(self)
        self.editor_opener = EditorOpener(self)
        self.offer_dialog: OfferEditorDialog | None = None  # the editor open now
        self._window_state = QSettings(str(services.paths.window_state_file), QSettings.Format.IniFormat)
        self._restore_window_state()
        self.appearance = Appearance.SYSTEM
        self.set_appearance(saved_appearance(self._window_state), save=False)
        self.update_status()
        self.candidate_list.select_first()
        self.live_changes = watch_server(bus, services, self)  # a teammate's change shows within seconds
        self.switcher: WindowSwitcher | None = None  # set by whoever built the window; File → Connect uses it
        self.connect_dialog: ConnectTeamDialog | None = None
        wire_team_menu(self)

    def _connect_signals(self) -> None:
        self.candidate_list.candidateSelected.connect(self.call_prep.show_candidate)
        self.candidate_list.candidateSelected.connect(self.offer_summary.show_candidate)
        self.bus.changed.connect(self.candidate_model.on_changes)
        self.bus.changed.connect(self.call_prep.on_changes)
        self.bus.changed.connect(self.offer_summary.on_changes)
        self.bus.changed.connect(self._on_changes)
        self.bus.changed.connect(self.follow_ups.on_changes)
        self.follow_ups.changed.connect(lambda changes: self.bus.publish(changes, self.follow_ups))
        self.follow_ups.candidateChosen.connect(self.show_candidate)
        self.follow_ups.undoable.connect(self.undo_stack.push)
        self.menu_actions.edit_profile.triggered.connect(self.edit_profile)
        self.menu_actions.dashboard.triggered.connect(self.toggle_dashboard)
        self.menu_actions.practice.triggered.connect(self.show_practice)
        self.menu_actions.coach.triggered.connect(self.toggle_coach)
        self.menu_actions.library.triggered.connect(self.show_library)
        self.menu_actions.pay_bands.triggered.connect(self.show_pay_bands)
        self.menu_actions.prep_sheet.triggered.connect(self.export_prep_sheet)
        self.menu_actions.follow_ups.triggered.connect(lambda: self.left_tabs.setCurrentWidget(self.follow_ups))
        self.menu_actions.find.triggered.connect(self.candidate_list.focus_search)
        self.menu_actions.refresh.triggered.connect(lambda: self.bus.publish(Changes.everything()))
        self.menu_actions.quit.triggered.connect(self.close)
        self.menu_actions.reset_demo.triggered.connect(self.reset_demo)
        self.menu_actions.clear_demo.triggered.connect(self.clear_demo)
        self.menu_actions.restore_backup.triggered.connect(self.restore_backup)
        wire_backup_encryption(self, self.menu_actions.encrypt_backups)
        data, logs, prompter = self.services.paths.data_dir, self.services.paths.log_dir, self.prompter
        self.menu_actions.open_data_folder.triggered.connect(lambda: open_folder(data, "data folder", prompter))
        self.menu_actions.open_log_folder.triggered.connect(lambda: open_folder(logs, "log folder", prompter))
        self.menu_actions.about.triggered.connect(self.show_about)
        self.menu_actions.shortcuts.triggered.connect(self.show_shortcuts)
        self.menu_actions.templates.triggered.connect(self.show_templates)
        self.menu_actions.start_call.triggered.connect(self.start_call)
        self.call_prep.start_button.clicked.connect(self.start_call)
        self.call_prep.edit_button.clicked.connect(self.edit_profile)
        self.offer_summary.edit_button.clicked.connect(self.edit_offer)
        self.offer_summary.new_button.clicked.connect(self.new_offer)
        self.menu_actions.batch_export.triggered.connect(self.show_batch_export)
        self.menu_actions.import_candidates.triggered.connect(lambda: self.import_candidates())
        self.menu_actions.letter_settings.triggered.connect(self.show_letter_settings)
        choices = {self.menu_actions.appearance_system: Appearance.SYSTEM,
                   self.menu_actions.appearance_light: Appearance.LIGHT,
                   self.menu_actions.appearance_dark: Appearance.DARK}  # fmt: skip
        for action, appearance in choices.items():
            action.triggered.connect(lambda _checked=False, chosen=appearance: self.set_appearance(chosen))
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

    # -- light and dark --------------------------------------------------------------------------------------
    def set_appearance(self, appearance: Appearance, *, save: bool = True) -> None:
        """View → Appearance: applied at once to every window, and kept for the next start."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, appearance)
        self.appearance = appearance
        {Appearance.SYSTEM: self.menu_actions.appearance_system, Appearance.LIGHT: self.menu_actions.appearance_light,
         Appearance.DARK: self.menu_actions.appearance_dark}[appearance].setChecked(True)  # fmt: skip
        if save:
            save_appearance(self._window_state, appearance)
        self.on_colour_scheme_changed()

    def _system_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The OS switched light/dark: System follows it; Light and Dark stay as chosen."""
        app = QApplication.instance()
        if self.appearance is Appearance.SYSTEM and isinstance(app, QApplication):
            apply_appearance(app, Appearance.SYSTEM, scheme)
        self.on_colour_scheme_changed()

    def on_colour_scheme_changed(self) -> None:
        """Light/dark switched in the OS: redraw what carries colours of its own."""
        self.call_prep.reload()
        self.candidate_list.table.viewport().update()

    # -- use cases -------------------------------------------------------------------------------------------
    def clear_demo(self) -> None:
        if self.prompter.confirm(
            "Clear demo data",
            "Remove the demo candidates, roles and offers that nobody worked on? A demo record you changed or built "
            "on (an offer, a call, a letter) is yours and stays, as do your own records, scripts and templates. "
            + self.services.backups.before_change_note().capitalize(),
        ):
            done, report = self.operations.run(
                "Demo data not removed", self.services.demo.clear_with_report, initiator=self
            )
            if done:
                self.statusBar().showMessage(report.sentence(), 10000)

    def restore_backup(self) -> None:
        from offerdesk.ui.dialogs.restore_backup import RestoreBackupDialog

        dialog = RestoreBackupDialog(self.services.backups, self.operations, self.prompter, self)
        dialog.exec()
        dialog.deleteLater()  # with what it read: the list of backups

    def reset_demo(self) -> None:
        if self.prompter.confirm(
            "Reset demo data",
            "Rebuild the demo candidates and offers? Demo records you worked on are yours and stay beside the new set.",
        ):
            done, _ = self.operations.run("Demo data not rebuilt", self.services.demo.reset, initiator=self)
            if done:
                self.statusBar().showMessage("Demo data rebuilt.", 5000)

    def start_call(self) -> None:
        """Switch the window to the on-the-call view for the selected candidate."""
        from offerdesk.ui.panels.call_runner import CallRunner

        candidate_id = self.candidate_list.selected_id()
        if candidate_id is None:
            self.statusBar().showMessage("Select a candidate to call first.", 5000)
            return
        self.end_call_view()
        self.call_runner = CallRunner(self.services, self.bus, self.prompter, candidate_id, self)
        self.call_runner.closed.connect(self.end_call_view)
        self.pages.addWidget(self.call_runner)
        self.pages.setCurrentWidget(self.call_runner)
        self.call_runner.step_text.setFocus()

    def toggle_dashboard(self) -> None:
        """Switch between the panels and the dashboard (built on first use: it computes over every offer)."""
        from offerdesk.ui.panels.dashboard import DashboardPanel

        if self.dashboard is None:
            self.dashboard = DashboardPanel(self.services.stats, self.prompter, self)
            self.dashboard.offerChosen.connect(self.open_offer_from_dashboard)
            self.bus.changed.connect(self.dashboard.on_changes)
            self.pages.addWidget(self.dashboard)
        if self.pages.currentWidget() is self.dashboard:
            self.pages.setCurrentWidget(self.splitter)
        else:
            self.pages.setCurrentWidget(self.dashboard)
            self.dashboard.refresh()

    def toggle_coach(self) -> None:
        """Switch between the panels and the coach page (built on first use)."""
        from offerdesk.ui.panels.coach import CoachPanel

        if self.coach is None:
            self.coach = CoachPanel(self.services.coach, self)
            self.coach.practiseRequested.connect(self.practise)
            self.coach.changed.connect(lambda changes: self.bus.publish(changes, self.coach))
            self.coach.closeRequested.connect(lambda: self.pages.setCurrentWidget(self.splitter))
            self.bus.changed.connect(self.coach.on_changes)
            self.pages.addWidget(self.coach)
        if self.pages.currentWidget() is self.coach:
            self.pages.setCurrentWidget(self.splitter)
        else:
            self.pages.setCurrentWidget(self.coach)
            self.coach.refresh()

    def open_offer_from_dashboard(self, offer_id: int) -> None:
        detail = self.services.offers.detail(offer_id)
        self.pages.setCurrentWidget(self.splitter)
        self.show_candidate(detail.row.candidate_id)
        self.edit_offer(offer_id)

    def show_candidate(self, candidate_id: int) -> None:
        self.left_tabs.setCurrentWidget(self.candidate_list)
        """Select the candidate; when the search, a filter or the archive hides them, clear what hides them."""
        for where in (CandidateFilter(), CandidateFilter(archive=ArchiveScope.ALL)):
            if self.candidate_list.select_id(candidate_id):
                return
            self.candidate_list.apply_filter(where)
        self.candidate_list.select_id(candidate_id)

    def show_practice(self) -> None:
        from offerdesk.ui.dialogs.practice import PracticeDialog

        self.practice_dialog = PracticeDialog(self.services.practice, self.services.content, self)
        self.practice_dialog.changes_made.connect(self.bus.publish)
        self.let_go_when_closed("practice_dialog")
        self.practice_dialog.show()

    def practise(self, code: str) -> None:
        """Practice opened on one objection (the coach's "Practise now")."""
        from offerdesk.ui.dialogs.practice import PracticeDialog

        self.practice_dialog = PracticeDialog(self.services.practice, self.services.content, self, start_code=code)
        self.practice_dialog.changes_made.connect(self.bus.publish)
        self.let_go_when_closed("practice_dialog")
        self.practice_dialog.show()

    def show_pay_bands(self) -> None:
        from offerdesk.ui.dialogs.pay_bands import PayBandsDialog

        self.bands_dialog = PayBandsDialog(self.services, self.bus, self)
        self.let_go_when_closed("bands_dialog")
        self.bands_dialog.show()

    def show_library(self) -> None:
        from offerdesk.ui.dialogs.library_editor import LibraryEditorDialog

        self.library_dialog = LibraryEditorDialog(self.services.library, self, prompter=self.prompter)
        self.library_dialog.changed.connect(lambda changes: self.bus.publish(changes, self.library_dialog))
        self.let_go_when_closed("library_dialog")
        self.library_dialog.show()

    def export_prep_sheet(self) -> None:

        candidate_id = self.candidate_list.selected_id()
        if candidate_id is None:
            self.statusBar().showMessage("Select a candidate first.", 5000)
            return
        service = self.services.prep_sheets
        name = self.services.candidates.detail(candidate_id).row.full_name
        suggested = self.services.paths.exports_dir / f"{name} - call prep.docx"
        target = self.prompter.save_file("Export prep sheet", suggested, "Word document (*.docx)", purpose="exports")
        if target is None:
            return
        done, written = self.operations.run(
            "Prep sheet not written",
            lambda: service.export(candidate_id, target.with_suffix(".docx"), locale=fmt.ui_locale()),
        )
        if done:
            self.statusBar().showMessage(f"Prep sheet saved: {written}", 8000)

    def edit_offer(self, offer_id: int | None = None, failed: Callable[[str], None] | None = None) -> None:
        """Open the editor once what it shows is read (see ui/offer_opening.py); `failed` is told why not (the
        offer went), else an error box says it."""
        chosen = offer_id or self.offer_summary.current_offer_id()
        if chosen is None:
            self.statusBar().showMessage("Select an offer first, or make a new one.", 5000)
            return
        self.editor_opener.open(chosen, failed or (lambda sentence: self.prompter.error("Offer not opened", sentence)))

    def new_offer(self) -> None:
        """Ask the offer type and show the currency and locale it starts with; the editor opens on the draft."""
        from offerdesk.ui.dialogs.new_offer import NewOfferDialog

        candidate_id = self.candidate_list.selected_id()
        if candidate_id is None:
            return
        services, operations = self.services, self.operations
        done, dialog = operations.run(
            "Offer not created", lambda: NewOfferDialog(services, operations, candidate_id, self)
        )
        if done:
            dialog.created.connect(self.edit_offer)
            self.new_offer_dialog = dialog
            self.let_go_when_closed("new_offer_dialog")
            dialog.open()

    def edit_profile(self) -> None:
        from offerdesk.ui.dialogs.profile_editor import ProfileEditorDialog

        candidate_id = self.candidate_list.selected_id()
        if candidate_id is not None:
            self.profile_dialog = ProfileEditorDialog(self.services, self.bus, candidate_id, self)
            self.let_go_when_closed("profile_dialog")
            self.profile_dialog.show()

    def end_call_view(self) -> None:
        runner = self.call_runner
        if runner is None:
            return
        self.pages.setCurrentWidget(self.splitter)
        self.pages.removeWidget(runner)
        runner.deleteLater()
        self.candidate_list.table.setFocus()

    def show_templates(self) -> None:
        from offerdesk.ui.dialogs.template_library import TemplateLibraryDialog

        self.template_dialog = TemplateLibraryDialog(self.services, self.bus, self.prompter, self,
                                                     current_offer=self.offer_summary.current_offer_id)  # fmt: skip
        self.let_go_when_closed("template_dialog")
        self.template_dialog.show()

    def show_batch_export(self) -> None:
        from offerdesk.ui.dialogs.batch_export import BatchExportDialog

        self.batch_dialog = BatchExportDialog(self.services, self.bus, self.prompter, self)
        self.let_go_when_closed("batch_dialog")
        self.batch_dialog.show()

    def import_candidates(self, path: Path | None = None) -> None:
        """The import wizard, window-modal: the list refreshes from the Changes its import publishes."""
        from offerdesk.ui.dialogs.import_wizard import ImportWizard

        self.import_wizard = ImportWizard(self.services, self.operations, self.prompter, path, self)
        self.let_go_when_closed("import_wizard")
        self.import_wizard.open()

    def show_letter_settings(self) -> None:
        from offerdesk.ui.dialogs.letter_settings import LetterSettingsDialog

        self.settings_dialog = LetterSettingsDialog(self.services, self.bus, self)
        self.let_go_when_closed("settings_dialog")
        self.settings_dialog.show()

    def show_shortcuts(self) -> None:
        from offerdesk.ui.dialogs.shortcuts import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self.menu_actions, self)
        self.let_go_when_closed("shortcuts_dialog")
        self.shortcuts_dialog.show()

    def show_about(self) -> None:
        from offerdesk.ui.dialogs.about import AboutDialog

        info = installation_info(self.services.database, self.services.paths)
        self.about_dialog = AboutDialog(info, self.prompter, self)
        self.let_go_when_closed("about_dialog")
        self.about_dialog.show()

    def let_go_when_closed(self, name: str) -> None:
        """The dialog just kept as `self.<name>` is deleted once closed, and the name let go of: a closed dialog
        does not hold its widgets and what it read (an import's file and plan, an offer) for the whole session."""
        dialog = getattr(self, name)

        def closed(_result: int) -> None:
            if getattr(self, name, None) is dialog:
                setattr(self, name, None)
            workers.delete_when_idle(dialog)

        dialog.finished.connect(closed)

    # -- status and state ------------------------------------------------------------------------------------
    def _on_changes(self, changes: Changes, _initiator: object | None = None) -> None:
        if changes.touches(Kind.CANDIDATES):  # adding or removing an offer changes a candidate's row too
            self.update_status()

    def update_status(self) -> None:
        self.database_label.setText(self.services.database.display_name)
        offers = self.services.offers.count()
        self.count_label.setText(f"{plural(self.services.candidates.count(), 'candidate')} · {plural(offers, 'offer')}")

    def _restore_window_state(self) -> None:
        restore_window_state(self, self.splitter, self._window_state)

    def save_window_state(self) -> None:
        self._window_state.setValue("geometry", self.saveGeometry())
        self._window_state.setValue("splitter", self.splitter.saveState())
        self._window_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        from offerdesk.ui import workers
        from offerdesk.ui.interpreter import stop_beating

        self.live_changes.stop()
        stop_beating()  # the workers finish at full speed while the window waits for them
        workers.wait_for_all()
        self.save_window_state()
        super().closeEvent(event)
