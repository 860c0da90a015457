"""End-to-end tests run OfferDesk as a user does: the installed commands, in their own processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

Runner = Callable[..., subprocess.CompletedProcess[str]]


def command(name: str) -> str:
    found = shutil.which(name, path=str(BIN))
    if found is None:
        pytest.fail(f"the `{name}` command is not installed next to {sys.executable}")
    return found


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    """A user's environment: own home, no display, offscreen Qt."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OFFERDESK_", "PYTEST"))}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"),
        XDG_STATE_HOME=str(tmp_path / "home" / ".state"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


@pytest.fixture
def run(user_env: dict[str, str], tmp_path: Path) -> Runner:
    def runner(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args),
            capture_output=True,
            text=True,
            env={**user_env, **(env or {})},
            cwd=tmp_path,
            timeout=timeout,
            check=False,
        )

    return runner
