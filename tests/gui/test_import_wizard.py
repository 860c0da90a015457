"""File → Import Candidates… as a recruiter uses it: a file, its columns, the dry run, the import, over a real
database, with every slow step off the GUI thread and a Cancel that leaves the database as it was."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from offerdesk.importing.fields import ImportField
from offerdesk.ui.dialogs.import_wizard import ImportWizard, Step
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from tests.gui.conftest import FileManager

GREENHOUSE = (
    "Candidate ID,First Name,Last Name,Email,Phone,Job,Current Stage,Source,Recruiter,Tags\r\n"
    "501,Inès,Dubois-Laurent,ines.dubois@example.fr,+33 6 12 34 56 78,Data Engineer,Phone Screen,Referral,"
    'Kim Lee,"python, remote"\r\n'
    "502,Kwabena,Owusu-Ansah,kwabena@example.com,,Data Engineer,Onsite,LinkedIn,Kim Lee,\r\n"
    "503,Saoirse,Ní Bhriain,saoirse@example.ie,+353 87 123 4567,Product Designer,Offer,Agency,,figma\r\n"
)
GERMAN = (
    "Teilnehmer;Mail;Wohnort\nLena Vogt;lena.vogt@example.de;Köln\nTim Brandt;kein-mail;Bonn\n"
    "Ayşe Kaya;ayse@example.de;Essen\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def _settle(qtbot: QtBot, wizard: ImportWizard, timeout: int = 20_000) -> None:
    qtbot.waitUntil(lambda: not wizard.busy, timeout=timeout)


def _open(window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, path: Path) -> ImportWizard:
    """The wizard from the File menu, with `path` chosen in the file dialog."""
    window.menu_actions.import_candidates.trigger()
    wizard = window.import_wizard
    qtbot.waitExposed(wizard)
    prompter.files.append(path)
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, wizard)
    return wizard


def _next(qtbot: QtBot, wizard: ImportWizard, timeout: int = 20_000) -> None:
    assert wizard.next_button.isEnabled(), wizard.status.text()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, wizard, timeout)


def _names(window: MainWindow, qtbot: QtBot) -> set[str]:
    """The names the candidate list shows, once the refresh the bus started has landed."""
    model = window.candidate_model
    qtbot.waitUntil(lambda: not model.is_loading)
    return {str(model.index(row, 0).data()) for row in range(model.rowCount())}


def test_a_greenhouse_export_goes_through_every_page_into_the_list(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    before = window.services.candidates.count()
    wizard = _open(window, prompter, qtbot, _write(tmp_path, "greenhouse.csv", GREENHOUSE))
    assert "3 rows, 10 columns" in wizard.file_page.info.text()
    _next(qtbot, wizard)
    assert wizard.step() is Step.COLUMNS
    assert "Recognised as a Greenhouse export" in wizard.mapping_page.note.text()
    assert wizard.mapping_page.fields()[1:4] == (ImportField.FIRST_NAME, ImportField.LAST_NAME, ImportField.EMAIL)
    assert wizard.next_button.text() == "&Preview" and wizard.next_button.isDefault()
    _next(qtbot, wizard)
    assert wizard.step() is Step.PREVIEW
    assert "will create 3, update 0, skip 0 duplicates, 0 invalid" in wizard.preview_page.counts.text()
    model = wizard.preview_page.rows_model
    first = [model.index(0, column).data() for column in range(model.columnCount())]
    assert first == [
        "2", "Create", "Inès Dubois-Laurent", "ines.dubois@example.fr", "+33 6 12 34 56 78", "Screening",
        "Data Engineer", "", "python, remote",
    ]  # fmt: skip
    assert model.index(1, 5).data() == "Final round"
    _next(qtbot, wizard)
    assert wizard.step() is Step.RESULT
    assert wizard.result_page.summary.text() == "Done: created 3, updated 0, skipped 0, invalid 0."
    assert "backed up" in wizard.result_page.backup.text()
    assert {"Inès Dubois-Laurent", "Kwabena Owusu-Ansah", "Saoirse Ní Bhriain"} <= _names(
        window, qtbot
    )  # the bus refreshed it
    assert window.services.candidates.count() == before + 3
    assert f"{before + 3:,} candidates" in window.count_label.text()
    assert wizard.next_button.text() == "&Finish" and not wizard.back_button.isVisible()
    _next(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted and not wizard.isVisible()
    assert [kind for kind, *_ in prompter.shown] == ["open_file"]


def test_unknown_columns_are_mapped_by_hand_and_invalid_rows_go_to_a_report(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path, file_manager: FileManager
) -> None:
    source = _write(tmp_path, "bewerber.csv", GERMAN)
    wizard = _open(window, prompter, qtbot, source)
    _next(qtbot, wizard)
    page = wizard.mapping_page
    assert "Not an export OfferDesk recognises" in page.note.text()
    assert "needs a name" in page.warning.text() and not wizard.next_button.isEnabled()
    name_combo = page.combos[page.headers.index("Teilnehmer")]
    name_combo.setCurrentIndex(name_combo.findText("Full name"))
    page.set_field("Mail", ImportField.EMAIL)
    page.set_field("Wohnort", ImportField.LOCATION)
    assert page.warning.text() == "" and wizard.next_button.isEnabled()
    assert wizard.options().mapping == {"Teilnehmer": "full_name", "Mail": "email", "Wohnort": "location"}
    _next(qtbot, wizard)
    preview = wizard.preview_page
    assert "will create 2, update 0, skip 0 duplicates, 1 invalid" in preview.counts.text()
    [problem] = preview.problems_model.lines
    assert problem.startswith("row 3, column “Mail”: “kein-mail” is not an email address")
    assert not wizard.next_button.isEnabled()
    assert "a strict import would import nothing" in preview.strict.text()
    preview.skip_invalid.click()
    assert wizard.next_button.isEnabled() and preview.strict.text() == ""
    _next(qtbot, wizard)
    assert wizard.result_page.summary.text() == "Done: created 2, updated 0, skipped 0, invalid 1."
    report = wizard.result_page.report_path
    assert report is not None and report.parent == tmp_path and report.exists()
    assert "kein-mail" in report.read_text(encoding="utf-8-sig")
    assert str(report) in wizard.result_page.report.text()
    qtbot.mouseClick(wizard.result_page.open_report, Qt.MouseButton.LeftButton)
    assert file_manager.opened == [QUrl.fromLocalFile(str(tmp_path))]
    assert {"Lena Vogt", "Ayşe Kaya"} <= _names(window, qtbot) and "Tim Brandt" not in _names(window, qtbot)
    wizard.accept()

    again = _open(
        window, prompter, qtbot, _write(tmp_path, "bewerber-2.csv", "Teilnehmer;Mail;Wohnort\nJan Roth;j@r.de;Ulm\n")
    )
    _next(qtbot, again)
    assert "Mapped as last time for this export" in again.mapping_page.note.text()
    assert again.mapping_page.fields() == (ImportField.FULL_NAME, ImportField.EMAIL, ImportField.LOCATION)


def test_a_known_email_is_merged_when_asked_and_the_replaced_values_are_listed(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    first = _open(
        window,
        prompter,
        qtbot,
        _write(tmp_path, "first.csv", "Name,Email,Location\nNoor Haddad,noor@example.org,Paris\n"),
    )
    for _step in range(3):
        _next(qtbot, first)
    first.accept()
    wizard = _open(
        window,
        prompter,
        qtbot,
        _write(tmp_path, "moved.csv", "Name,Email,Location\nNoor Haddad,NOOR@example.org,Lyon\n"),
    )
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.rows_model.index(0, 1).data() == "Skip: already in OfferDesk"
    choice = preview.duplicate_choice
    choice.setCurrentIndex(choice.findData("merge"))  # the dry run runs again, off the GUI thread
    assert wizard.busy
    _settle(qtbot, wizard)
    assert "update 1" in preview.counts.text() and preview.rows_model.index(0, 1).data() == "Update"
    _next(qtbot, wizard)
    assert wizard.result_page.overwritten_model.lines == ["row 2: location: Paris → Lyon"]
    [noor] = window.services.candidates.search("noor@")
    assert window.services.candidate_records.draft(noor.id).location == "Lyon"


def test_a_cancelled_import_changes_nothing_and_says_so(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = window.services.candidates.count()
    wizard = _open(window, prompter, qtbot, _write(tmp_path, "greenhouse.csv", GREENHOUSE))
    _next(qtbot, wizard)
    _next(qtbot, wizard)
    importer = window.services.candidate_import
    backup, cancelled = importer._backup, threading.Event()

    def backup_after_the_click() -> Path | None:  # the import waits here until Cancel has been pressed
        cancelled.wait(10)
        return backup()

    monkeypatch.setattr(importer, "_backup", backup_after_the_click)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.busy and wizard.cancel_button.text() == "Cancel" and wizard.progress.isVisible()
    qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
    assert wizard.isVisible()  # Cancel stops the work first; the dialog stays to say how it ended
    cancelled.set()
    _settle(qtbot, wizard)
    assert wizard.result_page.heading.text() == "The import was cancelled."
    assert "Nothing was imported" in wizard.result_page.summary.text()
    assert window.services.candidates.count() == before
    assert "Kwabena Owusu-Ansah" not in _names(window, qtbot)
    assert wizard.cancel_button.text() == "Close" and wizard.back_button.isEnabled()
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.step() is Step.PREVIEW and wizard.next_button.isEnabled()  # the plan is still there
    qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Rejected and not wizard.isVisible()


def test_a_broken_file_gets_a_sentence_on_the_first_page_and_another_can_be_chosen(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    broken = tmp_path / "candidates.xlsx"
    broken.write_bytes(b"PK\x03\x04" + random.Random(3).randbytes(3000))
    wizard = _open(window, prompter, qtbot, broken)
    assert wizard.step() is Step.FILE
    assert wizard.file_page.problem.text() == "“candidates.xlsx” is a damaged zip file, not a readable workbook."
    _next(qtbot, wizard)  # Next reads it again and stays
    assert wizard.step() is Step.FILE and "damaged zip" in wizard.file_page.problem.text()
    assert [kind for kind, *_ in prompter.shown] == ["open_file"]  # no error box, no traceback
    prompter.files.append(_write(tmp_path, "greenhouse.csv", GREENHOUSE))
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, wizard)
    assert wizard.file_page.problem.text() == "" and "3 rows" in wizard.file_page.info.text()


def test_a_dropped_file_is_read_and_enter_goes_on(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window.import_candidates()
    wizard = window.import_wizard
    qtbot.waitExposed(wizard)
    assert not wizard.next_button.isEnabled()  # no file yet
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(_write(tmp_path, "dropped.csv", GREENHOUSE)))])
    drop = QDropEvent(
        QPointF(20, 20), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    wizard.dropEvent(drop)
    _settle(qtbot, wizard)
    assert wizard.file_page.path_edit.text().endswith("dropped.csv") and "3 rows" in wizard.file_page.info.text()
    typed = _write(tmp_path, "typed.csv", GERMAN)
    wizard.file_page.path_edit.setText(str(typed))
    wizard.file_page.path_edit.setFocus()
    qtbot.keyClick(wizard.file_page.path_edit, Qt.Key.Key_Return)  # the default button: read it and go on
    _settle(qtbot, wizard)
    assert wizard.step() is Step.COLUMNS and wizard.mapping_page.headers == ("Teilnehmer", "Mail", "Wohnort")


FIRST = ("Ana María", "Jörg", "Zoë", "Łukasz", "Søren", "Chloé", "太郎", "Nguyễn", "Émile", "O'Neil")
LAST = ("Ramírez", "Müller", "Dvořák", "山田", "Håkansson", "Lefèvre", "Nowak 🚀", "Ferreira")
ROWS = 10_000


def _messy_csv(path: Path) -> Path:
    """10,000 rows as exports come: quoting here and there, CRLF and LF mixed, accents, emoji, a quoted newline,
    a duplicate email every 97 rows and a bad one every 499."""
    chance = random.Random(11)
    lines = ["Candidate ID,First Name,Last Name,Email,Phone,Job,Current Stage,Source,Tags,Notes"]
    for index in range(ROWS):
        email = f"person{index}@example.com"
        if index % 97 == 5:
            email = f"PERSON{index - 1}@Example.com"
        if index % 499 == 7:
            email = f"person{index}(at)example.com"
        notes = chance.choice(["", "keen 🎉", 'said ""remote only""', "two\nlines", "Grüße, bis bald"])
        cells = [
            str(9000 + index), chance.choice(FIRST), chance.choice(LAST), email,
            "+49 30 1234567" if index % 3 else "", "Backend Engineer",
            chance.choice(["Phone Screen", "Onsite", "Offer", "Culture Fit"]), "LinkedIn", "java, remote", notes,
        ]  # fmt: skip
        lines.append(",".join(f'"{c}"' if any(s in c for s in ',"\n') or chance.random() < 0.3 else c for c in cells))
    path.write_bytes("".join(line + ("\r\n" if n % 5 else "\n") for n, line in enumerate(lines)).encode("utf-8"))
    return path


def test_ten_thousand_messy_rows_preview_and_import_with_the_bad_ones_skipped(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    before = window.services.candidates.count()
    wizard = _open(window, prompter, qtbot, _messy_csv(tmp_path / "messy.csv"))
    assert "10,000 rows" in wizard.file_page.info.text()
    _next(qtbot, wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # the dry run starts …
    assert wizard.busy and not wizard.next_button.isEnabled()
    qtbot.mouseClick(wizard.cancel_button, Qt.MouseButton.LeftButton)  # … and Cancel stops it
    _settle(qtbot, wizard)
    assert wizard.step() is Step.COLUMNS and "cancelled" in wizard.status.text()

    started = time.perf_counter()
    _next(qtbot, wizard)
    dry_run = time.perf_counter() - started
    plan = wizard.preview_page.plan
    assert plan is not None
    counts = {action.value: plan.count(action) for action in type(plan.rows[0].action)}
    assert sum(counts.values()) == ROWS
    assert counts["invalid"] == len(range(7, ROWS, 499)) and counts["skip"] >= 100
    assert len(wizard.preview_page.problems_model.lines) == counts["invalid"]
    assert wizard.preview_page.rows_model.rowCount() == 50
    assert "(the first 50 of 10,000)" in wizard.preview_page.rows_title.text()
    wizard.preview_page.skip_invalid.click()
    started = time.perf_counter()
    _next(qtbot, wizard, timeout=30_000)
    imported = time.perf_counter() - started
    result = wizard.import_result
    assert result is not None, wizard.result_page.summary.text()
    assert result.created + result.updated + result.skipped + result.invalid == ROWS
    assert (result.created, result.invalid) == (counts["create"], counts["invalid"])
    assert window.services.candidates.count() == before + result.created
    assert result.report is not None and result.report.exists()
    print(f"10,000 rows: dry run {dry_run:.1f} s, import {imported:.1f} s")
    assert dry_run + imported < 20


def test_the_wizard_opens_without_loading_the_reading_and_importing_code() -> None:
    """That code loads on the worker that reads the first file, so the click that opens the wizard does not wait."""
    program = (
        "import sys\n"
        "import offerdesk.ui.main_window, offerdesk.ui.dialogs.import_wizard\n"
        "print(sorted(m for m in ('offerdesk.services.candidates.importing', 'offerdesk.importing.reader') "
        "if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_the_import_service_is_first_reached_on_the_worker_that_reads_the_file(
    window: MainWindow, prompter: RecordingPrompter, qtbot: QtBot, tmp_path: Path
) -> None:
    assert "candidate_import" not in vars(window.services)  # built on first use
    window.menu_actions.import_candidates.trigger()
    assert "candidate_import" not in vars(window.services)  # opening the wizard did not build it
    wizard = window.import_wizard
    prompter.files.append(_write(tmp_path, "greenhouse.csv", GREENHOUSE))
    qtbot.mouseClick(wizard.file_page.browse_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, wizard)
    assert "3 rows, 10 columns" in wizard.file_page.info.text()
