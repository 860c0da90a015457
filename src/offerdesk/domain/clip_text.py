"""Text to copy out of the app in two forms at once: HTML, which a mail program or a document pastes with its
formatting, and plain text, which a chat box or a notes field takes as words. Both say the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class ClipText:
    html: str
    plain: str

    def __bool__(self) -> bool:
        return bool(self.plain)


NOTHING = ClipText("", "")


def summary_text(
    heading: str,
    fields: Sequence[tuple[str, str]],
    columns: Sequence[str] = (),
    rows: Sequence[Sequence[str]] = (),
) -> ClipText:
    """A heading, label–value lines and a table, as they are shown (each value already in the screen's notation).

    The plain form puts a label and its value on one line and a table row's cells between tabs, so it pastes into a
    spreadsheet as columns too.
    """
    html = [f"<h3>{escape(heading)}</h3>"] if heading else []
    plain = [heading, ""] if heading else []
    if fields:
        cells = "".join(
            f"<tr><th align='left'>{escape(name)}</th><td>{escape(value)}</td></tr>" for name, value in fields
        )
        html.append(f"<table>{cells}</table>")
        plain.extend(f"{name}: {value}" for name, value in fields)
    if rows:
        head = "".join(f"<th align='left'>{escape(name)}</th>" for name in columns)
        body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
        html.append(f"<table border='1' cellpadding='3'><tr>{head}</tr>{body}</table>")
        plain.append("")
        if columns:
            plain.append("\t".join(columns))
        plain.extend("\t".join(row).rstrip("\t") for row in rows)
    return ClipText("".join(html), "\n".join(plain).strip())
