"""Responsiveness: how late the window answers while a recruiter works, at 100,000 candidates and 20,000 offers.

A fresh process (responsiveness_window.py) opens the real window and does, as a user does, a search burst, ten
candidate switches, opening the offer editor, an autosave in it, a letter export, a PDF, a bulk export of 200
letters, the dashboard and back to the panels, an import of 1,000 rows and a backup, with a lag probe
(ui/lag_probe.py) firing every 5 ms.
Each action prints `responsiveness.ACTION ours=<worst delay ms> baseline=<worst delay idle> ratio=… p99=…
took_ms=…`: the baseline is the same probe over a second of the same window doing nothing. Goal: no delay over
50 ms. The last line is the resident memory after all of it (goal ≤ 250 MB).
"""

from __future__ import annotations

import compileall
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from sqlalchemy import update

import offerdesk
from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType, PayUnit
from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.storage.tables import Candidate, Offer, OfferComponent, OfferVersion, Role
from startup import build_database

LETTERS = 200
IMPORT_ROWS = 1_000
WINDOW = Path(__file__).with_name("responsiveness_window.py")


def _letter_ready_offers(data: Path) -> None:
    """200 Approved offers a letter can be written from (the bulk export's default status); the 20,000 others are
    moved out of Approved, so the export writes exactly these."""
    services, _ = open_services(resolve_paths(data), seed_demo_data=False)
    for key, value in {"company.name": "Brightpath GmbH", "company.address": "Torstraße 140, 10119 Berlin",
                       "signatory.name": "Dana Whitfield", "signatory.title": "VP People",
                       "recruiter.email": "sam@example.com"}.items():  # fmt: skip
        services.settings.set(key, value)
    with services.database.transaction() as session:
        session.execute(update(Offer).where(Offer.status == OfferStatus.APPROVED).values(status=OfferStatus.SIGNED))
        role = Role(title="Staff Engineer", department="Platform", hiring_manager="Miriam Okafor")
        for number in range(1, LETTERS + 1):
            base = OfferComponent(position=0, kind=ComponentKind.BASE, label="Base salary",
                                  amount_minor=9_000_000 + number * 100, currency="EUR", unit=PayUnit.YEAR)  # fmt: skip
            version = OfferVersion(number=1, title="Staff Engineer", start_date=date(2027, 2, 1), location="Berlin",
                                   components=[base])  # fmt: skip
            candidate = Candidate(first_name="Bench", last_name=f"Offer {number}", email=f"bench{number}@example.com",
                                  role=role)  # fmt: skip
            session.add(Offer(candidate=candidate, role=role, offer_type=OfferType.WRITTEN, status=OfferStatus.APPROVED,
                              locale="en_US", currency="EUR", recruiter="Sam Rivera", expires_on=date(2027, 1, 15),
                              versions=[version]))  # fmt: skip
    services.close()


def _import_file(path: Path) -> None:
    rows = ["First name,Last name,Email,Location"]
    rows += [f"Import{i},Person{i},import{i}@example.org,Hamburg" for i in range(IMPORT_ROWS)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def build(folder: Path) -> tuple[Path, Path]:
    """The database and the files the window works with (also for a profiling run by hand)."""
    data, work = folder / "data", folder / "work"
    work.mkdir(parents=True)
    build_database(data)
    _letter_ready_offers(data)
    _import_file(work / "import.csv")
    return data, work


def compile_package() -> None:
    """Bytecode for OfferDesk's own modules, as an installed app has it (the installer and a wheel install ship it;
    an editable install run with PYTHONDONTWRITEBYTECODE would compile each module the window loads late, such as
    the import wizard, while it is being measured)."""
    compileall.compile_dir(Path(offerdesk.__file__).parent, quiet=1)


def bench_responsiveness() -> list[tuple[str, tuple[float, float, dict[str, float]]]]:
    compile_package()
    with tempfile.TemporaryDirectory() as folder:
        data, work = build(Path(folder))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        run = subprocess.run([sys.executable, str(WINDOW), str(data), str(work)], env=env, capture_output=True,
                             text=True, timeout=1800, check=False)  # fmt: skip
        if run.returncode != 0:
            raise RuntimeError(f"the responsiveness window failed: {run.stderr.strip()[-2000:]}")
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    idle = next(line["max"] for line in lines if line["action"] == "idle")
    results: list[tuple[str, tuple[float, float, dict[str, float]]]] = []
    for line in lines:
        if line["action"] == "rss":
            results.append(("responsiveness.rss_mb", (line["mb"], 0.0, {"peak_mb": line["peak_mb"]})))
        elif line["action"] != "idle":
            figures = {"p99": line["p99"], "took_ms": line["ms"]}
            results.append((f"responsiveness.{line['action']}", (line["max"], idle, figures)))
    return results
