"""Prints records as an aligned table, CSV or JSON: the three formats every list command offers.

A table is read by a person: `shown` turns a column's code into its words (“Letter sent”, not `letter_sent`).
CSV and JSON are read by programs and keep the codes.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from typing import Any, TextIO

from babel import Locale, UnknownLocaleError, default_locale

from offerdesk.domain.labels import code_label

FORMATS = ("table", "csv", "json")
Shown = Mapping[str, Callable[[Any], str]]


def words_of(kind: type[Enum]) -> Callable[[Any], str]:
    """A `shown` entry for a column holding codes of `kind`; an empty cell stays empty."""
    return lambda code: code_label(kind, str(code)) if code not in (None, "") else ""


def interface_locale() -> str:
    """The locale a table's money and dates are written in: the user's (LC_ALL, LC_MESSAGES, LANG), else en_US."""
    name = default_locale(("LC_ALL", "LC_MONETARY", "LC_MESSAGES", "LANG"))
    if not name or name in ("C", "POSIX") or name.endswith("_POSIX"):
        return "en_US"
    try:
        Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        return "en_US"
    return name


def emit(
    records: Sequence[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    out: TextIO | None = None,
    shown: Shown | None = None,
) -> None:
    stream = out or sys.stdout
    if fmt == "json":
        json.dump(list(records), stream, indent=2, ensure_ascii=False, default=str)
        stream.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    else:
        words = shown or {}
        _table([{**r, **{c: words[c](r.get(c)) for c in words if c in r}} for r in records], columns, stream)


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
