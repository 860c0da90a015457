"""Hostile files at every import door, as a user meets them at the command line: each is refused with one sentence
naming the file (never "an unexpected error", exit code 70), nothing is imported, and the command stays within
300 MB and 10 seconds.

Each command runs in a child process with a deadline and an address-space ceiling, so a regression (a pipe that
blocks, /dev/zero read into memory) fails the test instead of hanging the run or the machine. The peak memory and
time of each child are measured and written to the terminal (pytest -s).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import offerdesk
from offerdesk.cli import main

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc")

UNEXPECTED = 70
MAX_PEAK_MB = 300
MAX_SECONDS = 10.0
DEADLINE = 30.0  # a child still running then has hung: it is killed and the test fails
ADDRESS_SPACE = 1 << 30  # a runaway child fails to allocate instead of taking the machine's memory
SOURCE = str(Path(offerdesk.__file__).resolve().parents[1])  # the child runs the same OfferDesk as the tests


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    peak_mb: float
    seconds: float


# The child sets its own ceiling, runs `python -m offerdesk`, and on its way out writes its peak resident memory
# (VmHWM, which starts afresh with the program; ru_maxrss on Linux keeps the high-water mark of the test process
# that started it, so it would count this test's memory too).
LAUNCH = (
    "import atexit, resource, runpy, sys\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))\n"
    "peak_file, sys.argv = sys.argv[1], ['offerdesk', *sys.argv[2:]]\n"
    "def report():\n"
    "    peak = [line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')]\n"
    "    open(peak_file, 'w').write(peak[0])\n"
    "atexit.register(report)\n"
    "runpy.run_module('offerdesk', run_name='__main__', alter_sys=True)\n"
)


def offerdesk_command(case: str, *args: str) -> Run:
    """`python -m offerdesk ARGS` in a child; its exit code, output, peak resident memory and wall time."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as spare:
        peak_file = Path(spare) / "peak"
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, str(peak_file), *args], stdin=subprocess.DEVNULL, stdout=out, stderr=err,
            env={**os.environ, "PYTHONPATH": SOURCE},
        )  # fmt: skip
        while child.poll() is None:
            if time.monotonic() - started > DEADLINE:
                child.kill()
                child.wait()
                pytest.fail(f"{case}: `offerdesk {' '.join(args)}` was still running after {DEADLINE:g} s")
            time.sleep(0.02)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        peak = int(peak_file.read_text()) / 1024 if peak_file.exists() else float("inf")  # gone: killed
        run = Run(child.returncode, out.read().decode(), err.read().decode(), peak, seconds)
    sys.__stderr__.write(f"\n[figure] {case}: peak {run.peak_mb:.0f} MB, {run.seconds:.2f} s, exit {run.code}\n")
    return run


def assert_refused(run: Run, *words: str) -> None:
    assert run.code not in (0, UNEXPECTED), run
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    assert "unexpected error" not in run.err and "Traceback" not in run.err
    for word in words:
        assert word in run.err, run.err
    assert run.peak_mb < MAX_PEAK_MB, run
    assert run.seconds < MAX_SECONDS, run


@pytest.fixture(scope="module")
def data() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        place = str(Path(folder) / "data")
        assert main(["--data-dir", place, "info"]) == 0
        yield place


def counts(data: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["--data-dir", data, "info", "--format", "json"]) == 0
    shown: dict[str, Any] = json.loads(capsys.readouterr().out)["counts"]
    assert main(["--data-dir", data, "scripts", "list", "--format", "json"]) == 0
    shown["scripts"] = capsys.readouterr().out
    return shown


def offer_document(versions: str = '{"number":1}', history: str = "") -> str:
    """A minimal offer file, written as text so that a million events cost no million dicts in the test."""
    return (
        '{"format":"offerdesk-offer","version":1,"offer":{"type":"written","currency":"EUR",'
        f'"candidate":{{"first_name":"Hostile"}},"versions":[{versions}],"history":[{history}]}}}}'
    )


# -- offer files ---------------------------------------------------------------------------------------------------


