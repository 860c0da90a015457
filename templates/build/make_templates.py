"""Build the bundled offer-letter templates (templates/*.docx) and the recruiters' guide (docs/templates.md).

Run from the repository root:  .venv/bin/python templates/build/make_templates.py

Every name a letter template uses comes from the field catalogue (offerdesk.letters.fields); optional fields sit
inside a has_ flag or an `is defined` test. The call prep sheet (templates/prep-sheet.docx) is not a letter: its
names are the values of offerdesk.services.callprep.prep_sheet, and it is not listed in manifest.json.

The output is deterministic: the same script and catalogue give byte-identical files, so the templates' checksums
change only when their content does.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENTATION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from offerdesk.letters.fields import FIELDS, ITEM_FIELDS, Field

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = ROOT / "templates"
GUIDE = ROOT / "docs" / "templates.md"

# -- look -------------------------------------------------------------------------------------------------------
FONT = "Calibri"
NAVY = RGBColor(0x1F, 0x3A, 0x5F)
TEXT = RGBColor(0x26, 0x26, 0x26)
GREY = RGBColor(0x6B, 0x72, 0x80)
TAG = RGBColor(0x8A, 0x8F, 0x99)
NAVY_HEX, RULE_HEX, HEADER_FILL_HEX = "1F3A5F", "C5CCD6", "E3E9F1"

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)  # A4
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = Mm(25), Mm(20), Mm(20)  # also leaves room on US Letter
CONTENT_WIDTH = Length(PAGE_WIDTH - 2 * MARGIN_SIDE)

FIXED_TIME = datetime(2026, 1, 1, tzinfo=UTC)  # document properties and zip entries: no build-time stamps
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def _successors(names: str) -> tuple[str, ...]:
    """w: tag names, in schema order (Word rejects property elements in the wrong order)."""
    return tuple(f"w:{name}" for name in names.split())


# Elements that must come after the ones this script adds itself (python-docx has no setter for these).
PPR_AFTER_PBDR = _successors(
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
TBLPR_AFTER_BORDERS = _successors("shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange")
TBLPR_AFTER_CELLMAR = _successors("tblLook tblCaption tblDescription tblPrChange")
TCPR_AFTER_SHD = _successors(
    "noWrap tcMar textDirection tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange"
)
TRPR_AFTER_CANTSPLIT = _successors("trHeight tblHeader tblCellSpacing jc hidden ins del trPrChange")
TRPR_AFTER_HEADER = _successors("tblCellSpacing jc hidden ins del trPrChange")


@dataclass(frozen=True)
class Bold:
    """A run of bold text inside a paragraph."""

    text: str


Part = str | Bold


# -- low-level XML helpers --------------------------------------------------------------------------------------
def _element(tag: str, **attrs: str) -> BaseOxmlElement:
    """A new w: element with w: attributes."""
    element: BaseOxmlElement = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _border(tag: str, val: str = "single", size: int = 4, color: str = RULE_HEX, space: int = 0) -> BaseOxmlElement:
    """One border edge (size in eighths of a point)."""
    return _element(tag, val=val, sz=str(size), space=str(space), color=color)


def set_fonts(rpr: BaseOxmlElement, font: str) -> None:
    """Point every script slot of an rPr at `font` (explicit, so theme fonts do not win)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), font)


def paragraph_rule(ppr: BaseOxmlElement, color: str = NAVY_HEX, size: int = 6) -> None:
    """A thin line under the paragraph."""
    borders = _element("w:pBdr")
    borders.append(_border("w:bottom", size=size, color=color, space=6))
    ppr.insert_element_before(borders, *PPR_AFTER_PBDR)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field such as PAGE or NUMPAGES (Word and LibreOffice update it when they lay the page out)."""

    def field_char(kind: str) -> None:
        paragraph.add_run()._r.append(_element("w:fldChar", fldCharType=kind))

    field_char("begin")
    instr = _element("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    field_char("separate")
    paragraph.add_run(placeholder)
    field_char("end")


# -- document setup ---------------------------------------------------------------------------------------------
def _paragraph_style(
    doc: DocxDocument,
    name: str,
    *,
    size: float | None = None,
    bold: bool = False,
    color: RGBColor | None = None,
    before: float = 0,
    after: float = 0,
    align: WD_ALIGN_PARAGRAPH | None = None,
    keep_with_next: bool = False,
) -> None:
    """Add a paragraph style based on Normal."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    if size is not None:
        font.size = Pt(size)
    font.bold = bold or None
    if color is not None:
        font.color.rgb = color
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if align is not None:
        fmt.alignment = align
    if keep_with_next:
        fmt.keep_with_next = True


