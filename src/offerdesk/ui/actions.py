"""Every menu action in one place, with the platform's standard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar

Std = QKeySequence.StandardKey


@dataclass
class Actions:
    new_candidate: QAction
    edit_candidate: QAction
    archive_candidate: QAction
    delete_candidate: QAction
    undo_delete: QAction
    import_candidates: QAction
    export_candidates: QAction
    reset_demo: QAction
    clear_demo: QAction
    restore_backup: QAction
    connect_team: QAction
    use_local: QAction
    encrypt_backups: QAction
    quit: QAction
    find: QAction
    refresh: QAction
    dashboard: QAction
    coach: QAction
    appearance_system: QAction
    appearance_light: QAction
    appearance_dark: QAction
    start_call: QAction
    edit_profile: QAction
    practice: QAction
    library: QAction
    pay_bands: QAction
    prep_sheet: QAction
    follow_ups: QAction
    templates: QAction
    batch_export: QAction
    letter_settings: QAction
    open_data_folder: QAction
    open_log_folder: QAction
    shortcuts: QAction
    about: QAction


def _action(window: QMainWindow, text: str, name: str, shortcut: Std | str | None = None, tip: str = "") -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if isinstance(shortcut, Std):
        action.setShortcuts(shortcut)
    elif shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    return action


def build_actions(window: QMainWindow) -> Actions:
    actions = Actions(
        new_candidate=_action(window, "&New Candidate…", "newCandidate", Std.New, "Add a candidate by hand"),
        edit_candidate=_action(window, "&Edit Candidate…", "editCandidate", "Ctrl+Shift+E"),
        archive_candidate=_action(window, "&Archive Candidate", "archiveCandidate", tip="Hide from the list, keep"),
        delete_candidate=_action(window, "&Delete Candidate…", "deleteCandidate", tip="Remove for good (Undo)"),
        undo_delete=_action(window, "&Undo Delete", "undoDelete", Std.Undo),
        import_candidates=_action(
            window, "&Import Candidates…", "importCandidates", "Ctrl+Shift+I", "CSV, TSV or Excel from an ATS"
        ),
        export_candidates=_action(window, "E&xport Candidates…", "exportCandidates", tip="The list as shown"),
        reset_demo=_action(window, "Reset Demo Data…", "resetDemo", tip="Rebuild the demo candidates and offers"),
        clear_demo=_action(window, "Clear Demo Data…", "clearDemo", tip="Remove the demo records, keep your own"),
        restore_backup=_action(
            window, "Restore from &Backup…", "restoreBackup", tip="Bring back the data as a backup holds it"
        ),
        connect_team=_action(
            window, "Connect to &Team Database…", "connectTeam", tip="Work on your team's shared PostgreSQL server"
        ),
        use_local=_action(window, "Use &Local Database", "useLocal", tip="Work on this computer's own database"),
        encrypt_backups=_action(
            window, "E&ncrypt Backups", "encryptBackups", tip="Encrypt new backups with a key kept in the keychain"
        ),
        quit=_action(window, "&Quit", "quit", Std.Quit),
        find=_action(window, "&Find Candidate", "find", Std.Find, "Search the candidate list"),
        refresh=_action(window, "&Refresh", "refresh", Std.Refresh, "Reload everything from the database"),
        start_call=_action(window, "Start the &Call…", "startCall", "Ctrl+Shift+C", "The guided offer call"),
        edit_profile=_action(window, "Edit Pre-close &Profile…", "editProfile", "Ctrl+Shift+P"),
        practice=_action(window, "&Practice Objections…", "practice", tip="Drills from the objection library"),
        pay_bands=_action(window, "Roles and Pay &Bands…", "payBands", tip="The bands offers are checked against"),
        library=_action(window, "Scripts and &Objections…", "library", tip="Edit, favourite, share the library"),
        prep_sheet=_action(window, "Export Prep &Sheet…", "prepSheet", tip="Profile, script and objections as .docx"),
        follow_ups=_action(window, "&Follow-ups", "followUps", "Ctrl+Shift+F", "Due and overdue follow-ups"),
        templates=_action(window, "Letter &Templates…", "templates", tip="Add, check and choose letter templates"),
        batch_export=_action(
            window, "Export Letters in &Bulk…", "batchExport", tip="Letters for every offer in a status"
        ),
        letter_settings=_action(window, "Letter &Settings…", "letterSettings", tip="Company and signatory"),
        dashboard=_action(window, "&Dashboard", "dashboard", "Ctrl+Shift+D", "Acceptance, declines, time to accept"),
        coach=_action(window, "C&oach", "coach", "Ctrl+Shift+K", "The objections you lose on, and drills on them"),
        appearance_system=_action(window, "&System", "appearanceSystem", tip="Light or dark as the system is"),
        appearance_light=_action(window, "&Light", "appearanceLight", tip="Light, whatever the system says"),
        appearance_dark=_action(window, "&Dark", "appearanceDark", tip="Dark, whatever the system says"),
        open_data_folder=_action(window, "Open Data Folder", "openDataFolder"),
        open_log_folder=_action(window, "Open Log Folder", "openLogFolder"),
        shortcuts=_action(window, "&Keyboard Shortcuts", "keyboardShortcuts", "Ctrl+/", "Every key, menus and panels"),
        about=_action(window, "&About OfferDesk", "about"),
    )
    actions.quit.setMenuRole(QAction.MenuRole.QuitRole)
    actions.about.setMenuRole(QAction.MenuRole.AboutRole)
    actions.undo_delete.setEnabled(False)
    appearance = QActionGroup(window)  # one at a time
    for action in (actions.appearance_system, actions.appearance_light, actions.appearance_dark):
        action.setCheckable(True)
        appearance.addAction(action)
    if actions.refresh.shortcuts() == []:
        actions.refresh.setShortcut(QKeySequence("F5"))
    return actions


def build_menus(menu_bar: QMenuBar, actions: Actions) -> None:
    file_menu = menu_bar.addMenu("&File")
    file_menu.addAction(actions.new_candidate)
    file_menu.addAction(actions.import_candidates)
    file_menu.addAction(actions.export_candidates)
    file_menu.addSeparator()
    file_menu.addAction(actions.reset_demo)
    file_menu.addAction(actions.clear_demo)
    file_menu.addAction(actions.restore_backup)
    file_menu.addAction(actions.encrypt_backups)
    file_menu.addSeparator()
    file_menu.addAction(actions.connect_team)
    file_menu.addAction(actions.use_local)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = menu_bar.addMenu("&Edit")
    edit_menu.addAction(actions.undo_delete)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.edit_candidate)
    edit_menu.addAction(actions.archive_candidate)
    edit_menu.addAction(actions.delete_candidate)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.find)
    call_menu = menu_bar.addMenu("&Call")
    call_menu.addAction(actions.start_call)
    call_menu.addAction(actions.edit_profile)
    call_menu.addAction(actions.prep_sheet)
    call_menu.addSeparator()
    call_menu.addAction(actions.follow_ups)
    call_menu.addAction(actions.practice)
    call_menu.addAction(actions.library)
    call_menu.addAction(actions.pay_bands)
    view_menu = menu_bar.addMenu("&View")
    view_menu.addAction(actions.refresh)
    view_menu.addAction(actions.dashboard)
    view_menu.addAction(actions.coach)
    view_menu.addSeparator()
    appearance_menu = view_menu.addMenu("&Appearance")
    for action in (actions.appearance_system, actions.appearance_light, actions.appearance_dark):
        appearance_menu.addAction(action)
    letters_menu = menu_bar.addMenu("&Letters")
    letters_menu.addAction(actions.templates)
    letters_menu.addAction(actions.batch_export)
    letters_menu.addSeparator()
    letters_menu.addAction(actions.letter_settings)
    help_menu = menu_bar.addMenu("&Help")
    help_menu.addAction(actions.open_data_folder)
    help_menu.addAction(actions.open_log_folder)
    help_menu.addSeparator()
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.about)
