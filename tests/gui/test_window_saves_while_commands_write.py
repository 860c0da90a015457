"""The window autosaving an offer while two commands log calls into the same database: every save lands, and no
one is told the database is locked."""

from __future__ import annotations

import textwrap

from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui.bus import ChangeBus
from offerdesk.ui.dialogs.offer_editor import OfferEditorDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from tests.e2e import writers

WRITES = 200

COMMAND = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from offerdesk.domain.calls import CallOutcome
    from offerdesk.errors import OfferDeskError
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services

    services, _ = open_services(resolve_paths(Path(sys.argv[1])), seed_demo_data=False)
    candidate, count = int(sys.argv[2]), int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()
    for number in range(count):
        try:
            services.calls.log(candidate, CallOutcome.NEED_TIME, notes=f"call {number}")
        except OfferDeskError as error:
            print(error, file=sys.stderr, flush=True)
    services.close()
    """
)


def test_two_commands_and_the_window_write_at_once_and_lose_nothing(
    services: Services, prompter: RecordingPrompter, qtbot: QtBot
) -> None:
    grace = services.candidates.search("Grace")[0].id
    with services.database.transaction(read_only=True) as session:
        latest = text("SELECT max(id) FROM offers WHERE candidate_id = :c")
        offer_id = session.execute(latest, {"c": grace}).scalar_one()
    dialog = OfferEditorDialog(services, ChangeBus(), prompter, offer_id)
    qtbot.addWidget(dialog)
    dialog.show()
    start_title = dialog.form.title.text()
    data = str(services.paths.data_dir)
    commands = [writers.start(COMMAND, data, str(candidate), str(WRITES)) for candidate in (1, 2)]
    for command in commands:
        assert command.stdin is not None
        command.stdin.write("go\n")
        command.stdin.flush()
    refused = []
    for _ in range(WRITES):
        QTest.keyClicks(dialog.form.title, "a")
        dialog.autosave()
        qtbot.waitUntil(lambda: not dialog.is_saving, timeout=30_000)
        # "All changes saved." when a save still landing had taken this letter with it (typing during a save is
        # saved as it lands); either way nothing was refused, and the title below holds every letter.
        if not dialog.saved.text().startswith(("Draft saved", "All changes saved")):
            refused.append(dialog.saved.text())
    outcomes = [command.communicate(timeout=300) for command in commands]

    assert refused == []
    assert [err for _, err in outcomes] == ["", ""]
    assert [command.returncode for command in commands] == [0, 0]
    assert prompter.shown == []
    with services.database.transaction(read_only=True) as session:
        counted = text("SELECT candidate_id, count(*) FROM call_logs WHERE notes LIKE 'call %' GROUP BY candidate_id")
        logged = {candidate: count for candidate, count in session.execute(counted).all()}
    assert logged == {1: WRITES, 2: WRITES}
    assert services.offer_editing.terms(offer_id).title == start_title + "a" * WRITES
