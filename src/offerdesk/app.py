"""GUI composition root: paths → logging → database → services → QApplication → MainWindow."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from typing import TYPE_CHECKING

from offerdesk.errors import OfferDeskError
from offerdesk.logs import configure_logging
from offerdesk.paths import resolve_paths
from offerdesk.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from offerdesk.services.setup.bootstrap import Services, StartupReport
    from offerdesk.ui.main_window import MainWindow

log = logging.getLogger("offerdesk.app")
SMOKE_TEST_ENV = "OFFERDESK_SMOKE_TEST"  # quit once the window has painted and print what it showed


# What the full window needs, imported behind the kept page when one is painted first.
WINDOW_MODULES = (
    "offerdesk.services.setup.bootstrap",
    "offerdesk.services.setup.team_connection",
    "offerdesk.ui.dialogs.prompter",
    "offerdesk.ui.excepthook",
    "offerdesk.ui.keychain_prompts",
    "offerdesk.ui.location_banner",
    "offerdesk.ui.team_start",
    "offerdesk.ui.window_switch",
    "offerdesk.ui.first_page_keeping",
    "offerdesk.ui.backup_timer",
)


def run_gui(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from offerdesk.ui.interpreter import favour_the_window, settle_once_loaded
    from offerdesk.ui.quick_start import import_behind, paint_kept_page
    from offerdesk.ui.theme import apply_platform_style

    smoke_test = bool(os.environ.get(SMOKE_TEST_ENV))
    paths = resolve_paths(args.data_dir)
    log_file = configure_logging(paths.log_file)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    favour_the_window()
    app.setApplicationName("OfferDesk")
    app.setOrganizationName("OfferDesk")
    set_window_icon(app)
    apply_platform_style(app)
    quick = paint_kept_page(app, paths, args.db_url)  # the last session's first page, before anything heavy
    if quick is not None:
        log.info("first page painted %.0f ms after start", (time.perf_counter() - started) * 1000)
        if smoke_test:
            print(f"OfferDesk first page painted: {quick.frame.table.rowCount()} rows shown", flush=True)
        import_behind(WINDOW_MODULES)
    from offerdesk.services.setup.bootstrap import lock_for_window
    from offerdesk.services.setup.first_page import FirstPageKeeper
    from offerdesk.services.setup.team_connection import start_url
    from offerdesk.ui.dialogs.prompter import ConsolePrompter, Prompter
    from offerdesk.ui.excepthook import ExceptionReporter, install
    from offerdesk.ui.first_page_keeping import FirstPageKeeping
    from offerdesk.ui.keychain_prompts import install_window_keychain
    from offerdesk.ui.location_banner import show_location_warning
    from offerdesk.ui.team_start import open_for_window
    from offerdesk.ui.window_switch import WindowSwitcher

    prompter = ConsolePrompter(answer=False) if smoke_test else Prompter()
    install(ExceptionReporter(prompter, log_file))
    keychain_notice = install_window_keychain(prompter)
    db_url = start_url(paths, args.db_url)  # --db-url, OFFERDESK_DB_URL, else the team database chosen last time
    try:
        # a second window on the database is told, not opened
        window_lock = quick.lock if quick is not None else lock_for_window(paths, db_url)
    except OfferDeskError as error:
        log.warning("cannot start: %s", error)
        prompter.error("OfferDesk is already open", str(error))
        return 1
    # The smoke test's console prompter prints the dialogs it would show, title and all.
    opened = open_for_window(paths, db_url, prompter, seed_demo_data=not args.no_demo)
    if opened is None:
        if quick is not None:
            quick.frame.close()
        if window_lock is not None:
            window_lock.release()
        return 1
    services, report, local_lock = opened
    window_lock = window_lock or local_lock  # the local database's, when it was opened instead of the team's
    try:
        start_version = FirstPageKeeper(services.database).version()  # read before the window reads its rows
    except OfferDeskError:
        start_version = None

    def prepare(window: MainWindow, services: Services, report: StartupReport | None) -> None:
        """What every window does once built: the keychain notice, the location warning, expiry, backups."""
        keychain_notice.attach(window)
        show_location_warning(window, paths.data_dir)
        if not smoke_test:
            prompter.parent = window
        _start_window_work(window, services, report)
        settle_once_loaded(window)

    switcher = WindowSwitcher(paths, prompter, seed_demo_data=not args.no_demo, on_window=prepare)
    window = switcher.show(services, report, window_lock, visible=False)  # shown once the paint probe is in

    class _FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                window.removeEventFilter(self)
                elapsed = (time.perf_counter() - started) * 1000
                log.info("window painted %.0f ms after start", elapsed)
                if smoke_test:
                    print(
                        f"OfferDesk window painted: {window.candidate_model.rowCount()} candidates listed", flush=True
                    )
                    QTimer.singleShot(0, app.quit)
            return False

    painter = _FirstPaint(window)
    window.installEventFilter(painter)
    keeping = FirstPageKeeping(window, start_version, trusted=quick is not None)
    if quick is not None:
        quick.frame.take_place_of(window)
    window.show()
    try:
        code = int(app.exec())
        return 1 if isinstance(prompter, ConsolePrompter) and prompter.saw_error else code
    finally:
        if switcher.window is not None:
            switcher.window.save_window_state()
        if switcher.window is window and switcher.services is services:
            keeping.at_close()  # the page the next start paints first
        if switcher.services is not None:
            switcher.services.close()
        if switcher.lock is not None:
            switcher.lock.release()


def set_window_icon(app: QApplication) -> None:
    """The OfferDesk mark in every title bar, the taskbar and the Dock, drawn from the shipped SVG."""
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resource_path("icons", "offerdesk.svg"))))


def _start_window_work(window: MainWindow, services: Services, report: StartupReport | None) -> None:
    """Expire overdue offers, the daily and periodic backups, and what the start upgraded: for each new window."""
    from PySide6.QtCore import QTimer

    from offerdesk.ui.backup_timer import BackupTimer

    def expire_overdue() -> None:
        """Open offers past their expiry date become expired; done just after the window appears."""

        expired = services.offer_editing.expire_overdue()
        if expired.value:
            count = len(expired.value)
            ids = ", ".join(map(str, expired.value))
            window.statusBar().showMessage(
                f"{count} open offer(s) passed the expiry date and are now marked expired (offers {ids}).", 20000
            )
            window.bus.publish(expired.changes)

    QTimer.singleShot(0, window, expire_overdue)

    backups = BackupTimer(
        services.backups, window.bus, lambda text: window.statusBar().showMessage(text, 20000), window
    )
    # The daily backup (when the newest is older than the set interval) is written in the thread pool; a failure is
    # said in the status line, and never stops the app.
    QTimer.singleShot(0, backups, lambda: backups.back_up_at_start(services.settings.backup_interval))
    if report is not None and report.upgraded_from:
        window.statusBar().showMessage(
            f"Database upgraded from schema {report.upgraded_from}; a backup is in {report.backup}.", 15000
        )


def main(argv: list[str] | None = None) -> int:
    """Entry point of `offerdesk-gui` (a GUI script: no console window on Windows)."""
    from offerdesk.cli.window_args import window_arguments

    window = window_arguments(sys.argv[1:] if argv is None else argv)
    if window is not None:
        return run_gui(window)
    from offerdesk.cli.parser import CliUsageError, parse

    try:
        args = parse(argv)
    except CliUsageError as error:
        print(f"offerdesk: {error}", file=sys.stderr)
        return 2
    return run_gui(args)
