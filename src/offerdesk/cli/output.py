"""Prints records as an aligned table, CSV or JSON: the three formats every list command offers."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

FORMATS = ("table", "csv", "json")


def emit(records: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    if fmt == "json":
        json.dump(list(records), stream, indent=2, ensure_ascii=False, default=str)
        stream.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    else:
        _table(records, columns, stream)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _table(records: Sequence[dict[str, Any]], columns: Sequence[str], stream: TextIO) -> None:
    headers = [column.replace("_", " ").capitalize() for column in columns]
    rows = [[_cell(record.get(column)) for column in columns] for record in records]
    widths = [max([len(header)] + [len(row[i]) for row in rows]) for i, header in enumerate(headers)]
    stream.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    for row in rows:
        stream.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    if not rows:
        stream.write("(none)\n")
