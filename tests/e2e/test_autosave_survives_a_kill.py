"""Killing the app while a draft offer is being edited loses nothing that was autosaved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import unquote

from offerdesk.paths import resolve_paths
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.services.setup.bootstrap import open_services
from tests.e2e import writers

EDITING_SESSION = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services
    from offerdesk.ui.bus import ChangeBus
    from offerdesk.ui.dialogs.prompter import RecordingPrompter
    from offerdesk.ui.main_window import MainWindow

    app = QApplication([])
    services, _ = open_services(resolve_paths(sys.argv[1]))
    window = MainWindow(services, ChangeBus(), RecordingPrompter())
    window.show()
    window.candidate_list.select_id(services.candidates.search("Grace")[0].id)
    while window.offer_summary.is_loading:  # her offers are read in the thread pool
        QTest.qWait(5)
    window.offer_summary.edit_button.click()
    while window.offer_dialog is None or not window.offer_dialog.isVisible():  # read first, then shown
        QTest.qWait(5)
    dialog = window.offer_dialog
    QTest.keyClicks(dialog.form.title, " (autosaved)")
    deadline = time.monotonic() + 10
    while "Draft saved" not in dialog.saved.text() and time.monotonic() < deadline:
        QTest.qWait(50)
    print("saved", dialog.offer_id, flush=True)
    QTest.keyClicks(dialog.form.title, " and then some unsaved typing")
    while True:
        QTest.qWait(50)
    """
)


def test_a_killed_app_keeps_the_draft_as_last_autosaved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    services, _ = open_services(resolve_paths(data))
    services.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    editor = subprocess.Popen([sys.executable, "-c", EDITING_SESSION, str(data)], stdout=subprocess.PIPE,
                              text=True, env=env)  # fmt: skip
    assert editor.stdout is not None
    word, offer_id = editor.stdout.readline().split()
    assert word == "saved"
    os.kill(editor.pid, signal.SIGKILL)
    editor.wait(timeout=10)

    reopened, _ = open_services(resolve_paths(data))
    try:
        title = OfferEditing(reopened.database, reopened.paths).terms(int(offer_id)).title
    finally:
        reopened.close()
    assert title.endswith(" (autosaved)")


AUTOSAVING_SESSION = textwrap.dedent(
    """
    import sys
    from urllib.parse import quote
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services
    from offerdesk.ui.bus import ChangeBus
    from offerdesk.ui.dialogs.prompter import RecordingPrompter
    from offerdesk.ui.main_window import MainWindow

    app = QApplication([])
    services, _ = open_services(resolve_paths(sys.argv[1]), seed_demo_data=False)
    window = MainWindow(services, ChangeBus(), RecordingPrompter())
    window.show()
    window.candidate_list.select_id(services.candidates.search("Grace")[0].id)
    while window.offer_summary.is_loading:  # her offers are read in the thread pool
        QTest.qWait(5)
    window.offer_summary.edit_button.click()
    while window.offer_dialog is None or not window.offer_dialog.isVisible():  # read first, then shown
        QTest.qWait(5)
    dialog = window.offer_dialog
    dialog._autosave.setInterval(5)  # the same timer and save, without the pause a typist gets

    def type_and_autosave():
        QTest.keyClicks(dialog.form.title, "a")
        while not dialog.saved.text().startswith("Draft saved"):
            QTest.qWait(2)
        return dialog.form.title.text()

    print("ready", dialog.offer_id, type_and_autosave(), flush=True)
    for _ in range(int(sys.argv[2])):  # the title quoted: a report is one word between "done" and "whole"
        print("done", quote(type_and_autosave()), "whole", flush=True)
    """
)


def test_twenty_kills_while_autosaving_keep_the_last_autosave(tmp_path: Path) -> None:
    """The window is killed at 20 seeded moments while it autosaves draft after draft of an offer's title."""
    template = tmp_path / "demo"
    services, _ = open_services(resolve_paths(template))
    services.close()
    problems: list[str] = []
    saves = 0
    server = writers.ForkServer("PySide6.QtWidgets", "PySide6.QtTest", "offerdesk.ui.main_window")
    for trial, moment in enumerate(writers.kill_moments(longest=0.5)):
        data = writers.copy_data(template, tmp_path / f"trial-{trial}")
        pid, ready = server.start(AUTOSAVING_SESSION, str(data), "500")
        _, offer_id, first_save = ready.split(maxsplit=2)
        result = server.kill_after(pid, moment)
        database = resolve_paths(data).database_file
        if (checked := writers.integrity(database)) != ["ok"]:
            problems.append(f"trial {trial}: integrity {checked}")
            continue
        reopened, _ = open_services(resolve_paths(data), seed_demo_data=False)
        try:
            title = OfferEditing(reopened.database, reopened.paths).terms(int(offer_id)).title
        finally:
            reopened.close()
        saves += len(result.reported)
        last = unquote(result.reported[-1]) if result.reported else first_save
        if title not in (last, last + "a"):
            problems.append(f"trial {trial}: the last autosave was {last!r}, the offer has {title!r}")
    server.close()
    print(f"autosave kills: {writers.TRIALS} trials, {saves} autosaves reported, {len(problems)} problems")
    assert problems == [], "\n".join(problems)
