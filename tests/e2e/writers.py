"""Long-lived OfferDesk writer processes for the fault tests: each does many writes and says which ones committed.

A writer prints `ready` once it is set up, then `done <key>` after each write returns (so after its commit), until
it is killed or has done `count` writes. One process per trial keeps a trial's cost to one interpreter start.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import offerdesk

SEED = 20261202  # the kill moments are the same on every run, so a failure can be replayed
TRIALS = 20

_OPEN = """
import sys
from pathlib import Path
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services

data, count = Path(sys.argv[1]), int(sys.argv[2])
services, _ = open_services(resolve_paths(data), seed_demo_data=False)
"""

CALLS = _OPEN + textwrap.dedent(
    """
    from offerdesk.domain.calls import CallOutcome
    print("ready", flush=True)
    for number in range(count):
        call = services.calls.log(1, CallOutcome.NEED_TIME, notes=f"call {number}").value
        print("done", call.call_id, flush=True)
    """
)

OFFER_IMPORTS = _OPEN + textwrap.dedent(
    """
    import copy
    document = services.offer_json.export(7)
    print("ready", flush=True)
    for number in range(count):
        offer_id = services.offer_json.import_(copy.deepcopy(document)).value
        print("done", offer_id, flush=True)
    """
)

LETTERS = _OPEN + textwrap.dedent(
    """
    folder = Path(sys.argv[3])
    services.letters.export(7, out=folder / "warm-up.docx")  # the template is read and cached before the clock runs
    print("ready", flush=True)
    for number in range(count):
        docx, _ = services.letters.export(7, out=folder / f"letter-{number}.docx").value
        print("done", docx.name, flush=True)
    """
)


@dataclass(frozen=True)
class Trial:
    reported: list[str]  # the keys of the writes the writer said were done
    returncode: int
    stderr: str


def python_env() -> dict[str, str]:
    source = str(Path(offerdesk.__file__).parents[1])  # the OfferDesk these tests import, in the writers too
    path = os.environ.get("PYTHONPATH", "")
    python_path = f"{source}{os.pathsep}{path}" if path else source
    return {**os.environ, "PYTHONPATH": python_path, "QT_QPA_PLATFORM": "offscreen"}


@dataclass(frozen=True)
class Started:
    process: subprocess.Popen[str]
    first_line: str  # "ready ..." with what the writer set up


def start(script: str, *args: str) -> subprocess.Popen[str]:
    return start_reporting(script, *args).process


def start_reporting(script: str, *args: str) -> Started:
    writer = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=python_env(),
    )
    assert writer.stdout is not None
    line = writer.stdout.readline().strip()
    if line.split()[:1] != ["ready"]:
        writer.kill()
        raise AssertionError(f"the writer did not start: {line!r} {writer.communicate()[1]}")
    return Started(writer, line)


def kill_after(writer: subprocess.Popen[str], seconds: float, *, when: Callable[[], bool] | None = None) -> Trial:
    """SIGKILL the writer after `seconds`, or as soon as `when()` holds if that comes first; then read its report."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and writer.poll() is None:
        if when is not None and when():
            break
        if when is None:
            time.sleep(max(0.0, deadline - time.monotonic()))
    if writer.poll() is None:
        os.kill(writer.pid, signal.SIGKILL)
    out, err = writer.communicate(timeout=30)
    reported = [line.split(maxsplit=1)[1] for line in out.splitlines() if line.startswith("done ")]
    return Trial(reported, writer.returncode, err)


def kill_moments(count: int = TRIALS, longest: float = 0.4, seed: int = SEED) -> list[float]:
    chance = random.Random(seed)
    return [chance.uniform(0.0, longest) for _ in range(count)]


def copy_data(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


def integrity(database: Path) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]
    finally:
        connection.close()


def column(database: Path, sql: str) -> list[object]:
    connection = sqlite3.connect(database)
    try:
        return [row[0] for row in connection.execute(sql)]
    finally:
        connection.close()
