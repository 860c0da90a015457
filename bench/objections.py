"""Objection search as the call runner uses it: p95 time per keystroke while the candidate's words are typed.

Every utterance of the development set (tests/unit/services/callprep/objection_utterances.py) is typed character by
character against the full library (shipped objections plus 200 a team added); each prefix is one search.
ours: the ranked in-memory index; baseline: the previous all-words-must-match search (a small copy below), same loop,
same run. The line also carries how often the right handler comes first (top1) and in the first three (top3).
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.unit.services.callprep.objection_utterances import UTTERANCES

from offerdesk.paths import resolve_paths
from offerdesk.services.callprep.objection_search import ObjectionIndex, load_index
from offerdesk.services.setup.bootstrap import open_services
from offerdesk.storage.tables import Objection

_WORD = re.compile(r"[a-z0-9]+")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


class AllWordsSearch:
    """The previous search: every query word must start a word of the item, weighted by the field it is in."""

    def __init__(self, items: list[dict[str, object]]) -> None:
        self.entries = []
        for item in items:
            fields = {"code": str(item["code"]).replace("_", " "), "title": str(item["title"]),
                      "keywords": " ".join(map(str, item["keywords"] or [])),  # type: ignore[call-overload]
                      "says": " ".join(map(str, item["says"] or []))}  # type: ignore[call-overload]  # fmt: skip
            weights = (("code", 8.0), ("title", 4.0), ("keywords", 3.0), ("says", 2.0))
            weighted = [(weight, frozenset(_WORD.findall(_fold(fields[name])))) for name, weight in weights]
            self.entries.append((str(item["code"]), weighted))

    def search(self, query: str) -> list[str]:
        words = _WORD.findall(_fold(query))
        hits = []
        for code, fields in self.entries:
            score = 0.0
            for word in words:
                best = max((weight * (1.5 if word in vocabulary else 1.0) for weight, vocabulary in fields
                            if any(candidate.startswith(word) for candidate in vocabulary)), default=0.0)  # fmt: skip
                if best == 0.0:
                    break
                score += best
            else:
                hits.append((-score, code))
        return [code for _score, code in sorted(hits)]


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def _library(folder: Path) -> tuple[ObjectionIndex, list[dict[str, object]]]:
    services, _ = open_services(resolve_paths(folder), seed_demo_data=False)
    with services.database.transaction() as session:
        for index in range(200):
            session.add(Objection(code=f"TEAM_{index:03d}", title=f"Team objection {index} about pay and timing",
                                  says=[f"we heard this {index} times"], keywords=["team", "custom", f"k{index}"],
                                  probe=["What matters most?"], levers=["Explain"], avoid=["Pressure"]))  # fmt: skip
    index = load_index(services.database)
    with services.database.transaction() as session:
        items: list[dict[str, object]] = [
            {"code": row.code, "title": row.title, "keywords": row.keywords, "says": row.says}
            for row in session.query(Objection).filter(~Objection.archived)
        ]
    services.close()
    return index, items


def bench_objections() -> tuple[float, float, dict[str, float]]:
    index, items = _library(Path(tempfile.mkdtemp(prefix="offerdesk-bench-")))
    baseline_search = AllWordsSearch(items)
    ours: list[float] = []
    baseline: list[float] = []
    for text, _code in UTTERANCES:
        for length in range(1, len(text) + 1):
            typed = text[:length]
            started = time.perf_counter()
            index.search(typed)
            ours.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            baseline_search.search(typed)
            baseline.append((time.perf_counter() - started) * 1000)
    top1 = sum(index.search(text, limit=1)[0].code == code for text, code in UTTERANCES if index.search(text, 1))
    top3 = sum(code in [hit.code for hit in index.search(text, limit=3)] for text, code in UTTERANCES)
    old_top1 = sum(baseline_search.search(text)[:1] == [code] for text, code in UTTERANCES)
    count = len(UTTERANCES)
    return _p95(ours), _p95(baseline), {"top1": top1 / count, "top3": top3 / count, "baseline_top1": old_top1 / count}
