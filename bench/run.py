"""Run OfferDesk's benchmarks: `python bench/run.py [NAME ...]`.

Each prints one line, `NAME ours=<ms> baseline=<ms> ratio=<ours/baseline> [FIGURE=value ...]`, the baseline
measured in the same run on the same machine, so the ratio is what to compare across machines.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "installer"))  # figures.py: how a window start is timed

from adoption import bench_adoption
from frozen import bench_frozen
from importing import bench_import
from letters import bench_batch, bench_letter, bench_letter_prepared
from memory import bench_startup_rss
from objections import bench_objections
from pdf import bench_pdf
from responsiveness import bench_responsiveness
from search import bench_search, bench_search_complete
from search_postgres import bench_search_postgres
from startup import bench_startup
from stats import bench_coach, bench_stats

# A benchmark returns (ours, baseline) in ms, optionally with named figures printed after the ratio, or a list of
# (line name, that) for one line per part. None: it cannot run on this machine (e.g. PostgreSQL is not installed)
# and says so instead.
Figures = tuple[float, float] | tuple[float, float, dict[str, float]]
Result = Figures | list[tuple[str, Figures]] | None
BENCHMARKS: dict[str, Callable[[], Result]] = {
    "startup": bench_startup,
    "letter": bench_letter,
    "letter_prepared": bench_letter_prepared,
    "batch": bench_batch,
    "pdf": bench_pdf,
    "objections": bench_objections,
    "adoption": bench_adoption,
    "stats": bench_stats,
    "coach": bench_coach,
    "import": bench_import,
    "search": bench_search,
    "search_complete": bench_search_complete,
    "search_postgres": bench_search_postgres,
    "startup_rss": bench_startup_rss,
    "frozen": bench_frozen,
    "responsiveness": bench_responsiveness,
}


COMPANIONS = {"search": ["search_postgres"]}  # figures measured whenever their companion is


def _with_companions(names: list[str]) -> list[str]:
    chosen: list[str] = []
    for name in names:
        for each in (name, *COMPANIONS.get(name, [])):
            if each not in chosen:
                chosen.append(each)
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"any of: {', '.join(BENCHMARKS)} (default: all)")
    args = parser.parse_args()
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        print(f"run.py: unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}.", file=sys.stderr)
        return 2
    for name in _with_companions(args.names or list(BENCHMARKS)):
        result = BENCHMARKS[name]()
        if result is None:
            print(f"{name} skipped: it needs PostgreSQL, which is not installed here", file=sys.stderr, flush=True)
            continue
        for line_name, figures in result if isinstance(result, list) else [(name, result)]:
            _print(line_name, figures)
    return 0


def _print(name: str, result: Figures) -> None:
    ours, baseline = result[0], result[1]
    extra = "".join(f" {key}={value:.3f}" for key, value in (result[2] if len(result) > 2 else {}).items())
    ratio = f"{ours / baseline:.2f}" if baseline else "n/a"
    print(f"{name} ours={ours:.1f} baseline={baseline:.1f} ratio={ratio}{extra}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
