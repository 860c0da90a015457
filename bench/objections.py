"""Objection search as the call runner uses it: p95 time per keystroke while typing real queries.

ours: the in-memory index over the full library (shipped objections plus 200 a team added);
baseline: a LIKE query against the database per keystroke, the obvious alternative, in the same run.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import or_, select

from offerdesk.paths import resolve_paths
from offerdesk.services.callprep.objection_search import load_index
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.storage.tables import Objection

QUERIES = ["competing offer", "money", "my partner", "counter", "notice period", "relocat", "COMP_LOW", "equity",
           "think about it", "remote", "title", "growth", "benefits", "stability", "time"]  # fmt: skip


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def bench_objections() -> tuple[float, float]:
    folder = Path(tempfile.mkdtemp(prefix="offerdesk-bench-"))
    services, _ = open_services(resolve_paths(folder), seed_demo_data=False)
    with services.database.transaction() as session:
        for index in range(200):
            session.add(Objection(code=f"TEAM_{index:03d}", title=f"Team objection {index} about pay and timing",
                                  says=[f"we heard this {index} times"], keywords=["team", "custom", f"k{index}"],
                                  probe=["What matters most?"], levers=["Explain"], avoid=["Pressure"]))  # fmt: skip
    ours: list[float] = []
    baseline: list[float] = []
    for query in QUERIES:
        index = load_index(services.database)  # the runner builds it once per call; count it once per query
        for length in range(1, len(query) + 1):
            typed = query[:length]
            started = time.perf_counter()
            index.search(typed)
            ours.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            pattern = f"%{typed}%"
            with services.database.transaction() as session:
                list(session.scalars(select(Objection.code).where(or_(
                    Objection.code.ilike(pattern), Objection.title.ilike(pattern)))))  # fmt: skip
            baseline.append((time.perf_counter() - started) * 1000)
    services.close()
    return _p95(ours), _p95(baseline)
