"""Long-lived OfferDesk writer processes for the fault tests: each does many writes and says which ones committed.

A writer prints `ready` once it is set up, then `done <key> whole` after each write returns (so after its
commit), until it is killed or has done `count` writes (a line a kill cut short lacks its `whole`). One writer
per trial, forked from a ForkServer that has made the imports.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
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
        print("done", call.call_id, "whole", flush=True)
    """
)

OFFER_IMPORTS = _OPEN + textwrap.dedent(
    """
    import copy
    document = services.offer_json.export(7)
    print("ready", flush=True)
    for number in range(count):
        offer_id = services.offer_json.import_(copy.deepcopy(document)).value
        print("done", offer_id, "whole", flush=True)
    """
)

LETTERS = _OPEN + textwrap.dedent(
    """
    folder = Path(sys.argv[3])
    services.letters.export(7, out=folder / "warm-up.docx")  # the template is read and cached before the clock runs
    print("ready", flush=True)
    for number in range(count):
        docx, _ = services.letters.export(7, out=folder / f"letter-{number}.docx").value
        print("done", docx.name, "whole", flush=True)
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


def start(script: str, *args: str) -> subprocess.Popen[str]:
    """A writer in its own interpreter, started and set up (its `ready` line read); stdin, stdout, stderr piped."""
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
    return writer


def kill_moments(count: int = TRIALS, longest: float = 0.4, seed: int = SEED) -> list[float]:
    chance = random.Random(seed)
    return [chance.uniform(0.0, longest) for _ in range(count)]


def copy_data(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


def integrity(database: Path) -> list[str]:
    """SQLite's own check, read-only: a writable connection would checkpoint the -wal a killed writer left and delete
    it on close, and the next start is meant to judge that -wal itself."""
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
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


SERVER = textwrap.dedent(
    """
    import os, sys
    for module in sys.argv[1:]:  # the imports every writer needs, made once; each trial forks from here
        __import__(module)
    for line in sys.stdin:
        script, *args = line.rstrip("\\n").split("\\0")
        child = os.fork()
        if child == 0:
            sys.stdin.close()
            sys.argv = ["-c", *args]
            try:
                exec(compile(script.replace("\\x01", "\\n"), "<writer>", "exec"), {"__name__": "__main__"})
            except BaseException as error:
                print("failed", repr(error), flush=True)
            sys.stdout.flush()
            os._exit(0)
        print("pid", child, flush=True)
        _, status = os.waitpid(child, 0)
        print("\\nended", status, flush=True)  # on a line of its own even after a killed writer's half line
    """
)


class ForkServer:
    """One interpreter that has imported OfferDesk, forking a fresh writer per trial: a trial then costs a fork, not
    an interpreter start and its imports (the slow part of a trial on a small machine)."""

    def __init__(self, *modules: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER, *modules],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=python_env(),
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read_lines, daemon=True).start()

    def _read_lines(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.strip():  # the blank line before "ended" ends a killed writer's half line
                self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def _line(self, timeout: float = 120.0) -> str:
        """The next line; a writer server silent for `timeout` fails the test instead of hanging the suite."""
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the writer server said nothing for {timeout:g} s") from None
        if line is None:
            raise AssertionError("the writer server stopped")
        return line

    def start(self, script: str, *args: str) -> tuple[int, str]:
        """Fork a writer running `script` with `args`; returns its pid and its `ready …` line."""
        assert self.process.stdin is not None
        self.process.stdin.write("\0".join([script.replace("\n", "\x01"), *args]) + "\n")
        self.process.stdin.flush()
        pid = int(self._line().split()[1])
        ready = self._line()
        if ready.split()[:1] != ["ready"]:
            raise AssertionError(f"the writer did not start: {ready!r}")
        return pid, ready

    def kill_after(self, pid: int, seconds: float, *, when: Callable[[], bool] | None = None) -> Trial:
        """SIGKILL the writer after `seconds` (or once `when()` holds); the lines it printed until then."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if when is not None and when():
                break
            if when is None:
                time.sleep(max(0.0, deadline - time.monotonic()))
        with contextlib.suppress(ProcessLookupError):  # it finished its writes first
            os.kill(pid, signal.SIGKILL)
        reported, line = [], self._line()
        while not line.startswith("ended "):
            words = line.split()
            if len(words) == 3 and words[0] == "done" and words[2] == "whole":
                reported.append(words[1])  # a line the kill cut short reports nothing: its key may be cut too
            line = self._line()
        return Trial(reported, int(line.split()[1]), "")

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
