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

from adoption import bench_adoption
from importing import bench_import
from letters import bench_batch, bench_letter, bench_letter_prepared
from memory import bench_startup_rss
from objections import bench_objections
from pdf import bench_pdf
from search import bench_search, bench_search_complete
from startup import bench_startup
from stats import bench_coach, bench_stats

# A benchmark returns (ours, baseline) in ms, optionally with named figures printed after the ratio.
Result = tuple[float, float] | tuple[float, float, dict[str, float]]
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
    "startup_rss": bench_startup_rss,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"any of: {', '.join(BENCHMARKS)} (default: all)")
    args = parser.parse_args()
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        print(f"run.py: unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}.", file=sys.stderr)
        return 2
    for name in args.names or list(BENCHMARKS):
        result = BENCHMARKS[name]()
        ours, baseline = result[0], result[1]
        extra = "".join(f" {key}={value:.3f}" for key, value in (result[2] if len(result) > 2 else {}).items())
        print(f"{name} ours={ours:.1f} baseline={baseline:.1f} ratio={ours / baseline:.2f}{extra}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
