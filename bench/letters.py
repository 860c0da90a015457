"""Letter benchmarks on the bundled written-offer template, filled with a demo offer's real values.

letter: one letter from scratch (read the template, render, save) against plain docxtpl doing the same.
letter_prepared: the template prepared once, then one letter rendered and saved, against the same docxtpl run.
batch: 1,000 letters on 2 letter processes against the same 1,000 in a single process, the template prepared
inside the timing in both. `ours` is what a recruiter pays: the processes were started when the bulk export opened
(not counted: they start while the offers and folder are chosen, off the GUI thread) and each prepares the template
during the batch. speedup is single / ours. cold_ms is a first batch whose processes start inside the timing (Export
clicked before they were up), cold_speedup single / that. A later batch of the same session, the template already
prepared in each process, pays a little less than `ours`. Each figure is the median of 3 runs taken in turn, each
in a fresh process.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from offerdesk.letters.render import PreparedTemplate
from offerdesk.paths import resolve_paths
from offerdesk.resources import templates_dir
from offerdesk.services.setup.bootstrap import open_services

ROUNDS = 40
BATCH = 1_000
BATCH_ROUNDS = 3


def demo_values(folder: Path) -> dict[str, Any]:
    services, _ = open_services(resolve_paths(folder))
    offer_id = services.offers.list()[0].id
    values = services.letters.values(offer_id)
    services.close()
    return values


def _median_ms(action: Callable[[int], object], rounds: int = ROUNDS) -> float:
    times = []
    for index in range(rounds):
        started = time.perf_counter()
        action(index)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _docxtpl(template: Path, values: dict[str, Any], target: Path) -> None:
    document = DocxTemplate(template)
    document.render(values, autoescape=True)
    document.save(target)


def _setup() -> tuple[Path, dict[str, Any], Path]:
    folder = Path(tempfile.mkdtemp(prefix="offerdesk-bench-"))
    return templates_dir() / "written-offer.docx", demo_values(folder / "data"), folder


def bench_letter() -> tuple[float, float]:
    template, values, folder = _setup()
    ours = _median_ms(lambda i: PreparedTemplate(template).render_to(values, folder / f"ours-{i}.docx"))
    baseline = _median_ms(lambda i: _docxtpl(template, values, folder / f"docxtpl-{i}.docx"))
    return ours, baseline


def bench_letter_prepared() -> tuple[float, float]:
    template, values, folder = _setup()
    prepared = PreparedTemplate(template)
    ours = _median_ms(lambda i: prepared.render_to(values, folder / f"ours-{i}.docx"))
    baseline = _median_ms(lambda i: _docxtpl(template, values, folder / f"docxtpl-{i}.docx"))
    return ours, baseline


def bench_batch() -> tuple[float, float, dict[str, float]]:
    template, values, folder = _setup()
    values_file = folder / "values.json"
    values_file.write_text(json.dumps(values), encoding="utf-8")
    driver = Path(__file__).with_name("batch_driver.py")

    def run(workers: int, mode: str = "warm") -> float:
        out = Path(tempfile.mkdtemp(prefix=f"workers-{workers}-{mode}-", dir=folder))  # new letters, none replaced
        result = subprocess.run(
            [sys.executable, str(driver), str(template), str(values_file), str(out), str(BATCH), str(workers), mode],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        return float(result.stdout.strip())

    runs: dict[str, list[float]] = {"single": [], "warm": [], "cold": []}
    for _ in range(BATCH_ROUNDS):  # taken in turn, so a busy moment of the machine falls on one run of each
        runs["single"].append(run(1))
        runs["warm"].append(run(2))
        runs["cold"].append(run(2, "cold"))
    single, warm, cold = (statistics.median(runs[key]) for key in ("single", "warm", "cold"))
    return warm, single, {"speedup": single / warm, "cold_ms": cold, "cold_speedup": single / cold}
