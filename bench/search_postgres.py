"""`search` on a team's PostgreSQL server: the same 100,000 candidates, copied there with `offerdesk db copy`, the
same keystrokes to the same list model, against a plain hand-written ILIKE query for the same text on the same
server (as `search` measures against the raw FTS5 query on SQLite). Left out where PostgreSQL is not installed.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import psycopg

from offerdesk.domain.candidate_record import fold
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.services.setup.db_copy import DatabaseCopy
from postgres_server import create_database, private_server
from search import build_candidates, keystrokes, p95, prefixes


def _raw_query(connection: psycopg.Connection[tuple[int]], text: str) -> list[int]:
    """What a hand-written search would run: every folded term matched with ILIKE (pg_trgm's index serves it)."""
    terms = fold(text).split()
    if not terms:
        return []
    where = " AND ".join("search_text ILIKE %s" for _term in terms)
    patterns = [f"%{term}%" for term in terms]
    rows = connection.execute(f"SELECT id FROM candidates WHERE {where} ORDER BY id", patterns).fetchall()
    return [row[0] for row in rows]


def bench_search_postgres() -> tuple[float, float, dict[str, float]] | None:
    """None when no PostgreSQL server can be started here; `copy_s` is how long `db copy` took to fill it."""
    result = measure()
    if result is None:
        return None
    return result["ours"], result["baseline"], {"copy_s": result["copy_s"]}


def measure() -> dict[str, float] | None:
    with private_server() as base:
        if base is None:
            return None
        with tempfile.TemporaryDirectory() as folder:
            source = build_candidates(Path(folder) / "data")
            url = create_database(base, "bench_search")
            started = time.perf_counter()
            copier = DatabaseCopy(str(source), url, Path(folder) / "backups")
            try:
                copier.run()
            finally:
                copier.close()
            copy_s = time.perf_counter() - started
            services, _ = open_services(resolve_paths(Path(folder) / "server"), url)
            ours = keystrokes(services)
            services.close()
            baseline = []
            with psycopg.connect(url) as connection:
                for text in prefixes() * 2:
                    started = time.perf_counter()
                    _raw_query(connection, text)
                    baseline.append((time.perf_counter() - started) * 1000)
    return {"ours": p95(ours), "baseline": p95(baseline), "copy_s": copy_s}
