"""GUI composition root: paths → logging → database → services → QApplication → MainWindow."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import time

from offerdesk.errors import OfferDeskError
from offerdesk.logs import configure_logging
from offerdesk.paths import resolve_paths

log = logging.getLogger("offerdesk.app")
SMOKE_TEST_ENV = "OFFERDESK_SMOKE_TEST"  # quit once the window has painted and print what it showed


def run_gui(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from offerdesk.services.setup.bootstrap import lock_for_window
    from offerdesk.ui.bus import ChangeBus
    from offerdesk.ui.dialogs.damaged_database import open_or_offer_restore
    from offerdesk.ui.dialogs.prompter import ConsolePrompter, Prompter
    from offerdesk.ui.excepthook import ExceptionReporter, install
    from offerdesk.ui.keychain_prompts import install_window_keychain
    from offerdesk.ui.location_banner import show_location_warning
    from offerdesk.ui.main_window import MainWindow
    from offerdesk.ui.theme import apply_platform_style

    smoke_test = bool(os.environ.get(SMOKE_TEST_ENV))
    paths = resolve_paths(args.data_dir)
    log_file = configure_logging(paths.log_file)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("OfferDesk")
    app.setOrganizationName("OfferDesk")
    apply_platform_style(app)
    prompter = ConsolePrompter(answer=False) if smoke_test else Prompter()
    install(ExceptionReporter(prompter, log_file))
    keychain_notice = install_window_keychain(prompter)
    try:
        window_lock = lock_for_window(paths, args.db_url)  # a second window on the database is told, not opened
    except OfferDeskError as error:
        log.warning("cannot start: %s", error)
        prompter.error("OfferDesk is already open", str(error))
        return 1
    # The smoke test's console prompter prints the dialogs it would show, title and all.
    opened = open_or_offer_restore(paths, args.db_url, prompter, seed_demo_data=not args.no_demo)
    if opened is None:
        if window_lock is not None:
            window_lock.release()
        return 1
    services, report = opened
    window = MainWindow(services, ChangeBus(), prompter)
    keychain_notice.attach(window)
    show_location_warning(window, paths.data_dir)
    if not smoke_test:
        prompter.parent = window

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

    QTimer.singleShot(0, expire_overdue)

    def back_up_daily() -> None:
        """A backup when the newest is older than the set interval (a day unless set); a failure is said, and never
        stops the app."""
        try:
            services.backups.automatic(interval=services.settings.backup_interval())
        except (OfferDeskError, OSError, sqlite3.Error) as error:
            log.warning("no start-up backup: %s", error)
            window.statusBar().showMessage(f"The daily backup was not made: {error}", 20000)

    QTimer.singleShot(0, back_up_daily)
    from offerdesk.ui.backup_timer import BackupTimer

    BackupTimer(services.backups, window.bus, lambda text: window.statusBar().showMessage(text, 20000), window)
    if report.upgraded_from:
        window.statusBar().showMessage(
            f"Database upgraded from schema {report.upgraded_from}; a backup is in {report.backup}.", 15000
        )

    class _FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                window.removeEventFilter(self)
                elapsed = (time.perf_counter() - started) * 1000
                log.info("window painted %.0f ms after start", elapsed)
                if smoke_test:
                    print(f"OfferDesk window painted: {window.candidate_model.rowCount()} candidates listed")
                    QTimer.singleShot(0, app.quit)
            return False

    painter = _FirstPaint(window)
    window.installEventFilter(painter)
    window.show()
    try:
        code = int(app.exec())
        return 1 if isinstance(prompter, ConsolePrompter) and prompter.saw_error else code
    finally:
        window.save_window_state()
        services.close()
        if window_lock is not None:
            window_lock.release()


def main(argv: list[str] | None = None) -> int:
    """Entry point of `offerdesk-gui` (a GUI script: no console window on Windows)."""
    from offerdesk.cli.parser import CliUsageError, parse

    try:
        args = parse(argv)
    except CliUsageError as error:
        print(f"offerdesk: {error}", file=sys.stderr)
        return 2
    return run_gui(args)
