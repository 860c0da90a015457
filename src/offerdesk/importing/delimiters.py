"""Which character separates the columns of a text export.

csv.Sniffer guesses from character frequencies and is easily fooled by commas inside quoted values. Here each
candidate splits the first records with the real CSV parser, and the one that gives the most consistent column
count above one wins. A tie goes to the delimiter that sits next to quotes (a quoted value is quoted because it
holds the real delimiter, and starts and ends beside one), then to the wider split, then to the comma.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

CANDIDATES = (",", ";", "\t", "|")  # in order of preference on a tie
SAMPLE_RECORDS = 50
_SAMPLE_CHARS = 65_536


def detect_delimiter(text: str) -> str | None:
    """The delimiter of `text`, or None for a file whose every record is a single column."""
    sample, complete = _sample(text)
    best: tuple[float, bool, int, int] | None = None
    chosen: str | None = None
    for preference, delimiter in enumerate(CANDIDATES):
        widths = _widths(sample, delimiter, complete)
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        beside_quotes = f'{delimiter}"' in sample or f'"{delimiter}' in sample
        score = (round(count / len(widths), 2), beside_quotes, width, -preference)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _sample(text: str) -> tuple[str, bool]:
    """The start of `text` cut after a line break, and whether that is the whole text."""
    if len(text) <= _SAMPLE_CHARS:
        return text, True
    cut = text.rfind("\n", 0, _SAMPLE_CHARS)
    return (text[: cut + 1], False) if cut > 0 else (text[:_SAMPLE_CHARS], False)


def _widths(sample: str, delimiter: str, complete: bool) -> list[int]:
    """Cell counts of the first non-blank records, as the parser splits them with `delimiter`."""
    widths: list[int] = []
    try:
        for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if any(cell.strip() for cell in record):
                widths.append(len(record))
                if len(widths) > SAMPLE_RECORDS:
                    break
    except csv.Error:
        pass  # a cell over the parser's size limit: judge on what was read before it
    if not complete and len(widths) > 1 and len(widths) <= SAMPLE_RECORDS:
        widths.pop()  # the last record of a cut sample may be cut too
    return widths[:SAMPLE_RECORDS]
