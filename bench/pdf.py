"""PDF conversion: 20 one-page letters in one LibreOffice call (ours) against one soffice call per letter (naive).

Both figures are milliseconds per document, measured in the same run with a warm LibreOffice profile and a warm
file cache, so the only difference is how many times LibreOffice starts. Needs LibreOffice (`soffice`) installed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from docx import Document

from offerdesk.letters.pdf import LibreOfficeConverter, find_converter

LETTERS = 20
RUNS = 3

PARAGRAPHS = [
    "We are delighted to offer you the position of Senior Backend Engineer at Example GmbH, reporting to the "
    "Head of Platform, starting on 1 March.",
    "Your annual base salary will be € 78.500,00, paid in twelve monthly instalments, with a target bonus of 10 % "
    "subject to company & individual performance.",
    "You will receive 30 days of paid holiday per year, a learning budget of € 1.500,00 and the usual benefits "
    "described in the enclosed handbook.",
    "This offer is valid for ten working days. Please sign and return a copy of this letter to confirm that you "
    "accept it; we look forward to working with you.",
]


def build_letters(folder: Path, count: int = LETTERS) -> list[Path]:
    """One-page offer letters made with python-docx, each with its own name and figures."""
    letters = []
    for number in range(count):
        document = Document()
        document.add_heading("Offer of employment", level=1)
        document.add_paragraph(f"Dear Candidate {number:02d} Zoë Müller,")
        for paragraph in PARAGRAPHS:
            document.add_paragraph(paragraph)
        table = document.add_table(rows=3, cols=2)
        for row, (label, value) in enumerate(
            [("Base salary", "€ 78.500,00"), ("Bonus target", "10 %"), ("Start date", "1 March")]
        ):
            table.cell(row, 0).text = label
            table.cell(row, 1).text = value
        document.add_paragraph("Kind regards,\nThe Hiring Team")
        path = folder / f"offer-{number:02d}.docx"
        document.save(str(path))
        letters.append(path)
    return letters


def _naive_ms_per_document(soffice: Path, letters: list[Path], scratch: Path) -> float:
    """What a first attempt does: `soffice --headless --convert-to pdf` once per letter (own warm profile)."""
    profile, home = scratch / "profile", scratch / "home"
    home.mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache")}
    out_dir = scratch / "out"

    def one(letter: Path) -> None:
        subprocess.run(
            [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out_dir), str(letter)],
            stdin=subprocess.DEVNULL, capture_output=True, env=env, check=True, timeout=120,
        )  # fmt: skip

    one(letters[0])  # create the profile outside the timing, as ours gets a warm one too
    started = time.perf_counter()
    for letter in letters:
        one(letter)
    elapsed = time.perf_counter() - started
    missing = [letter.name for letter in letters if not (out_dir / f"{letter.stem}.pdf").is_file()]
    if missing:
        raise RuntimeError(f"the naive baseline made no PDF for {', '.join(missing)}")
    return elapsed * 1000 / len(letters)


def bench_pdf() -> tuple[float, float]:
    converter = find_converter()
    if not isinstance(converter, LibreOfficeConverter):
        raise RuntimeError("the PDF benchmark needs LibreOffice: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        sources = root / "letters"
        sources.mkdir()
        letters = build_letters(sources)
        converter.convert(letters[:1], root / "warm-up")  # the private profile is made once per process
        ours = []
        for run in range(RUNS):
            started = time.perf_counter()
            made = converter.convert(letters, root / f"ours-{run}")
            ours.append((time.perf_counter() - started) * 1000 / len(letters))
            assert len(made) == len(letters)
        baseline = _naive_ms_per_document(converter.soffice, letters, root / "naive")
    return statistics.median(ours), baseline


if __name__ == "__main__":
    ours_ms, baseline_ms = bench_pdf()
    print(f"pdf ours={ours_ms:.1f} baseline={baseline_ms:.1f} ratio={ours_ms / baseline_ms:.2f}")
