"""Running the command line in-process as a user types it, for the CLI tests."""

from __future__ import annotations

import pytest

from offerdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The exit code, what was printed and what was said on stderr."""
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
