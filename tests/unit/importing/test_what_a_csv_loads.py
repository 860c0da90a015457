"""Opening the import and reading a UTF-8 CSV load neither the Excel readers nor the encoding detector: together
they take a quarter of a second to load, on the GUI thread when the import wizard opens."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("openpyxl", "xlrd", "charset_normalizer")


def test_the_wizard_and_a_utf8_csv_load_no_excel_reader_or_encoding_detector(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("Name,Email\nLena Vogt,lena.vogt@example.de\n", encoding="utf-8")
    program = (
        "import sys\n"
        "import offerdesk.ui.dialogs.import_wizard\n"
        "from offerdesk.importing.reader import read_table\n"
        f"assert len(read_table(__import__('pathlib').Path({str(source)!r})).rows) == 1\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_a_workbook_and_a_legacy_code_page_are_still_read(tmp_path: Path) -> None:
    """The readers load when they are needed: an .xlsx and a cp1252 CSV read as before."""
    import openpyxl  # type: ignore[import-untyped]

    from offerdesk.importing.reader import read_table

    book = openpyxl.Workbook()
    book.active.append(["Name", "Email"])
    book.active.append(["Lena Vogt", "lena.vogt@example.de"])
    workbook = tmp_path / "people.xlsx"
    book.save(workbook)
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("Name,Ort\nJürgen Müller,Köln\n".encode("cp1252"))
    assert read_table(workbook).rows[0].values[:2] == ("Lena Vogt", "lena.vogt@example.de")
    assert read_table(legacy).rows[0].values == ("Jürgen Müller", "Köln")