def test_offer_import_of_dev_zero_is_refused_at_once(data: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = counts(data, capsys)
    assert_refused(offerdesk_command("offers import /dev/zero", "--data-dir", data, "offers", "import", "/dev/zero"),
                   "/dev/zero is a device")  # fmt: skip
    assert counts(data, capsys) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_offer_import_of_a_named_pipe_returns_at_once(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "offer.json"
    os.mkfifo(pipe)
    before = counts(data, capsys)
    assert_refused(offerdesk_command("offers import FIFO", "--data-dir", data, "offers", "import", str(pipe)),
                   str(pipe), "named pipe")  # fmt: skip
    assert counts(data, capsys) == before


def test_offer_import_of_a_folder_is_one_sentence(data: str, tmp_path: Path) -> None:
    assert_refused(offerdesk_command("offers import FOLDER", "--data-dir", data, "offers", "import", str(tmp_path)),
                   str(tmp_path), "is a folder")  # fmt: skip


def test_an_offer_with_a_million_history_events_is_refused(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "history.json"
    path.write_text(offer_document(history=",".join(['{"at":"2026-01-01","to":"draft"}'] * 1_000_000)))
    before = counts(data, capsys)
    run = offerdesk_command("offers import, 1,000,000 history events", "--data-dir", data, "offers", "import",
                            str(path))  # fmt: skip
    assert_refused(run, str(path), "over the 5.0 MB limit")
    assert counts(data, capsys) == before


def test_an_offer_with_100000_versions_is_refused_naming_the_place(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "versions.json"
    path.write_text(offer_document(versions=",".join(f'{{"number":{n}}}' for n in range(1, 100_001))))
    before = counts(data, capsys)
    run = offerdesk_command("offers import, 100,000 versions", "--data-dir", data, "offers", "import", str(path))
    assert_refused(run, str(path), "versions: holds 100,000 versions; an offer file may hold at most 1,000.")
    assert counts(data, capsys) == before


def test_an_offer_with_history_past_the_cap_is_refused_naming_the_place(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "events.json"
    path.write_text(offer_document(history=",".join(['{"at":"2026-01-01","to":"draft"}'] * 10_001)))
    before = counts(data, capsys)
    run = offerdesk_command("offers import, 10,001 history events", "--data-dir", data, "offers", "import", str(path))
    assert_refused(run, str(path), "history: holds 10,001 history events; an offer file may hold at most 10,000.")
    assert counts(data, capsys) == before


# -- candidate files -----------------------------------------------------------------------------------------------


def zip_bomb(size: int) -> bytes:
    """An .xlsx whose sheet unpacks to `size` bytes of the same row, honestly declared, packed about 1000:1."""
    buffer = io.BytesIO()
    row = b"<row><c><v>1</v></c></row>" * 40_000
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(size // len(row)):
                sheet.write(row)
    return buffer.getvalue()


def test_candidate_import_of_a_zip_bomb_is_refused_before_it_is_unpacked(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "candidates.xlsx"
    path.write_bytes(zip_bomb(150_000_000))
    assert path.stat().st_size < 2_000_000
    before = counts(data, capsys)
    run = offerdesk_command("candidates import, xlsx zip bomb", "--data-dir", data, "candidates", "import",
                            str(path))  # fmt: skip
    assert_refused(run, "candidates.xlsx", "the way a zip bomb is")
    assert counts(data, capsys) == before


def test_candidate_import_of_dev_zero_is_refused(data: str) -> None:
    run = offerdesk_command("candidates import /dev/zero", "--data-dir", data, "candidates", "import", "/dev/zero")
    assert_refused(run, "“zero” is a device")


# -- library files -------------------------------------------------------------------------------------------------

RUNAWAY = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"


PRINTING = "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}"


def hostile_library(text: str) -> dict[str, Any]:
    steps = [{"key": f"s{n}", "title": f"Step {n}", "text": text} for n in range(10)]
    return {
        "format": "offerdesk-library", "version": 1, "objections": [],
        "scripts": [
            {"key": "team-welcome", "offer_type": "verbal", "title": "Welcome", "steps": [
                {"key": "hello", "title": "Hello", "text": "Hi {{ candidate.first_name }}."}]},
            {"key": "verbal-offer", "offer_type": "verbal", "title": "Verbal offer", "steps": steps},
        ],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("case", "text", "problem"),
    [
        ("silent nested range() loops", RUNAWAY, "did not finish within 2 seconds"),
        ("printing nested range() loops", PRINTING, "builds a script text longer than 100,000 characters"),
    ],
)
def test_library_import_of_runaway_scripts_is_refused_whole(
    data: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str, text: str, problem: str
) -> None:
    path = tmp_path / "shared.json"
    path.write_text(json.dumps(hostile_library(text)))
    before = counts(data, capsys)
    run = offerdesk_command(f"library import, {case}", "--data-dir", data, "library", "import", str(path))
    assert_refused(run, str(path), "was not imported", "verbal-offer, step 1", problem)
    assert counts(data, capsys) == before  # not even the harmless script before it


def test_library_import_of_a_named_pipe_returns_at_once(data: str, tmp_path: Path) -> None:
    pipe = tmp_path / "library.json"
    os.mkfifo(pipe)
    assert_refused(offerdesk_command("library import FIFO", "--data-dir", data, "library", "import", str(pipe)),
                   "named pipe")  # fmt: skip
