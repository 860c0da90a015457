"""Adopting a recruiter's own mail-merge letter: reading its placeholders, suggesting a field for each and writing
the prepared copy, against docxtpl listing the same file's variables (its own nearest operation).

The letter is a two-page merge built here: 60 paragraphs of prose holding 120 merge fields (complex and simple)
over 12 names, in English and German, as real mail merges mix them.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docx import Document
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from tests.adopt_helpers import _complex_field, _simple_field

from offerdesk.paths import resolve_paths
from offerdesk.services.setup.bootstrap import open_services

NAMES = ("FirstName", "LastName", "JobTitle", "StartDate", "Salary", "Company", "Manager", "Vorname", "Nachname",
         "Eintrittsdatum", "Gehalt", "Standort")  # fmt: skip
ROUNDS = 15


def _letter(path: Path) -> Path:
    document = Document()
    for number in range(60):
        paragraph = document.add_paragraph()
        for turn in range(2):
            name = NAMES[(number * 2 + turn) % len(NAMES)]
            paragraph.add_run(f"Paragraph {number}: the terms we discussed, and what follows from them, are ")
            if turn:
                paragraph._p.append(parse_xml(_simple_field(name)))
            else:
                for run in _complex_field(name):
                    paragraph._p.append(parse_xml(run))
        paragraph.add_run(".")
    document.save(str(path))
    return path


def _p50(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


def bench_adoption() -> tuple[float, float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        source = _letter(Path(folder) / "merge letter.docx")
        services, _ = open_services(resolve_paths(Path(folder) / "data"), seed_demo_data=False)
        adoption = services.template_adoption
        ours, baseline = [], []
        draft = adoption.inspect(source)
        for _ in range(ROUNDS):
            started = time.perf_counter()
            draft = adoption.inspect(source)
            adoption.prepared_copy(draft, {p.id: draft.choices[p.id] for p in draft.placeholders})
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            DocxTemplate(str(source)).get_undeclared_template_variables()
            baseline.append(time.perf_counter() - started)
        services.close()
    return _p50(ours), _p50(baseline), {"placeholders": float(len(draft.placeholders))}
