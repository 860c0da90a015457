"""Small letters of a recruiter's own, built in tests: a Word mail merge, a [bracket] letter, a docxtpl letter."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import parse_xml

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _complex_field(name: str) -> list[str]:
    """A MERGEFIELD as Word writes it: begin, instruction, separate, the shown «Name», end, each in its own run."""
    return [
        f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {W}><w:instrText xml:space="preserve"> MERGEFIELD {name} \\* MERGEFORMAT </w:instrText></w:r>',
        f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {W}><w:rPr><w:b/></w:rPr><w:t>«{name}»</w:t></w:r>",
        f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>',
    ]


def _simple_field(name: str) -> str:
    return f'<w:fldSimple {W} w:instr=" MERGEFIELD {name} "><w:r><w:t>«{name}»</w:t></w:r></w:fldSimple>'


def make_mergefield_letter(path: Path) -> Path:
    """Dear «FirstName» «LastName», … «JobTitle» … «StartDate» … «Company» (complex fields and a simple one)."""
    document = Document()
    lines = [
        ["Dear ", ("complex", "FirstName"), " ", ("complex", "LastName"), ","],
        ["We are pleased to offer you the position of ", ("simple", "JobTitle"), "."],
        ["You start on ", ("complex", "StartDate"), " with ", ("complex", "Company"), "."],
        ["Kind regards, ", ("complex", "FirstName")],
    ]
    for line in lines:
        paragraph = document.add_paragraph()
        for piece in line:
            if isinstance(piece, str):
                paragraph.add_run(piece)
            elif piece[0] == "complex":
                for run in _complex_field(piece[1]):
                    paragraph._p.append(parse_xml(run))
            else:
                paragraph._p.append(parse_xml(_simple_field(piece[1])))
    document.save(str(path))
    return path


def make_bracket_letter(path: Path) -> Path:
    document = Document()
    for text in (
        "Dear [Candidate Name],",
        "We offer you the role of [Job Title], starting on [Start Date].",
        "Your reference: [Reference]. [Notes]",
        "Yours, [Candidate Name]",
    ):
        document.add_paragraph(text)
    document.save(str(path))
    return path


def make_own_names_letter(path: Path) -> Path:
    """A docxtpl letter that uses its own names instead of OfferDesk's fields."""
    document = Document()
    for text in ("Dear {{ name }},", "We offer you the position of {{ job_title }}.", "Welcome aboard."):
        document.add_paragraph(text)
    document.save(str(path))
    return path


def make_plain_letter(path: Path) -> Path:
    document = Document()
    document.add_paragraph("Dear Name, we offer you the job. Salary: Salary.")
    document.save(str(path))
    return path


def make_words_letter(path: Path) -> Path:
    """A letter whose placeholders are plain bold words and XX blanks, as many real offer letters are written."""
    document = Document()
    document.add_paragraph().add_run("Date").bold = True
    document.add_paragraph().add_run("Employee Name").bold = True
    greeting = document.add_paragraph("Dear ")
    greeting.add_run("Name").bold = True
    greeting.add_run(":")
    document.add_paragraph("We offer you the role of Job Title for a period of XX months.")
    document.add_paragraph("Your starting hourly wage will be US $XX.XX/hour.")
    document.add_paragraph("Signed: ____________")
    document.save(str(path))
    return path