def new_document(title: str, *, footer: bool = True) -> DocxDocument:
    """A blank A4 document with the OfferDesk letter styles, fixed properties and (optionally) page numbers."""
    doc = Document()
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # python-docx's sample thumbnail is not a picture of our letter
            del package.rels[rel_id]

    section = doc.sections[0]
    section.orientation = WD_ORIENTATION.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN_SIDE
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance = section.footer_distance = Mm(10)

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for rpr in defaults.iter(qn("w:rPr")):
            set_fonts(rpr, FONT)
    normal = doc.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), FONT)
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = TEXT
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.12
    fmt.widow_control = True

    _paragraph_style(doc, "Letterhead Name", size=20, bold=True, color=NAVY)
    _paragraph_style(doc, "Letterhead Address", size=9, color=GREY, after=18)
    paragraph_rule(doc.styles["Letterhead Address"].element.get_or_add_pPr())
    _paragraph_style(doc, "Letter Date", after=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(doc, "Letter Address", after=0)
    _paragraph_style(doc, "Letter Subject", size=12, bold=True, color=NAVY, before=14, after=2, keep_with_next=True)
    _paragraph_style(doc, "Letter Reference", size=8.5, color=GREY, after=12)
    _paragraph_style(doc, "Letter Heading", size=11, bold=True, color=NAVY, before=12, after=4, keep_with_next=True)
    _paragraph_style(doc, "Letter Note", size=8.5, color=GREY, before=3, after=8)
    _paragraph_style(doc, "Table Text", size=10, after=0)
    _paragraph_style(doc, "Table Heading", size=9.5, bold=True, color=NAVY, after=0)
    _paragraph_style(doc, "Signature Name", bold=True, before=30, after=0)
    _paragraph_style(doc, "Signature Line", after=0)
    _paragraph_style(doc, "Letter Footer", size=8, color=GREY, after=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(doc, "Template Tag", size=7.5, color=TAG, after=0)
    bullets = doc.styles["List Bullet"].paragraph_format
    bullets.space_after = Pt(2)

    props = doc.core_properties
    props.title, props.subject = title, "OfferDesk letter template"
    props.author = props.last_modified_by = "OfferDesk"
    props.comments = "Generated by templates/build/make_templates.py from the field catalogue."
    props.keywords, props.category = "offer letter", "Letter template"
    props.created = props.modified = FIXED_TIME
    props.revision = 1

    if footer:
        paragraph = section.footer.paragraphs[0]
        paragraph.style = doc.styles["Letter Footer"]
        paragraph.add_run("Page ")
        add_field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        add_field(paragraph, "NUMPAGES")
    return doc


def save_deterministic(doc: DocxDocument, path: Path) -> None:
    """Save with fixed zip timestamps, so an unchanged template is byte-identical on every build."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    path.write_bytes(out.getvalue())


# -- tables -----------------------------------------------------------------------------------------------------
def _style_table(table: Table, widths: tuple[Length, ...]) -> None:
    """Fixed column widths, thin horizontal rules only, comfortable cell padding (direct formatting, so Word and
    LibreOffice draw it the same)."""
    table.style = None
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = _element("w:tblBorders")
    borders.append(_border("w:top", size=8, color=NAVY_HEX))
    borders.append(_border("w:left", val="nil"))
    borders.append(_border("w:bottom", size=8, color=NAVY_HEX))
    borders.append(_border("w:right", val="nil"))
    borders.append(_border("w:insideH", size=4, color=RULE_HEX))
    borders.append(_border("w:insideV", val="nil"))
    tbl_pr.insert_element_before(borders, *TBLPR_AFTER_BORDERS)
    margins = _element("w:tblCellMar")
    for side, twips in (("top", "50"), ("left", "100"), ("bottom", "50"), ("right", "100")):
        margins.append(_element(f"w:{side}", w=twips, type="dxa"))
    tbl_pr.insert_element_before(margins, *TBLPR_AFTER_CELLMAR)
    for index, width in enumerate(widths):
        table.columns[index].width = width
        for cell in table.columns[index].cells:
            cell.width = width


def _shade(cell: _Cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().insert_element_before(
        _element("w:shd", val="clear", color="auto", fill=fill), *TCPR_AFTER_SHD
    )


def _row_options(table: Table, index: int, *, header: bool = False) -> None:
    """Rows never split across pages; the header row repeats on each page."""
    tr_pr = table.rows[index]._tr.get_or_add_trPr()
    tr_pr.insert_element_before(_element("w:cantSplit"), *TRPR_AFTER_CANTSPLIT)
    if header:
        tr_pr.insert_element_before(_element("w:tblHeader"), *TRPR_AFTER_HEADER)


def _fill(cell: _Cell, parts: tuple[Part, ...] | str, style: str, align: WD_ALIGN_PARAGRAPH | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    if align is not None:
        paragraph.alignment = align
    add_parts(paragraph, (parts,) if isinstance(parts, str) else parts)


def add_parts(paragraph: Paragraph, parts: tuple[Part, ...]) -> None:
    """Append runs; a Bold part is a bold run. Each tag must sit whole inside one part."""
    for part in parts:
        if isinstance(part, Bold):
            paragraph.add_run(part.text).bold = True
        elif part:
            paragraph.add_run(part)


# -- the letter builder -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    """A label/value row of a facts table, shown only when `guard` (a Jinja test) holds."""

    label: str
    value: str
    guard: str | None = None


class Letter:
    """Builds one template document: shared blocks, so every template has the same look."""

    def __init__(self, title: str, *, footer: bool = True) -> None:
        self.doc = new_document(title, footer=footer)

    # paragraphs
    def para(self, *parts: Part, style: str = "Normal", keep_with_next: bool = False) -> Paragraph:
        """A paragraph of text and tags."""
        paragraph = self.doc.add_paragraph(style=self.doc.styles[style])
        add_parts(paragraph, parts)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def tag(self, text: str) -> None:
        """A paragraph holding only a `{%p ... %}` tag (it disappears when the letter is made)."""
        self.para(text, style="Template Tag")

    def heading(self, text: str) -> None:
        self.para(text, style="Letter Heading")

    def bullet(self, *parts: Part) -> None:
        self.para(*parts, style="List Bullet")

    @contextmanager
    def when(self, condition: str) -> Iterator[None]:
        """Paragraphs shown only when `condition` holds."""
        self.tag(f"{{%p if {condition} %}}")
        yield
        self.tag("{%p endif %}")

    def otherwise(self) -> None:
        """Inside `when`: the paragraphs that follow are shown when the condition does not hold."""
        self.tag("{%p else %}")

    @contextmanager
    def each(self, item_list: str) -> Iterator[None]:
        """Paragraphs repeated for each `item` of a list field."""
        self.tag(f"{{%p for item in {item_list} %}}")
        yield
        self.tag("{%p endfor %}")

    # blocks
    def letterhead(self) -> None:
        """Company name large, address small over a thin rule, then the date on the right."""
        self.para("{{ company.name }}", style="Letterhead Name")
        self.para("{{ company.address }}", style="Letterhead Address")
        self.para("{{ letter.date }}", style="Letter Date")

    def candidate_block(self, *, location: bool = True) -> None:
        """Name, then the location and email lines the candidate record has (no blank address lines)."""
        self.para("{{ candidate.full_name }}", style="Letter Address")
        for field in ("candidate.location", "candidate.email") if location else ("candidate.email",):
            with self.when(field):
                self.para(f"{{{{ {field} }}}}", style="Letter Address")

    def subject(self, text: str) -> None:
        self.para(text, style="Letter Subject")
        self.para("Offer {{ offer.id }}, version {{ offer.version }}", style="Letter Reference")

    def facts(self, rows: list[Row]) -> None:
        """A two-column label/value table; guarded rows sit between `{%tr if %}` and `{%tr endif %}` rows."""
        lines: list[tuple[str, str, str]] = []  # (kind, label, value)
        for row in rows:
            if row.guard:
                lines.append(("tag", f"{{%tr if {row.guard} %}}", ""))
            lines.append(("row", row.label, row.value))
            if row.guard:
                lines.append(("tag", "{%tr endif %}", ""))
        table = self.doc.add_table(rows=len(lines), cols=2)
        _style_table(table, (Mm(48), Length(CONTENT_WIDTH - Mm(48))))
        for index, (kind, label, value) in enumerate(lines):
            label_cell, value_cell = table.rows[index].cells
            _row_options(table, index)
            if kind == "tag":
                _fill(label_cell.merge(value_cell), label, "Template Tag")
                continue
            _shade(label_cell, HEADER_FILL_HEX)
            _fill(label_cell, label, "Table Heading")
            _fill(value_cell, value, "Table Text")

    def components_table(self) -> None:
        """Component / Amount / Per, one row per compensation component; notes in small print under the name."""
        table = self.doc.add_table(rows=4, cols=3)
        _style_table(table, (Mm(84), Mm(42), Length(CONTENT_WIDTH - Mm(126))))
        header, loop_start, item_row, loop_end = table.rows
        right = WD_ALIGN_PARAGRAPH.RIGHT
        for cell, text, align in zip(header.cells, ("Component", "Amount", "Per"), (None, right, None), strict=True):
            _shade(cell, HEADER_FILL_HEX)
            _fill(cell, text, "Table Heading", align)
        _row_options(table, 0, header=True)
        for row, text in ((loop_start, "{%tr for item in offer.components %}"), (loop_end, "{%tr endfor %}")):
            _fill(row.cells[0].merge(row.cells[-1]), text, "Template Tag")
        _row_options(table, 2)
        label, amount, unit = item_row.cells
        _fill(label, "{{ item.label }}", "Table Text")
        for text, style in (
            ("{%p if item.notes is defined and item.notes %}", "Template Tag"),
            ("{{ item.notes }}", "Letter Note"),
            ("{%p endif %}", "Template Tag"),
        ):
            paragraph = label.add_paragraph(style=self.doc.styles[style])
            paragraph.add_run(text)
            if style == "Letter Note":
                paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
        _fill(amount, "{{ item.amount }}", "Table Text", right)
        _fill(unit, "{{ item.unit }}", "Table Text")

    def signature(self, closing: str = "Kind regards,") -> None:
        self.para(closing, keep_with_next=True)
        self.para("{{ signatory.name }}", style="Signature Name", keep_with_next=True)
        self.para("{{ signatory.title }}", style="Signature Line", keep_with_next=True)
        self.para("{{ company.name }}", style="Signature Line")

    def acceptance(self, statement: str) -> None:
        """The candidate's acceptance: a statement, then signature and date lines."""
        self.heading("Acceptance")
        self.para(statement, keep_with_next=True)
        line = self.para("Signature\t    Date\t", keep_with_next=True)
        line.paragraph_format.space_before = Pt(30)
        stops = line.paragraph_format.tab_stops
        stops.add_tab_stop(Mm(100), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.LINES)
        stops.add_tab_stop(CONTENT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
        self.para("{{ candidate.full_name }}", style="Letter Note")

    def save(self, path: Path) -> None:
        save_deterministic(self.doc, path)


# -- shared sections --------------------------------------------------------------------------------------------
# A new offer may have no job title yet (no role): sentences then read "a position", subjects end before the colon.
POSITION = "{% if offer.title %}the position of {{ offer.title }}{% else %}a position{% endif %}"


def titled(before: str) -> str:
    """`before` and the job title, both left out while the offer has no title."""
    return f"{{% if offer.title %}}{before}{{{{ offer.title }}}}{{% endif %}}"


BASE_PAY = "{{ offer.base }}{% if offer.base_unit is defined %} per {{ offer.base_unit }}{% endif %}"
EQUITY = (
    "{{ offer.equity.units }} {{ offer.equity.kind }}"
    "{% if offer.equity.strike is defined %} at a strike price of {{ offer.equity.strike }}{% endif %}"
)


def role_rows(*, title_label: str = "Job title") -> list[Row]:
    """The role facts every letter shows."""
    return [
        Row(title_label, "{{ offer.title }}", "offer.title"),
        Row("Level", "{{ offer.level }}", "offer.level"),
        Row("Department", "{{ offer.department }}", "offer.department"),
        Row("Reports to", "{{ offer.reports_to }}", "offer.reports_to"),
        Row("Place of work", "{{ offer.location }}", "offer.location"),
        Row("Employment type", "{{ offer.employment_type }}"),
    ]


def pay_section(letter: Letter, *, heading: str = "Pay", base_sentence: str | None = None) -> None:
    """Base pay, the components table, variable pay and the first-year total; all of it only once there is pay."""
    letter.tag("{%p if offer.components %}")
    letter.heading(heading)
    if base_sentence:
        with letter.when("offer.base is defined"):
            letter.para(base_sentence)
    letter.para("Your compensation is made up of the following:", keep_with_next=True)
    letter.components_table()
    letter.para(
        "Amounts are in {{ offer.currency }}, before tax and other deductions. "
        "You will be paid {{ offer.pay_frequency }}.",
        style="Letter Note",
    )
    letter.tag("{%p endif %}")
    with letter.when("offer.has_bonus"):
        letter.para(
            Bold("Bonus. "),
            "You will be eligible for a bonus with a target of {{ offer.bonus }}, "
            "under the terms of the bonus plan in force at the time.",
        )
    with letter.when("offer.has_commission"):
        letter.para(
            Bold("Commission. "),
            "Your commission at 100% of quota is {{ offer.commission }}, for "
            "on-target earnings of {{ offer.ote }}, under the terms of the commission plan in force at "
            "the time.",
        )
    with letter.when("offer.total_first_year is defined"):
        letter.para(
            Bold("First year. "),
            "At target, your total compensation for the first year comes to {{ offer.total_first_year }}."
            "{% if offer.annualisation is defined %} {{ offer.annualisation }}{% endif %}",
        )


def extras_section(letter: Letter) -> None:
    """Sign-on bonus with its clawback, relocation support and equity, each only when the offer has it."""
    with letter.when("offer.has_sign_on"):
        letter.para(
            Bold("Sign-on bonus. "),
            "You will receive a one-off sign-on bonus of {{ offer.sign_on }}."
            "{% if offer.sign_on_clawback_months is defined %} If you leave within "
            "{{ offer.sign_on_clawback_months }} months of your start date, the sign-on bonus is to be "
            "repaid.{% endif %}",
        )
    with letter.when("offer.has_relocation"):
        letter.para(
            Bold("Relocation. "),
            "To help with your move, we will provide relocation support of up to {{ offer.relocation }}.",
        )
    with letter.when("offer.has_equity"):
        letter.para(
            Bold("Equity. "),
            f"You will be granted {EQUITY}. The grant vests over "
            "{{ offer.equity.vesting_years }} years"
            "{% if offer.equity.vesting_start is defined %} from {{ offer.equity.vesting_start }}{% endif %}"
            "{% if offer.equity.cliff_months %}, with a cliff of {{ offer.equity.cliff_months }} months,{% endif %}"
            " and is subject to the terms of the equity plan.",
        )


def working_section(letter: Letter) -> None:
    """Remote days, probation, benefits and paid time off; the heading only over at least one of them."""
    with letter.when("offer.has_remote or offer.has_probation or offer.benefits or offer.pto"):
        letter.heading("Working arrangements and benefits")
    with letter.when("offer.has_remote"):
        letter.para(
            Bold("Remote work. "),
            "You may work remotely up to {{ offer.remote_days }} days a week.",
        )
    with letter.when("offer.has_probation"):
        letter.para(Bold("Probation. "), "The first {{ offer.probation_months }} months are a probation period.")
    with letter.when("offer.benefits"):  # a new offer may not say yet: no label over a blank
        letter.para(Bold("Benefits: "), "{{ offer.benefits }}")
    with letter.when("offer.pto"):
        letter.para(Bold("Paid time off: "), "{{ offer.pto }}")


def contingencies_list(letter: Letter) -> None:
    """One bullet per check, with its details when there are any."""
    with letter.each("offer.contingencies"):
        letter.bullet(
            "{{ item.label }}{% if item.description is defined and item.description %}: "
            "{{ item.description }}{% endif %}"
        )


def contingencies_section(letter: Letter) -> None:
    """The checks the offer depends on, when there are any."""
    with letter.when("offer.has_contingencies"):
        letter.heading("Conditions")
        letter.para("This offer depends on the following checks being completed satisfactorily:", keep_with_next=True)
        contingencies_list(letter)


def agreements_section(letter: Letter) -> None:
    """The agreements to sign, when there are any."""
    with letter.when("offer.agreements"):
        letter.heading("Before you start")
        letter.para("You will be asked to sign the following:", keep_with_next=True)
        with letter.each("offer.agreements"):
            letter.bullet("{{ item }}")


def next_steps(letter: Letter, *, how_to_accept: str) -> None:
    """Expiry, how to accept, who to ask."""
    letter.heading("Next steps")
    with letter.when("offer.expires_on is defined"):
        letter.para("This offer is open until {{ offer.expires_on }}.")
    letter.para(
        how_to_accept + " If you have any questions, please contact {{ recruiter.name }} at {{ recruiter.email }}."
    )


# -- the templates ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TemplateSpec:
    """One bundled template: its manifest entry and the function that builds it."""

    name: str
    file: str
    offer_type: str
    summary: str
    build: Callable[[TemplateSpec], Letter]


RETURN_SIGNED = "To accept, please sign and date the acceptance below and return a copy of this letter."


def build_written(spec: TemplateSpec) -> Letter:
    letter = Letter(spec.name)
    letter.letterhead()
    letter.candidate_block()
    letter.subject("Offer of employment" + titled(": "))
    letter.para("Dear {{ candidate.first_name }},")
    letter.para(
        f"We are delighted to offer you {POSITION} at {{{{ company.name }}}}. "
        "This letter sets out the terms of our offer."
    )
    letter.heading("Your role")
    letter.facts([*role_rows(), Row("Start date", "{{ offer.start_date }}", "offer.start_date is defined")])
    pay_section(letter)
    extras_section(letter)
    working_section(letter)
    contingencies_section(letter)
    agreements_section(letter)
    next_steps(letter, how_to_accept=RETURN_SIGNED)
    letter.para("We look forward to welcoming you to {{ company.name }}.")
    letter.signature()
    letter.acceptance(
        "I, {{ candidate.full_name }}, accept this offer of employment on the terms set out in this letter."
    )
    return letter


def build_conditional(spec: TemplateSpec) -> Letter:
    letter = Letter(spec.name)
    letter.letterhead()
    letter.candidate_block()
    letter.subject("Conditional offer of employment" + titled(": "))
    letter.para("Dear {{ candidate.first_name }},")
    letter.para(
        f"We are delighted to offer you {POSITION} at {{{{ company.name }}}}. "
        "This offer is conditional, as set out below."
    )
    letter.heading("Conditions of this offer")
    with letter.when("offer.has_contingencies"):
        letter.para(
            "This offer is conditional on the following checks being completed satisfactorily:", keep_with_next=True
        )
        contingencies_list(letter)
        letter.otherwise()
        letter.para("This offer is conditional on the pre-employment checks that we will confirm to you in writing.")
    cleared = letter.para(
        "Once all of the checks have cleared, the offer becomes unconditional, and we will confirm this "
        "to you in writing."
    )
    cleared.paragraph_format.space_before = Pt(6)  # clear of the bullet list above
    letter.heading("Your role")
    letter.facts([*role_rows(), Row("Start date", "{{ offer.start_date }}", "offer.start_date is defined")])
    pay_section(letter)
    extras_section(letter)
    working_section(letter)
    agreements_section(letter)
    next_steps(letter, how_to_accept=RETURN_SIGNED)
    letter.para("We look forward to welcoming you to {{ company.name }}.")
    letter.signature()
    letter.acceptance(
        "I, {{ candidate.full_name }}, accept this conditional offer of employment on the terms set out in this letter."
    )
    return letter


def build_contract(spec: TemplateSpec) -> Letter:
    letter = Letter(spec.name)
    letter.letterhead()
    letter.candidate_block()
    letter.subject("Contract offer" + titled(": "))
    letter.para("Dear {{ candidate.first_name }},")
    letter.para(
        "We are pleased to offer you a contract" + titled(" as ") + " with {{ company.name }}. "
        "This letter sets out the terms of the engagement."
    )
    letter.heading("The engagement")
    letter.facts(
        [
            *role_rows(title_label="Role"),
            Row("Start date", "{{ offer.start_date }}", "offer.start_date is defined"),
            Row("End date", "{{ offer.end_date }}", "offer.has_end_date"),
            Row("Rate", BASE_PAY, "offer.base is defined"),
        ]
    )
    with letter.when("offer.has_end_date or offer.conversion_terms is defined"):
        letter.heading("Term")
    with letter.when("offer.has_end_date"):
        letter.para("This is a fixed-term engagement. It ends on {{ offer.end_date }}.")
    with letter.when("offer.conversion_terms is defined"):
        letter.para(Bold("Conversion to permanent employment: "), "{{ offer.conversion_terms }}")
    pay_section(letter, heading="Rate and pay")  # the rate itself is in the table above
    extras_section(letter)
    working_section(letter)
    contingencies_section(letter)
    agreements_section(letter)
    next_steps(letter, how_to_accept=RETURN_SIGNED)
    letter.para("We look forward to working with you.")
    letter.signature()
    letter.acceptance("I, {{ candidate.full_name }}, accept this contract offer on the terms set out in this letter.")
    return letter


def build_internal(spec: TemplateSpec) -> Letter:
    letter = Letter(spec.name)
    letter.letterhead()
    letter.candidate_block(location=False)
    letter.subject("Your new role" + titled(": "))
    letter.para("Dear {{ candidate.first_name }},")
    letter.para(
        "We are pleased to confirm your move"
        + titled(" to the role of ")
        + "{% if offer.department %} in {{ offer.department }}{% endif %}"
        "{% if offer.reports_to %}, reporting to {{ offer.reports_to }}{% endif %}. This letter sets out what changes."
    )
    with letter.when("offer.effective_date is defined"):
        letter.para("The change takes effect on {{ offer.effective_date }}.")
    letter.heading("Your new role")
    letter.facts(
        [
            *role_rows(title_label="New job title"),
            Row("Effective date", "{{ offer.effective_date }}", "offer.effective_date is defined"),
            Row("Previous terms", "{{ offer.prior_terms }}", "offer.prior_terms is defined"),
        ]
    )
    pay_section(letter, heading="Your new pay", base_sentence=f"Your new base pay will be {BASE_PAY}.")
    extras_section(letter)
    working_section(letter)
    contingencies_section(letter)
    agreements_section(letter)
    letter.para("All other terms of your employment stay as they are.")
    next_steps(
        letter, how_to_accept="To confirm, please sign and date the acceptance below and return a copy of this letter."
    )
    letter.para("Congratulations on your new role.")
    letter.signature()
    letter.acceptance("I, {{ candidate.full_name }}, accept the new role on the terms set out in this letter.")
    return letter


def build_verbal(spec: TemplateSpec) -> Letter:
    letter = Letter(spec.name, footer=False)
    letter.letterhead()
    letter.candidate_block(location=False)
    letter.subject("Summary of our offer" + titled(": "))
    letter.para("Dear {{ candidate.first_name }},")
    letter.para(
        "Following our conversation today, here is a summary of the offer we discussed for "
        f"{POSITION} at {{{{ company.name }}}}.",
        keep_with_next=True,
    )
    letter.facts(
        [
            Row(
                "Position",
                "{{ offer.title }}{% if offer.title and offer.level %}, {% endif %}{{ offer.level }}",
                "offer.title or offer.level",
            ),
            Row("Reports to", "{{ offer.reports_to }}", "offer.reports_to"),
            Row("Place of work", "{{ offer.location }}", "offer.location"),
            Row("Base pay", BASE_PAY, "offer.base is defined"),
            Row("Bonus target", "{{ offer.bonus }}", "offer.has_bonus"),
            Row(
                "Commission",
                "{{ offer.commission }} at 100% of quota (on-target earnings {{ offer.ote }})",
                "offer.has_commission",
            ),
            Row("Sign-on bonus", "{{ offer.sign_on }}", "offer.has_sign_on"),
            Row("Equity", EQUITY + ", vesting over {{ offer.equity.vesting_years }} years", "offer.has_equity"),
            Row("First-year total at target", "{{ offer.total_first_year }}", "offer.total_first_year is defined"),
            Row("Start date", "{{ offer.start_date }}", "offer.start_date is defined"),
            Row("Offer open until", "{{ offer.expires_on }}", "offer.expires_on is defined"),
        ]
    )
    follows = letter.para(
        "The formal letter follows. If you have any questions in the meantime, please contact me at "
        "{{ recruiter.email }}."
    )
    follows.paragraph_format.space_before = Pt(10)
    letter.para("Kind regards,", keep_with_next=True)
    letter.para("{{ recruiter.name }}", style="Signature Name", keep_with_next=True)
    letter.para("{{ company.name }}", style="Signature Line")
    return letter


TEMPLATES: tuple[TemplateSpec, ...] = (
    TemplateSpec(
        "Written offer",
        "written-offer.docx",
        "written",
        "Written offer of permanent employment, with acceptance block.",
        build_written,
    ),
    TemplateSpec(
        "Conditional offer",
        "conditional-offer.docx",
        "conditional",
        "Offer that depends on checks (background, references…); unconditional once they clear.",
        build_conditional,
    ),
    TemplateSpec(
        "Contract offer",
        "contract-offer.docx",
        "contract",
        "Contract, fixed-term or contract-to-hire: rate, end date, conversion terms.",
        build_contract,
    ),
    TemplateSpec(
        "Internal move",
        "internal-move.docx",
        "internal",
        "Promotion or transfer: new title, manager and pay, effective date, previous terms.",
        build_internal,
    ),
    TemplateSpec(
        "Verbal offer summary",
        "verbal-summary.docx",
        "verbal",
        "One page sent right after a verbal offer: the key numbers; the formal letter follows.",
        build_verbal,
    ),
)


# -- the call prep sheet ----------------------------------------------------------------------------------------
# Not an offer letter (so not in manifest.json): a sheet the recruiter reads before the offer call, filled by
# offerdesk.services.callprep.prep_sheet. Its names are that service's values, not the letter field catalogue's.
PREP_SHEET = "prep-sheet.docx"
PREP_PROFILE_ROWS: tuple[tuple[str, str], ...] = (
    ("Motivators", "motivators"),
    ("Criteria", "criteria"),
    ("Decision makers", "decision_makers"),
    ("Decision deadline", "decision_deadline"),
    ("Notice period", "notice_period"),
    ("Expected pay", "expected_pay"),
    ("Counteroffer risk", "counteroffer_risk"),
    ("Readiness", "readiness"),
    ("Needs", "needs"),
    ("Competing", "competing"),
)


def _prep_footer(letter: Letter) -> None:
    """Who prepared the sheet and when, with page numbers, on every page."""
    paragraph = letter.doc.sections[0].footer.paragraphs[0]
    paragraph.style = letter.doc.styles["Letter Footer"]
    paragraph.add_run("Prepared {{ prepared_on }} by {{ recruiter }}  ·  Page ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES")


def _prep_list(letter: Letter, label: str, items: str) -> None:
    """A small label over a bulleted list, both left out when the list is empty."""
    with letter.when(items):
        letter.para(label, style="Prep Label")
        with letter.each(items):
            letter.bullet("{{ item }}")


def build_prep_sheet() -> Letter:
    """The call prep sheet: pre-close profile, what is still unknown, likely objections and the filled script."""
    letter = Letter("Call prep sheet", footer=False)
    doc = letter.doc
    props = doc.core_properties
    props.subject, props.keywords, props.category = "OfferDesk call prep sheet", "call prep", "Prep sheet template"
    props.comments = "Generated by templates/build/make_templates.py; filled by offerdesk.services.callprep.prep_sheet."
    _paragraph_style(doc, "Prep Section", size=13, bold=True, color=NAVY, before=16, after=6, keep_with_next=True)
    paragraph_rule(doc.styles["Prep Section"].element.get_or_add_pPr(), color=RULE_HEX, size=4)
    _paragraph_style(doc, "Prep Label", size=9.5, bold=True, color=GREY, before=4, after=2, keep_with_next=True)
    _prep_footer(letter)

    letter.para("Call prep: {{ candidate.full_name }}", style="Letterhead Name")
    letter.para("{{ role }}  ·  {{ stage }}  ·  {{ offer_summary }}", style="Letterhead Address")

    letter.para("Pre-close profile", style="Prep Section")
    letter.facts([Row(label, f"{{{{ profile.{key} }}}}") for label, key in PREP_PROFILE_ROWS])

    letter.para("Still unknown", style="Prep Section")
    with letter.when("unknowns"):
        with letter.each("unknowns"):
            letter.bullet("{{ item }}")
        letter.otherwise()
        letter.para("Nothing: the profile is complete.")

    letter.para("Likely objections", style="Prep Section")
    with letter.when("objections"):
        letter.tag("{%p for objection in objections %}")
        letter.heading("{{ objection.title }} ({{ objection.code }})")
        letter.para(Bold("Why: "), "{{ objection.reason }}", keep_with_next=True)
        _prep_list(letter, "Probe", "objection.probe")
        _prep_list(letter, "Levers", "objection.levers")
        _prep_list(letter, "Avoid", "objection.avoid")
        with letter.when("objection.talk_track"):
            track = letter.para(Bold("Talk track: "), "{{ objection.talk_track }}")
            track.paragraph_format.space_before = Pt(4)
        letter.tag("{%p endfor %}")
        letter.otherwise()
        letter.para("None stand out from the profile.")

    letter.para("The script: {{ script.title }}", style="Prep Section")
    letter.para(
        "Ask style: {{ ask_style }}. A value not known yet shows as «…?»: find it out before the call.",
        style="Letter Reference",
    )
    with letter.when("script.steps"):
        letter.tag("{%p for step in script.steps %}")
        letter.heading("{{ step.number }}. {{ step.title }}")
        letter.para("{{ step.text }}")
        with letter.when("step.tip"):
            letter.para(Bold("Tip: "), "{{ step.tip }}", style="Letter Note")
        letter.tag("{%p endfor %}")
        letter.otherwise()
        letter.para("There is no call script in the library yet.")
    return letter


def write_prep_sheet(path: Path) -> None:
    build_prep_sheet().save(path)


# -- the guide --------------------------------------------------------------------------------------------------
def guard_for(field: Field) -> str | None:
    """How a template tests for an optional field: the has_ flag whose term it belongs to, else `is defined`."""
    if not field.optional:
        return None
    parent = field.name.split(".")[1]  # offer.equity.units -> equity, offer.sign_on_clawback_months -> sign_on_…
    flags: list[str] = [f.name for f in FIELDS if f.name.startswith("offer.has_")]
    special = {"offer.ote": "offer.has_commission"}
    if field.name in special:
        return special[field.name]
    matches = [flag for flag in flags if parent.startswith(flag.removeprefix("offer.has_"))]
    if matches:
        return sorted(matches, key=len)[-1]
    return f"{field.name} is defined"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{text}`" if "`" not in text else f"`` {text} ``"


def field_table() -> str:
    lines = ["| Field | What it holds | Example | Present |", "|---|---|---|---|"]
    for field in FIELDS:
        guard = guard_for(field)
        if guard is None:
            present = "always"
        elif guard.endswith(" is defined"):
            present = f"only when the offer has it: test {_code(guard)}"
        else:
            present = f"only when {_code(guard)} is true"
        example = "a list, see below" if field.example == "[…]" else _code(field.example)
        lines.append(f"| {_code(field.name)} | {_cell(field.description)} | {_cell(example)} | {present} |")
    return "\n".join(lines)


def item_tables() -> str:
    blocks: list[str] = []
    for list_name, items in ITEM_FIELDS.items():
        loop = (
            f"{{%tr for item in {list_name} %}}"
            if list_name == "offer.components"
            else (f"{{%p for item in {list_name} %}}")
        )
        blocks.append(f"### `{list_name}`\n")
        if not items:
            blocks.append(
                f"Each element is a piece of text: write `{{{{ item }}}}` inside `{loop}` … "
                f"`{{%{loop[2]} endfor %}}`.\n"
            )
            continue
        blocks.append(f"Each `item` in `{loop}` has:\n")
        blocks.append("| Field | What it holds | Example |\n|---|---|---|")
        blocks.extend(f"| `item.{item.name}` | {_cell(item.description)} | {_code(item.example)} |" for item in items)
        blocks.append("")
    return "\n".join(blocks).rstrip() + "\n"


def defined_only() -> str:
    """The optional fields tested with `is defined` (no has_ flag), as a readable list."""
    names = [f"`{field.name}`" for field in FIELDS if (guard_for(field) or "").endswith(" is defined")]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def bundled_list() -> str:
    return "\n".join(
        f"- **{spec.name}** (`{spec.file}`, offer type `{spec.offer_type}`): {spec.summary}" for spec in TEMPLATES
    )


GUIDE_TEXT = """\
<!-- Generated by templates/build/make_templates.py from src/offerdesk/letters/fields.py: do not edit by hand,
     edit the script (or the field catalogue) and run it again. -->

# Letter templates

A **letter template** is an ordinary Word document (`.docx`) with **tags** where the offer's details go:
`{{{{ candidate.first_name }}}}`, `{{{{ offer.title }}}}`, `{{{{ offer.base }}}}` and so on. When you make a letter,
OfferDesk copies the template, fills every tag in from the offer, and keeps your layout, fonts, logo and
tables exactly as you designed them.

OfferDesk ships with these templates (in its `templates` folder):

{bundled}

In the bundled templates the control tags (`{{%p …%}}`, `{{%tr …%}}`) are in small grey type; they disappear from
the letter. You can use the templates as they are, copy one as the start of your own, or write one from scratch.

## Fields you can use

These names, and only these, can appear in a template. A name OfferDesk does not know stops the letter with a
message naming it, so a typo never turns into a blank in a letter.

Amounts and dates are **formatted** for the letter's locale, the way the candidate reads them (`€90,000.00`,
`25 November 2026`). Most also have a **raw** twin for special cases: `_minor` (whole cents), `_amount` (a plain
decimal) and `_iso` (a date as `2026-11-25`). In a letter, use the formatted field.

{fields}

## Lists

These fields are lists, to repeat a table row or a paragraph once per element. A list can be empty (no
agreements, no checks): keep a heading that belongs to it inside `{{%p if offer.agreements %}}` … `{{%p endif %}}`.
Some element fields can be empty text, such as `item.notes`: `{{% if item.notes %}}` tests that.

{items}
## The rules

1. **Formatted or raw.** Write `{{{{ offer.base }}}}` in a letter; the raw twins (`offer.base_minor`,
   `offer.base_amount`, `…_iso`) are for templates that need the plain number or date.
2. **Optional fields need a test.** A field marked "only when…" above exists only when the offer has that term.
   Using it when the offer does not have it is an error: the letter is not made (never a blank where a figure
   should be). Put it inside the matching `has_` test:
   `{{% if offer.has_bonus %}}Your bonus target is {{{{ offer.bonus }}}}.{{% endif %}}`
   or, for the optional fields without a `has_` flag ({defined_only}), an `is defined` test:
   `{{% if offer.start_date is defined %}}You start on {{{{ offer.start_date }}}}.{{% endif %}}`.
   Inside `{{% if offer.has_equity %}}`, `offer.equity.strike` (options only) and `offer.equity.vesting_start` may
   still be missing: test them with `is defined` too.
3. **Whole paragraphs: `{{%p if %}}`.** To show or hide whole paragraphs, put `{{%p if offer.has_equity %}}` in a
   paragraph of its own before them and `{{%p endif %}}` in a paragraph of its own after them. These tag
   paragraphs disappear from the letter (anything else typed in them disappears too). `{{%p else %}}` works the
   same way.
4. **Table rows: `{{%tr for %}}`.** To repeat a row per compensation component, put
   `{{%tr for item in offer.components %}}` in a row of its own, then the row with `{{{{ item.label }}}}`,
   `{{{{ item.amount }}}}`, `{{{{ item.unit }}}}`, then `{{%tr endfor %}}` in a row of its own. The two tag rows
   disappear. `{{%tr if offer.has_bonus %}}` … `{{%tr endif %}}` shows or hides rows the same way.
5. **Repeated paragraphs: `{{%p for %}}`.** For example `{{%p for item in offer.contingencies %}}`, a bulleted
   paragraph with `{{{{ item.label }}}}`, then `{{%p endfor %}}`. For agreements, the item is the text itself:
   `{{{{ item }}}}`.
6. **Inside one paragraph**, use the plain tags: `{{% if … %}}…{{% endif %}}`.
7. **Never put tags in footnotes or in the document properties** (File › Info › Properties): they are not
   filled in.
8. **Values are plain text.** A value with `&` or `<` prints as it is; a value cannot add formatting. To make an
   amount bold, make the whole tag bold.

## Writing a template in Word, step by step

1. **Start from a document you like**: a bundled template, or your own letterhead. Keep it a `.docx` file.
2. **Turn off smart quotes** while you work on templates: File › Options › Proofing › AutoCorrect Options ›
   AutoFormat As You Type, untick "Straight quotes" with "smart quotes" (on a Mac: Word › Preferences ›
   AutoCorrect). Also check that Word did not capitalise the first letter of a tag (`{{{{ Offer.title }}}}` is
   not a field).
3. **Type each tag in one go**, braces and spaces included: `{{{{ offer.title }}}}`. Do not paste a tag together
   from pieces, and do not change the formatting of part of a tag. If you have to correct a tag, select all of
   it and type it again, so Word keeps it in one piece.
4. **Put optional fields inside their test** (rule 2), and `{{%p …%}}` / `{{%tr …%}}` tags in paragraphs and rows of
   their own (rules 3 to 5).
5. **Check the template**: `offerdesk templates check FILE.docx` tells you whether OfferDesk can use it and, if
   not, what to fix. Fix it and check again until it passes.
6. **Add it in the app**: add the file to OfferDesk's template library and choose the offer type (and, for a
   country-specific letter, the locale) it is for.
7. **Make a test letter** from an offer with the most terms (equity, sign-on, conditions) and one with the fewest,
   and read both.
"""


def write_guide(path: Path) -> None:
    text = GUIDE_TEXT.format(
        bundled=bundled_list(), fields=field_table(), items=item_tables(), defined_only=defined_only()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


# -- main -------------------------------------------------------------------------------------------------------
def main() -> None:
    """Write every letter template, the call prep sheet and the guide."""
    TEMPLATES_DIR.mkdir(parents=True, exist_ok=True)
    for spec in TEMPLATES:
        spec.build(spec).save(TEMPLATES_DIR / spec.file)
        print(f"wrote templates/{spec.file}")
    write_prep_sheet(TEMPLATES_DIR / PREP_SHEET)
    print(f"wrote templates/{PREP_SHEET}")
    write_guide(GUIDE)
    print(f"wrote {GUIDE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
