"""A full disk: saving says so in one sentence naming what could not be written, and nothing saved before is lost.

Two ways to fill it: SQLite's `max_page_count` pinned to the database's size on every connection (the database
cannot grow, as on a full disk; runs everywhere), and real small tmpfs disks mounted in a user namespace (where
the system allows one without root).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from tests.e2e import writers

# The real `offerdesk` command on a database that cannot grow once the command has opened it (tests/full_disk.py).
CAPPED_COMMAND = textwrap.dedent(
    f"""
    import sys
    sys.path.insert(0, {str(Path(__file__).parents[2])!r})
    from offerdesk.cli import main, session
    from tests.full_disk import cannot_grow

    def open_on_a_full_disk(*args, **options):
        services, report = open_services(*args, **options)
        cannot_grow(services.database.engine, services.paths.database_file)
        return services, report

    open_services, session.open_services = session.open_services, open_on_a_full_disk
    sys.exit(main(sys.argv[1:]))
    """
)
LONG_NOTE = "x" * 20_000  # bigger than a page: it needs new pages, where a short note may fit in a page's room


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo") / "data"
    services, _ = open_services(resolve_paths(data))
    services.close()
    return data


def _counts(database: Path) -> dict[str, int]:
    tables = ("candidates", "offers", "call_logs", "letter_exports")
    return {table: int(writers.column(database, f"SELECT count(*) FROM {table}")[0]) for table in tables}  # type: ignore[call-overload]


def _assert_one_full_disk_sentence(result: subprocess.CompletedProcess[str], names: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("offerdesk: The disk is full"), lines[0]
    assert names in lines[0], lines[0]


def test_saving_in_the_command_line_when_the_database_cannot_grow(demo_data: Path, tmp_path: Path) -> None:
    data = writers.copy_data(demo_data, tmp_path / "data")
    database = resolve_paths(data).database_file
    offer_file = tmp_path / "offer.json"
    services, _ = open_services(resolve_paths(data), seed_demo_data=False)
    document = services.offer_json.export(7)
    document["offer"]["versions"][-1]["benefits_note"] = LONG_NOTE
    offer_file.write_text(json.dumps(document, default=str), encoding="utf-8")
    services.close()
    before = _counts(database)
    attempts = {
        "calls log": ["calls", "log", "--candidate", "1", "--outcome", "need_time", "--note", LONG_NOTE],
        "candidates add": ["candidates", "add", "--name", "Ada Full", "--email", "ada@example.com",
                           "--notes", LONG_NOTE],
        "offers import": ["offers", "import", str(offer_file)],
    }  # fmt: skip
    for args in attempts.values():
        result = subprocess.run(
            [sys.executable, "-c", CAPPED_COMMAND, "--data-dir", str(data), *args],
            capture_output=True, text=True, env=writers.python_env(), timeout=120, check=False,
        )  # fmt: skip
        _assert_one_full_disk_sentence(result, database.name)
        assert str(data) in result.stderr
    assert writers.integrity(database) == ["ok"]
    assert _counts(database) == before


# Run inside `unshare -rm` (a user and mount namespace): two small tmpfs disks, one for the data folder and one,
# filled to the last byte, for the folders letters, exports and backups go to. Prints what each command did.
ON_SMALL_DISKS = textwrap.dedent(
    """
    import json, os, shutil, subprocess, sys
    from pathlib import Path

    demo, root, python = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    roomy, full = root / "roomy", root / "full"
    for folder, size in ((roomy, "16m"), (full, "1m")):
        folder.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True)
    data = roomy / "data"
    shutil.copytree(demo, data)
    (full / "backups").mkdir()
    shutil.rmtree(data / "backups", ignore_errors=True)
    os.symlink(full / "backups", data / "backups")

    def fill(folder):
        descriptor = os.open(folder / ".filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(descriptor, b"\\0" * 65536)
        except OSError:
            pass
        try:
            while True:
                os.write(descriptor, b"\\0")
        except OSError:
            pass
        os.close(descriptor)

    fill(full)
    env = {**os.environ, "HOME": str(roomy / "home")}
    def run(*args):
        done = subprocess.run([python, "-m", "offerdesk", "--data-dir", str(data), *args], capture_output=True,
                              text=True, env=env, timeout=120)
        return {"args": list(args), "rc": done.returncode, "stderr": done.stderr}

    results = [
        run("letters", "export", "--offer", "7", "--out", str(full / "letter.docx")),
        run("candidates", "list", "--out", str(full / "candidates.csv")),
        run("backup", "create"),
    ]
    left = sorted(path.name for path in full.rglob("*") if path.name != ".filler")
    shutil.rmtree(data / "logs", ignore_errors=True)  # the log is made anew on the full disk, with no room at all
    fill(roomy)
    results.append(run("calls", "log", "--candidate", "1", "--outcome", "need_time", "--note", "on a full disk"))
    gui = subprocess.run([python, "-m", "offerdesk", "--data-dir", str(data)], capture_output=True, text=True,
                         env={**env, "OFFERDESK_SMOKE_TEST": "1"}, timeout=120)
    results.append({"args": ["(window)"], "rc": gui.returncode, "stderr": gui.stderr, "stdout": gui.stdout})
    (roomy / ".filler").unlink()

    editor = subprocess.Popen([python, "-c", sys.argv[5], str(data)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    assert editor.stdout.readline().strip() == "ready"
    shutil.rmtree(data / "logs", ignore_errors=True)
    fill(roomy)  # while the window is open
    shown, err = editor.communicate("go\\n", timeout=120)
    results.append({"args": ["(editor)"], "stderr": err, "shown": json.loads(shown)})
    (roomy / ".filler").unlink()
    print(json.dumps({"results": results, "left": left, "data": str(data)}))
    shutil.copy(data / "offerdesk.sqlite", sys.argv[4])
    """
)


# The window with an offer open in its editor when the disk fills up; it then saves (autosave, then a version).
EDITOR_ON_A_FILLING_DISK = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest
    from offerdesk.logs import configure_logging
    from offerdesk.paths import resolve_paths
    from offerdesk.services.setup.bootstrap import open_services
    from offerdesk.ui.bus import ChangeBus
    from offerdesk.ui.dialogs.prompter import RecordingPrompter
    from offerdesk.ui.main_window import MainWindow

    app = QApplication([])
    paths = resolve_paths(sys.argv[1])
    configure_logging(paths.log_file)
    services, _ = open_services(paths, seed_demo_data=False)
    prompter = RecordingPrompter()
    window = MainWindow(services, ChangeBus(), prompter)
    window.show()
    window.candidate_list.select_id(services.candidates.search("Grace")[0].id)
    while window.offer_summary.is_loading:  # her offers are read in the thread pool
        QTest.qWait(5)
    window.offer_summary.edit_button.click()
    while window.offer_dialog is None or not window.offer_dialog.isVisible():  # read first, then shown
        QTest.qWait(5)
    dialog = window.offer_dialog
    print("ready", flush=True)
    sys.stdin.readline()
    dialog.form.title.setText(dialog.form.title.text() + " (revised)" * 150)
    QTest.keyClicks(dialog.form.title, "!")
    dialog.autosave()
    while dialog.is_saving:  # the autosave writes in the thread pool
        QTest.qWait(5)
    label = dialog.saved.text()
    dialog.save_version()
    errors = [text for kind, _title, text in prompter.shown if kind == "error"]
    print(json.dumps({"autosave": label, "errors": errors}), flush=True)
    """
)


def _small_disks_can_be_mounted() -> bool:
    """Whether this system lets a user mount a tmpfs in a namespace of their own (many CI machines do not)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    with tempfile.TemporaryDirectory() as folder:
        probe = subprocess.run(
            [unshare, "-rm", "mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder],
            capture_output=True, check=False, timeout=30,
        )  # fmt: skip
    return probe.returncode == 0


NO_SMALL_DISKS = "this system does not let a user mount a small tmpfs disk (the max_page_count test still runs)"


@pytest.mark.skipif(not _small_disks_can_be_mounted(), reason=NO_SMALL_DISKS)
def test_writing_to_a_real_full_disk(demo_data: Path, tmp_path: Path) -> None:
    root = tmp_path / "disks"
    root.mkdir()
    copy = tmp_path / "after.sqlite"
    before = _counts(resolve_paths(demo_data).database_file)
    done = subprocess.run(
        ["unshare", "-rm", sys.executable, "-c", ON_SMALL_DISKS, str(demo_data), str(root), sys.executable, str(copy),
         EDITOR_ON_A_FILLING_DISK],
        capture_output=True, text=True, env=writers.python_env(), timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["left"] == ["backups"], "a partial file was left in the full folder"
    for result in report["results"]:
        said = [line for line in result["stderr"].strip().splitlines() if "propagateSizeHints" not in line]
        assert "Traceback" not in result["stderr"] and "Logging error" not in result["stderr"], result
        if "shown" in result:  # the window: the sentence beside the form and in one dialog, nothing on stderr
            assert result["shown"]["autosave"].startswith("Not saved: The disk is full"), result
            assert len(result["shown"]["errors"]) == 1 and result["shown"]["errors"][0].startswith("The disk is full")
            assert said == [], result
            continue
        assert result["rc"] == 1, result
        assert len(said) == 1 and "The disk is full" in said[0], result
    assert writers.integrity(copy) == ["ok"]
    assert _counts(copy) == before
