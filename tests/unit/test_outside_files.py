"""A file from outside is read only when it is a regular file of a sane size: a pipe, a device, a socket or a folder
is refused with one sentence before anything blocks or fills the memory."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from offerdesk.errors import ValidationError
from offerdesk.files import MAX_DOCUMENT_DEPTH, OutsideFileError, read_json, read_outside_file, too_deep

SRC = str(Path(__file__).resolve().parents[2] / "src")
needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes and devices are POSIX")


@needs_posix
def test_a_device_that_never_ends_is_refused_before_it_is_read() -> None:
    with pytest.raises(OutsideFileError, match=r"^/dev/zero is a device, not a file OfferDesk can read; choose"):
        read_json(Path("/dev/zero"), "offer file")


@needs_posix
def test_a_named_pipe_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    """In a child process with a deadline: a regression would block for ever, and must not hang the tests."""
    pipe = tmp_path / "offer.json"
    os.mkfifo(pipe)
    script = (
        "import sys; from pathlib import Path; from offerdesk.files import read_json\n"
        "try:\n    read_json(Path(sys.argv[1]), 'offer file')\n"
        "except Exception as error:\n    print(type(error).__name__, error)\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script, str(pipe)], capture_output=True, text=True, timeout=20,
        env={**os.environ, "PYTHONPATH": SRC},
    )  # fmt: skip
    assert finished.stdout.startswith(f"OutsideFileError {pipe} is a named pipe, not a file"), finished


@needs_posix
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(OutsideFileError, match="is a socket, not a file"):
            read_outside_file(path, 1000)


def test_a_folder_and_a_missing_file_are_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(OutsideFileError, match=r"is a folder; choose an exported library file\.$"):
        read_json(tmp_path, "library file")
    with pytest.raises(OutsideFileError, match=r"does not exist; choose an exported offer file\.$"):
        read_json(tmp_path / "gone.json", "offer file")


def test_a_file_over_the_cap_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 6_000_000)
    with pytest.raises(OutsideFileError, match=r"big.json is 6.0 MB, over the 5.0 MB limit for one import; choose"):
        read_json(path, "offer file")


def test_the_cap_holds_while_reading(tmp_path: Path) -> None:
    """The size looked at first is not trusted: what is read past the cap is refused too (a growing file)."""
    path = tmp_path / "x.json"
    path.write_bytes(b"[" + b"1," * 600 + b"1]")
    assert len(read_outside_file(path, 10_000)) == 1203
    with pytest.raises(OutsideFileError, match=r"over the 1\.0 KB limit"):
        read_outside_file(path, 1000)


def test_deep_nesting_is_refused_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(json.dumps({"offer": {"versions": [[[[[0]]]] * 1]}}).replace("[0]", "[" * 40 + "0" + "]" * 40))
    with pytest.raises(ValidationError, match=r"offer › versions › 0 › 0 › 0 › 0 › … is nested more than 32"):
        read_json(path, "offer file")
    path.write_text("[" * 100_000 + "]" * 100_000)  # past what the JSON parser itself can nest
    with pytest.raises(ValidationError, match="is nested too deeply"):
        read_json(path, "offer file")


def test_depth_counts_containers() -> None:
    assert too_deep({"a": [1, {"b": 2}]}, 3) is None
    assert too_deep({"a": [1, {"b": []}]}, 3) == "a › 1 › b"
    assert too_deep([[]] * 3, MAX_DOCUMENT_DEPTH) is None
