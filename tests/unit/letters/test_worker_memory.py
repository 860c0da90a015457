"""A letter worker process runs under an address-space cap where the system enforces one, so a template that slips
past the size budgets is refused with a sentence instead of taking the laptop's memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux enforces RLIMIT_AS")

PROBE = textwrap.dedent(
    """
    from pathlib import Path
    from offerdesk.letters import pool

    assert pool.cap_worker_memory(1024**3)
    try:
        hoard = bytearray(2 * 1024**3)
    except MemoryError:
        print("refused")
    else:
        print("allocated", len(hoard))
    """
)


def test_a_capped_worker_cannot_take_more_memory_than_the_cap() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["refused"]


def test_a_batch_worker_starts_with_the_cap() -> None:
    import resource

    from offerdesk.letters import pool

    with pool.worker_pool(1) as workers:
        soft, _hard = workers.submit(resource.getrlimit, resource.RLIMIT_AS).result(timeout=60)
    assert soft == pool.WORKER_MEMORY
