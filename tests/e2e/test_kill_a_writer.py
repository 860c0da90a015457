"""`kill -9` of an OfferDesk process in the middle of its work, 20 times per kind of work, at seeded moments.

After every kill the database passes SQLite's integrity check, every write the process reported as done is there,
no half-written letter is visible, and every letter file that exists is in the offer's letter history.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.services.setup.leftovers import STALE_AFTER_SECONDS, remove_stale_partials
from tests.e2e import writers

WRITES = 10_000  # more than any trial reaches before its kill


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo data folder, copied for each trial (making it is slower than copying it)."""
    data = tmp_path_factory.mktemp("demo") / "data"
    services, _ = open_services(resolve_paths(data))
    services.close()
    return data


@pytest.fixture(scope="module")
def server() -> Iterator[writers.ForkServer]:
    forking = writers.ForkServer(
        "offerdesk.services.setup.bootstrap", "offerdesk.domain.calls", "offerdesk.letters.render", "docxtpl"
    )
    yield forking
    forking.close()


def _database(data: Path) -> Path:
    return resolve_paths(data).database_file


@pytest.mark.parametrize(
    ("script", "query"),
    [
        (writers.CALLS, "SELECT id FROM call_logs"),
        (writers.OFFER_IMPORTS, "SELECT id FROM offers"),
    ],
    ids=["calls-log", "offers-import"],
)
def test_a_killed_writer_keeps_every_write_it_reported(
    script: str, query: str, demo_data: Path, tmp_path: Path, server: writers.ForkServer
) -> None:
    problems: list[str] = []
    reported = 0
    for trial, moment in enumerate(writers.kill_moments()):
        data = writers.copy_data(demo_data, tmp_path / f"trial-{trial}")
        pid, _ = server.start(script, str(data), str(WRITES))
        result = server.kill_after(pid, moment)
        reported += len(result.reported)
        database = _database(data)
        if (checked := writers.integrity(database)) != ["ok"]:
            problems.append(f"trial {trial}: integrity {checked}")
        present = {str(key) for key in writers.column(database, query)}
        if lost := [key for key in result.reported if key not in present]:
            problems.append(f"trial {trial}: reported but missing {lost}")
    print(f"kills: {writers.TRIALS} trials, {reported} writes reported, {len(problems)} problems")
    assert problems == [], "\n".join(problems)


def _visible_letters(folder: Path) -> list[Path]:
    return sorted(folder.glob("letter-*"))


def _is_whole_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None and "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def test_a_letter_written_just_before_a_kill_is_in_the_letter_history(
    demo_data: Path, tmp_path: Path, server: writers.ForkServer
) -> None:
    """Half the trials kill at a seeded moment, half the moment a new letter file appears in the folder."""
    problems: list[str] = []
    reported = 0
    for trial, moment in enumerate(writers.kill_moments()):
        data = writers.copy_data(demo_data, tmp_path / f"trial-{trial}")
        folder = resolve_paths(data).exports_dir  # OfferDesk's own folder, which a start tidies
        pid, _ = server.start(writers.LETTERS, str(data), str(WRITES), str(folder))
        when = (folder / f"letter-{trial // 2 % 4}.docx").exists if trial % 2 else None
        result = server.kill_after(pid, moment if when is None else 30.0, when=when)
        reported += len(result.reported)
        database = _database(data)
        if (checked := writers.integrity(database)) != ["ok"]:
            problems.append(f"trial {trial}: integrity {checked}")
        recorded = {Path(str(path)).name for path in writers.column(database, "SELECT docx_path FROM letter_exports")}
        visible = _visible_letters(folder)
        if lost := [name for name in result.reported if name not in recorded]:
            problems.append(f"trial {trial}: reported but not in the history {lost}")
        if unrecorded := [path.name for path in visible if path.name not in recorded]:
            problems.append(f"trial {trial}: letter files missing from the history {unrecorded}")
        if broken := [path.name for path in visible if not _is_whole_docx(path)]:
            problems.append(f"trial {trial}: half-written letters {broken}")
        remove_stale_partials(resolve_paths(data), now=time.time() + STALE_AFTER_SECONDS + 1)
        if left := [path.name for path in folder.iterdir() if path.name.startswith(".")]:
            problems.append(f"trial {trial}: hidden files left after the next start's tidy-up {left}")
    print(f"kills: {writers.TRIALS} trials, {reported} writes reported, {len(problems)} problems")
    assert problems == [], "\n".join(problems)
