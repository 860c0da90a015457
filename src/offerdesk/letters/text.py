"""A faithful text rendering of a filled .docx (paragraphs and tables in document order, headers and footers),
for previewing a letter where no PDF converter is installed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "table"
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()


def _blocks(container: object) -> list[Block]:
    blocks: list[Block] = []
    for item in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            style = (item.style.name if item.style is not None else "") or ""
            kind = "heading" if style.startswith(("Heading", "Title")) else "paragraph"
            blocks.append(Block(kind, item.text))
        elif isinstance(item, Table):
            rows = tuple(tuple(cell.text for cell in row.cells) for row in item.rows)
            blocks.append(Block("table", rows=rows))
    return blocks


def document_blocks(path: Path) -> list[Block]:
    document = Document(str(path))
    blocks: list[Block] = []
    for section in document.sections[:1]:
        blocks.extend(_blocks(section.header))
    blocks.extend(_blocks(document))
    for section in document.sections[:1]:
        blocks.extend(_blocks(section.footer))
    return blocks


def document_text(path: Path) -> str:
    """Plain text of the letter, tables as tab-separated rows; what tests compare."""
    lines: list[str] = []
    for block in document_blocks(path):
        if block.kind == "table":
            lines.extend("\t".join(row) for row in block.rows)
        else:
            lines.append(block.text)
    return "\n".join(lines)
