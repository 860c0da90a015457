"""Word MERGEFIELDs in a recruiter's own letter: found with their names and pictures, and replaced by one run."""

from __future__ import annotations

from lxml import etree

from offerdesk.letters.adopt import word_fields

W = word_fields.W_NS
NS = {"w": W}


def part(body: str) -> etree._Element:
    """A document part whose body is `body` (paragraph XML with the w: prefix)."""
    return etree.fromstring(f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode())


def run(inner: str, props: str = "") -> str:
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{inner}</w:r>"


def text(value: str, props: str = "") -> str:
    return run(f'<w:t xml:space="preserve">{value}</w:t>', props)


def char(kind: str) -> str:
    return run(f'<w:fldChar w:fldCharType="{kind}"/>')


def instr(value: str, props: str = "") -> str:
    return run(f'<w:instrText xml:space="preserve">{value}</w:instrText>', props)


def complex_field(instruction: str | list[str], shown: str, props: str = "") -> str:
    pieces = [instruction] if isinstance(instruction, str) else instruction
    return char("begin") + "".join(instr(p) for p in pieces) + char("separate") + text(shown, props) + char("end")


def simple_field(instruction: str, shown: str, props: str = "") -> str:
    return f'<w:fldSimple w:instr="{instruction}">{text(shown, props)}</w:fldSimple>'


def para(*content: str) -> str:
    return f"<w:p>{''.join(content)}</w:p>"


def plain_texts(root: etree._Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{{{W}}}t")]


def test_field_result_runs_are_the_runs_of_fields_and_not_the_typed_text() -> None:
    root = part(
        para(
            text("Dear "),
            complex_field(" MERGEFIELD FirstName \\* MERGEFORMAT ", "«FirstName»"),
            text(" of «Company», page "),
            simple_field(" PAGE ", "1"),
        )
    )
    runs = word_fields.field_result_runs(root)
    shown = {"".join(r.itertext()) for r in runs}
    assert "«FirstName»" in shown and "1" in shown
    assert "Dear " not in shown and " of «Company», page " not in shown
    assert len(runs) == 6  # begin, instruction, separate, result, end, and the simple field's result


def test_field_result_runs_cover_nested_fields_and_text_boxes() -> None:
    nested = (
        char("begin")
        + instr(" IF ")
        + complex_field(" MERGEFIELD Gender ", "«Gender»")
        + instr(' = "F" "Ms" "Mr" ')
        + char("separate")
        + text("Mr")
        + char("end")
    )
    box = run(f"<w:pict><w:txbxContent>{para(complex_field(' MERGEFIELD Town ', '«Town»'))}</w:txbxContent></w:pict>")
    root = part(para(nested, text(" typed «Name»"), box))
    shown = {"".join(r.itertext()) for r in word_fields.field_result_runs(root)}
    assert {"«Gender»", "Mr", "«Town»"} <= shown
    assert " typed «Name»" not in shown
