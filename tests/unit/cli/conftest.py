"""Fixtures shared by the CLI tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data(tmp_path: Path) -> str:
    """A data folder that does not exist yet: the first command creates it, as on a fresh machine."""
    return str(tmp_path / "data")
