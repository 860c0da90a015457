"""One window per database: a second one is told which process has it open; the lock ends with its process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from offerdesk.storage.instance_lock import AlreadyOpen, WindowLock

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from offerdesk.storage.instance_lock import WindowLock

    lock = WindowLock.acquire(Path(sys.argv[1]))
    print("holding", flush=True)
    time.sleep(120)
    """
)


def hold_window_lock(database: Path) -> subprocess.Popen[str]:
    """Another process holding the window lock of `database` until killed; returns once it holds it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(database)], stdout=subprocess.PIPE, text=True, env=env)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    return holder


def test_a_second_process_is_told_who_has_the_database(tmp_path: Path) -> None:
    database = tmp_path / "offerdesk.sqlite"
    holder = hold_window_lock(database)
    try:
        with pytest.raises(AlreadyOpen) as refused:
            WindowLock.acquire(database)
        sentence = str(refused.value)
        assert f"OfferDesk is already open on {database} (process {holder.pid}, open since " in sentence
        assert "switch to that window" in sentence
    finally:
        holder.kill()
        holder.wait()
    WindowLock.acquire(database).release()  # the lock ended with the process that held it


def test_the_lock_is_free_again_after_release(tmp_path: Path) -> None:
    database = tmp_path / "offerdesk.sqlite"
    first = WindowLock.acquire(database)
    with pytest.raises(AlreadyOpen, match=f"process {os.getpid()}"):
        WindowLock.acquire(database)
    first.release()
    WindowLock.acquire(database).release()
    assert not database.exists()  # the lock never creates or touches the database itself
