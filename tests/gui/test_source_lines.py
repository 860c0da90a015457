"""PySide6 reads the source of every module imported after it (to look for its own name); the window does not keep
those lines in memory for the rest of the session, and a traceback still shows its source lines."""

from __future__ import annotations

import linecache
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

import offerdesk.ui  # noqa: F401 - what the window imports first

SOURCE = """
def fail():
    raise ValueError("a line worth showing")
"""


@pytest.fixture
def fresh_module(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "freshly_imported_module.py"
    path.write_text(SOURCE, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    yield path
    sys.path.remove(str(tmp_path))
    sys.modules.pop(path.stem, None)
    linecache.cache.pop(str(path), None)


def test_an_imported_module_leaves_no_source_lines_behind(fresh_module: Path) -> None:
    module = __import__(fresh_module.stem)  # as an import statement does (importlib's own call skips the check)
    assert module.__file__ == str(fresh_module)
    assert str(fresh_module) not in linecache.cache


def test_a_traceback_still_shows_the_failing_line(fresh_module: Path) -> None:
    module = __import__(fresh_module.stem)
    try:
        module.fail()
    except ValueError:
        shown = traceback.format_exc()
    assert 'raise ValueError("a line worth showing")' in shown
