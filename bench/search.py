"""Search as you type over 100,000 candidates: a keystroke to the list model updated (ids fetched on a worker,
applied, first row painted), p95 over every keystroke of typed queries, against the raw FTS5 query for the same
text in the same run. `search` stops the clock when the rows on screen are the search's (the first page of a broad
search comes before the rest); `search_complete` when the whole answer, count included, is in the model.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from messy_csv import CITIES, FIRST, LAST
from offerdesk.domain.candidate_record import fold, search_text
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage.tables import Candidate

CANDIDATES = 100_000
TYPED = ["ramírez", "müller", "山田", "berlin", "person4711", "java remote"]


def build_candidates(folder: Path) -> Path:
    services, _ = open_services(resolve_paths(folder), seed_demo_data=False)
    rows = []
    for i in range(CANDIDATES):
        first, last, city = FIRST[i % len(FIRST)], f"{LAST[i % len(LAST)]}", CITIES[i % len(CITIES)]
        email, tags = f"person{i}@example.com", ("java", "remote") if i % 5 == 0 else ("sales",)
        rows.append(
            {
                "first_name": first,
                "last_name": last,
                "email": email,
                "location": city,
                "stage": "screening",
                "tags": "\n".join(tags),
                "search_text": search_text(first, last, [email], city, tags, ""),
            }
        )
    with services.database.transaction() as session:
        session.execute(insert(Candidate), rows)
    path = services.paths.database_file
    services.close()
    return path


def prefixes(shortest: int = 1) -> list[str]:
    return [query[:end] for query in TYPED for end in range(shortest, len(query) + 1)]


def _raw_query(connection: sqlite3.Connection, text: str) -> list[int]:
    """What a hand-written FTS5 search would run: each folded term matched, LIKE for terms under three characters."""
    sets = []
    for term in fold(text).split():
        if len(term) >= 3:
            sql, value = "SELECT rowid FROM candidates_fts WHERE candidates_fts MATCH ?", '"' + term + '"'
        else:
            sql, value = "SELECT id FROM candidates WHERE search_text LIKE ?", f"%{term}%"
        sets.append({row[0] for row in connection.execute(sql, (value,))})
    return sorted(set.intersection(*sets)) if sets else []


def bench_search() -> tuple[float, float]:
    """Every keystroke, the first and second letters included (they match most of the list)."""
    return _bench(1, complete=False)


def bench_search_complete() -> tuple[float, float]:
    """Every keystroke, until the complete answer (every row and the count) is in the model."""
    return _bench(1, complete=True)


def _bench(shortest: int, complete: bool) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        database_file = build_candidates(Path(folder) / "data")
        services, _ = open_services(resolve_paths(Path(folder) / "data"))
        ours = keystrokes(services, shortest, complete)
        connection = sqlite3.connect(database_file)
        baseline = []
        for text in prefixes(shortest) * 2:
            started = time.perf_counter()
            _raw_query(connection, text)
            baseline.append((time.perf_counter() - started) * 1000)
        connection.close()
        services.close()
    return p95(ours), p95(baseline)


def keystrokes(services: Services, shortest: int = 1, complete: bool = False) -> list[float]:
    """ms from each keystroke (every prefix of the typed queries, twice) to the list model showing its rows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from offerdesk.ui import workers
    from offerdesk.ui.models.candidate_table import CandidateTableModel

    app = QApplication.instance() or QApplication([])
    model = CandidateTableModel(services.candidates)
    settle = QEventLoop()
    QTimer.singleShot(2000, settle.quit)  # the window is up a moment before anyone types: the list warms up
    settle.exec()
    model.settle()
    ours = []
    for text in prefixes(shortest) * 2:
        loop = QEventLoop()
        model.loaded.connect(loop.quit)
        if not complete:
            model.firstRows.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        started = time.perf_counter()
        model.set_query(text)
        loop.exec()
        model.data(model.index(0, 0))  # the first visible row painted
        ours.append((time.perf_counter() - started) * 1000)
        model.loaded.disconnect(loop.quit)
        if not complete:
            model.firstRows.disconnect(loop.quit)
        model.set_query("")
        model.settle()
    workers.wait_for_all()  # a warm-up still reading the list would outlive the services (and the interpreter)
    del model, app
    return ours


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]
