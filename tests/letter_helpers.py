"""Small .docx templates built in tests, and a reader for what a filled letter says."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from offerdesk.letters.text import document_text


def make_template(path: Path, *paragraphs: str, table_loop: bool = False) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_loop:
        table = document.add_table(rows=4, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Component", "Amount"
        table.cell(1, 0).text = "{%tr for item in offer.components %}"
        table.cell(2, 0).text, table.cell(2, 1).text = "{{ item.label }}", "{{ item.amount }}"
        table.cell(3, 0).text = "{%tr endfor %}"
    document.save(str(path))
    return path


def letter_text(path: Path) -> str:
    return document_text(path)


def sample_values(name: str = "Aisha Rahman") -> dict[str, object]:
    return {
        "candidate": {"full_name": name, "first_name": name.split(" ")[0]},
        "company": {"name": "Brightpath Software"},
        "offer": {
            "base": "€90,000.00",
            "start_date": "1 February 2027",
            "components": [{"label": "Base salary", "amount": "€90,000.00"}, {"label": "Bonus", "amount": "10%"}],
        },
    }
