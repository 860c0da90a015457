"""Killing the app while a draft offer is being edited loses nothing that was autosaved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from offerdesk.paths import resolve_paths
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.services.setup.bootstrap import open_services

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
    window.offer_summary.edit_button.click()
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
