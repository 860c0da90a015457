"""Start-up: process start → main window painted, on a 100,000-candidate database, against a bare PySide6 window.

Both are started as fresh processes on the offscreen platform. `ours` is OfferDesk's first paint (the kept first
page of the list, see ui/quick_start.py) and `ready_ms` the full window's, when every panel is built and answers
input; the baseline is the bare window's paint, measured the same way. Each is the median of several runs; the
first start of the run is the one that reads the database and keeps the page, and is not counted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from figures import start_moments  # installer/figures.py: the frozen bench starts windows the same way
from sqlalchemy import insert, select

from offerdesk.domain.clock import utc_now
from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.storage.tables import Candidate, Offer, OfferComponent, OfferVersion, Role

CANDIDATES = 100_000
OFFERS = 20_000
RUNS = 7

BARE_WINDOW = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1360, 820)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is window:
            print("OfferDesk window painted", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
painter = FirstPaint()
window.installEventFilter(painter)
window.show()
app.exec()
"""


def build_database(folder: Path) -> None:
    services, _ = open_services(resolve_paths(folder), seed_demo_data=False)
    stages = ["screening", "interviewing", "final_round", "offer", "hired", "declined"]
    statuses = list(OfferStatus)
    now = utc_now()
    with services.database.transaction() as session:
        session.add_all([Role(title="Senior Backend Engineer"), Role(title="Account Executive")])
        session.flush()
        role_ids = list(session.scalars(select(Role.id)))
        session.execute(
            insert(Candidate),
            [
                {"first_name": f"First{i}", "last_name": f"Last{i % 7919:04d}{i}", "email": f"person{i}@example.com",
                 "stage": stages[i % len(stages)], "role_id": role_ids[i % 2], "location": "Berlin"}
                for i in range(CANDIDATES)
            ],
        )  # fmt: skip
        session.execute(
            insert(Offer),
            [
                {"candidate_id": 1 + i * (CANDIDATES // OFFERS), "role_id": role_ids[i % 2],
                 "offer_type": OfferType.WRITTEN, "status": statuses[i % len(statuses)], "currency": "EUR",
                 "created_at": now - timedelta(days=i % 90), "updated_at": now}
                for i in range(OFFERS)
            ],
        )  # fmt: skip
        session.execute(insert(OfferVersion), [{"offer_id": i + 1, "number": 1} for i in range(OFFERS)])
        session.execute(
            insert(OfferComponent),
            [{"version_id": i + 1, "kind": ComponentKind.BASE, "amount_minor": 9_000_000, "currency": "EUR"}
             for i in range(OFFERS)],
        )  # fmt: skip
    services.close()


def bench_startup() -> tuple[float, float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        build_database(data)
        ours = start_moments([sys.executable, "-m", "offerdesk"], data, RUNS)
        bare = [ready for _first, ready in start_moments([sys.executable, "-c", BARE_WINDOW], data, RUNS)]
    first = [moment for moment, _ready in ours]
    ready = statistics.median(moment for _first, moment in ours)
    baseline = statistics.median(bare)
    figures = {"first_min": min(first), "first_max": max(first), "ready_ms": ready, "ready_ratio": ready / baseline}
    return statistics.median(first), baseline, figures
