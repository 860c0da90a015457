"""Word MERGEFIELDs in a recruiter's own letter: found with their names and pictures, and replaced by one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from offerdesk.letters.adopt import find_placeholders, rewrite_package, text_parts, word_fields
from offerdesk.letters.docx_file import TemplateFileError, read_package

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


def found(root: etree._Element, name: str = "word/document.xml") -> list[tuple[str, str, str, str]]:
    return [(f.key, f.written, f.picture, f.note) for f in word_fields.find(root, name)]


def field_codes_left(root: etree._Element) -> list[str]:
    xml = etree.tostring(root).decode()
    return [code for code in ("fldChar", "instrText", "fldSimple", "MERGEFIELD") if code in xml]


def test_a_simple_field_is_found_and_replaced_by_one_run_in_its_formatting() -> None:
    root = part(para(text("Dear "), simple_field(" MERGEFIELD FirstName \\* MERGEFORMAT ", "«FirstName»", "<w:b/>")))
    [item] = word_fields.find(root, "word/document.xml")
    assert (item.id, item.key, item.written, item.part) == (
        "mergefield:FirstName",
        "FirstName",
        "«FirstName»",
        "word/document.xml",
    )
    assert word_fields.rewrite(root, {"mergefield:FirstName": "{{ candidate.first_name }}"})
    assert plain_texts(root) == ["Dear ", "{{ candidate.first_name }}"]
    [new] = root.xpath("//w:p/w:r[2]", namespaces=NS)
    assert new.find("w:rPr/w:b", NS) is not None
    assert new.find("w:t", NS).get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert field_codes_left(root) == []


def test_a_complex_field_split_over_instruction_runs_of_different_formatting_is_one_field() -> None:
    field_runs = (
        char("begin")
        + instr(" MERGE", "<w:i/>")
        + instr("FIELD First", "<w:b/>")
        + instr("Name \\* MERGEFORMAT ")
        + char("separate")
        + text("«FirstName»", '<w:rFonts w:ascii="Georgia"/><w:b/><w:sz w:val="28"/><w:color w:val="FF0000"/>')
        + text(" more", "<w:i/>")
        + char("end")
    )
    root = part(para(text("Hello "), field_runs, text("!")))
    assert found(root) == [("FirstName", "«FirstName»", "", "")]
    assert word_fields.rewrite(root, {"mergefield:FirstName": "{{ candidate.first_name }}"})
    assert plain_texts(root) == ["Hello ", "{{ candidate.first_name }}", "!"]
    [new] = root.xpath("//w:r[w:t='{{ candidate.first_name }}']", namespaces=NS)
    props = new.find("w:rPr", NS)
    assert props.find("w:rFonts", NS).get(f"{{{W}}}ascii") == "Georgia"
    assert props.find("w:sz", NS).get(f"{{{W}}}val") == "28"
    assert props.find("w:color", NS).get(f"{{{W}}}val") == "FF0000"
    assert props.find("w:b", NS) is not None
    assert field_codes_left(root) == []


def test_without_a_result_the_run_takes_the_formatting_of_the_instruction() -> None:
    root = part(para(char("begin"), instr(" MERGEFIELD Town ", "<w:u w:val='single'/>"), char("end")))
    assert word_fields.rewrite(root, {"mergefield:Town": "{{ candidate.town }}"})
    [new] = root.xpath("//w:r", namespaces=NS)
    assert new.find("w:rPr/w:u", NS) is not None and plain_texts(root) == ["{{ candidate.town }}"]


def test_quoted_names_keep_their_spaces_and_escaped_quotes() -> None:
    root = part(
        para(
            complex_field(' MERGEFIELD "First Name" \\* MERGEFORMAT ', "«First Name»"),
            simple_field(" MERGEFIELD  &quot;Job \\&quot;Title\\&quot;&quot; ", "x"),
        )
    )
    assert [key for key, *_ in found(root)] == ["First Name", 'Job "Title"']
    assert word_fields.find(root, "p")[0].written == "«First Name»"


def test_switches_give_the_picture_and_a_note() -> None:
    root = part(
        para(
            complex_field(' MERGEFIELD StartDate \\@ "d MMMM yyyy" \\* MERGEFORMAT ', "«StartDate»"),
            complex_field(' MERGEFIELD Salary \\# "#,##0.00" ', "«Salary»"),
            complex_field(" MERGEFIELD Surname \\* Upper ", "«Surname»"),
            complex_field(' MERGEFIELD Title \\b "Dear " \\f ","', "«Title»"),
            simple_field(" MERGEFIELD Plain \\* MERGEFORMAT ", "«Plain»"),
        )
    )
    assert found(root) == [
        ("StartDate", "«StartDate»", "d MMMM yyyy", ""),
        ("Salary", "«Salary»", "#,##0.00", ""),
        ("Surname", "«Surname»", "", "Word writes it as Upper (\\* Upper)"),
        (
            "Title",
            "«Title»",
            "",
            'Word writes "Dear " before it when it is not empty; Word writes "," after it when it is not empty',
        ),
        ("Plain", "«Plain»", "", ""),
    ]


def test_a_name_of_exactly_forty_characters_is_noted_as_cut_by_word() -> None:
    forty, thirty_nine = "A" * 40, "B" * 39
    root = part(para(simple_field(f" MERGEFIELD {forty} ", "x"), simple_field(f" MERGEFIELD {thirty_nine} ", "y")))
    assert [(key, note) for key, _, _, note in found(root)] == [(forty, word_fields.CUT_NOTE), (thirty_nine, "")]


def gender_if(result: str = text("Ms")) -> str:
    return (
        char("begin")
        + instr(" IF ")
        + char("begin")
        + instr(" MERGEFIELD Gender ")
        + char("separate")
        + instr("«Gender»")
        + char("end")
        + instr(' = "F" "Ms" "Mr" \\* MERGEFORMAT ')
        + char("separate")
        + result
        + char("end")
    )


def test_merge_fields_in_an_if_condition_are_found_with_a_note_and_the_if_is_listed_not_found() -> None:
    root = part(para(text("Dear "), gender_if(), text(" "), complex_field(" MERGEFIELD Surname ", "«Surname»")))
    assert found(root) == [("Gender", "«Gender»", "", word_fields.IF_NOTE), ("Surname", "«Surname»", "", "")]
    assert word_fields.conditions(root) == ['IF «Gender» = "F" "Ms" "Mr" \\* MERGEFORMAT']


def test_replacing_a_merge_field_of_an_if_keeps_words_last_result_and_no_field_code() -> None:
    root = part(para(text("Dear "), gender_if(), text(" "), complex_field(" MERGEFIELD Surname ", "«Surname»")))
    texts = {"mergefield:Gender": "{{ candidate.gender }}", "mergefield:Surname": "{{ candidate.last_name }}"}
    assert word_fields.rewrite(root, texts)
    assert plain_texts(root) == ["Dear ", "Ms", " ", "{{ candidate.last_name }}"]
    assert field_codes_left(root) == []


def test_a_merge_field_in_the_result_of_an_if_is_replaced_and_the_if_keeps_its_result() -> None:
    inner = complex_field(" MERGEFIELD Surname ", "«Surname»", "<w:b/>")
    root = part(para(gender_if(text("Ms ") + inner)))
    assert word_fields.rewrite(root, {"mergefield:Surname": "{{ candidate.last_name }}"})
    assert plain_texts(root) == ["Ms ", "{{ candidate.last_name }}"]
    assert field_codes_left(root) == []


def test_record_control_fields_are_removed_and_not_found() -> None:
    root = part(
        para(complex_field(" MERGEFIELD Name ", "«Name»"), char("begin"), instr(" NEXT "), char("end"))
        + para(simple_field(" MERGEREC ", "1"), simple_field(" NEXTIF &quot;a&quot; = &quot;b&quot; ", ""))
    )
    assert [key for key, *_ in found(root)] == ["Name"]
    assert word_fields.rewrite(root, {"mergefield:Name": "{{ candidate.full_name }}"})
    assert plain_texts(root) == ["{{ candidate.full_name }}"]
    assert field_codes_left(root) == []


def test_other_fields_are_left_alone_and_are_no_placeholders() -> None:
    fields = (
        complex_field(" PAGE ", "3")
        + simple_field(" DATE \\@ &quot;d MMMM&quot; ", "2 May")
        + complex_field(' HYPERLINK "https://example.com" ', "site")
    )
    root = part(para(fields))
    before = etree.tostring(root)
    assert found(root) == []
    assert not word_fields.rewrite(root, {"mergefield:PAGE": "x"})
    assert etree.tostring(root) == before


def test_unknown_ids_leave_their_fields_as_word_wrote_them() -> None:
    root = part(
        para(complex_field(" MERGEFIELD FirstName ", "«FirstName»"), simple_field(" MERGEFIELD Town ", "«Town»"))
    )
    before = etree.tostring(root)
    assert not word_fields.rewrite(root, {"mergefield:Other": "x", "brackets:FirstName": "y"})
    assert etree.tostring(root) == before
    assert word_fields.rewrite(root, {"mergefield:Town": "{{ candidate.town }}"})
    assert plain_texts(root) == ["«FirstName»", "{{ candidate.town }}"]
    assert "MERGEFIELD FirstName" in etree.tostring(root).decode()


def test_the_text_goes_in_verbatim() -> None:
    root = part(para(simple_field(" MERGEFIELD Note ", "«Note»")))
    word_fields.rewrite(root, {"mergefield:Note": "{{ a }} & <b> «x»"})
    assert plain_texts(etree.fromstring(etree.tostring(root))) == ["{{ a }} & <b> «x»"]


def test_headers_tables_and_text_boxes_are_read() -> None:
    cell = f"<w:tbl><w:tr><w:tc>{para(complex_field(' MERGEFIELD Cell ', '«Cell»'))}</w:tc></w:tr></w:tbl>"
    box = run(f"<w:pict><w:txbxContent>{para(simple_field(' MERGEFIELD Box ', '«Box»'))}</w:txbxContent></w:pict>")
    header = etree.fromstring(f'<w:hdr xmlns:w="{W}">{cell}{para(text("in a box: "), box)}</w:hdr>'.encode())
    assert [f.part for f in word_fields.find(header, "word/header1.xml")] == ["word/header1.xml"] * 2
    assert [key for key, *_ in found(header)] == ["Cell", "Box"]
    assert word_fields.rewrite(header, {"mergefield:Cell": "C", "mergefield:Box": "B"})
    assert plain_texts(header) == ["C", "in a box: ", "B"] and field_codes_left(header) == []


def test_a_copy_word_keeps_for_older_readers_is_not_counted_twice_but_is_replaced() -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    shape = f"<w:txbxContent>{para(simple_field(' MERGEFIELD Box ', '«Box»'))}</w:txbxContent>"
    root = etree.fromstring(
        f'<w:document xmlns:w="{W}" xmlns:mc="{mc}"><w:body><w:p><w:r><mc:AlternateContent>'
        f"<mc:Choice>{shape}</mc:Choice><mc:Fallback>{shape}</mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p></w:body></w:document>".encode()
    )
    assert [key for key, *_ in found(root)] == ["Box"]
    assert word_fields.rewrite(root, {"mergefield:Box": "B"})
    assert plain_texts(root) == ["B", "B"]


def test_a_field_across_paragraphs_is_replaced_and_a_field_without_end_is_left() -> None:
    across = part(
        para(text("a"), char("begin"), instr(" MERGEFIELD Long ")) + para(char("separate"), text("«Long»"), char("end"))
    )
    assert word_fields.rewrite(across, {"mergefield:Long": "L"})
    assert plain_texts(across) == ["a", "L"] and field_codes_left(across) == []
    unended = part(para(char("begin"), instr(" MERGEFIELD Open "), char("separate"), text("«Open»")))
    assert [key for key, *_ in found(unended)] == ["Open"]
    assert not word_fields.rewrite(unended, {"mergefield:Open": "O"})
    stray = part(para(char("end"), char("separate"), text("x")))
    assert found(stray) == [] and not word_fields.rewrite(stray, {"mergefield:x": "y"})


CORPUS = Path("/work/shared/corpus/real-world")
CORPUS_FOLDERS = ("mergefield", "corpora/docx-mailmerge2-tests")
NO_MERGE_FIELD = {"test_empty_field.docx"}  # its only field has an empty code
OTHER_FIELDS_KEPT = {  # fields that are no merge fields stay as Word wrote them
    "test_empty_field.docx",  # the empty field
    "test_nested_if_outside.docx",  # IF 1 < 2 "true" "false", next to (not around) its merge field
    "aapa_assessment_form_quoted_fields_nl.docx",  # PAGE in the footers
    "aapa_graduation_application_form_nl.docx",  # PAGE in the footers
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real-world corpus is not on this machine ({CORPUS})")
def test_real_mail_merges_are_found_and_leave_no_merge_field_once_replaced(tmp_path: Path) -> None:
    summary: list[str] = []
    problems: list[str] = []
    files = sorted(path for folder in CORPUS_FOLDERS for path in (CORPUS / folder).glob("*.docx"))
    assert files
    for path in files:
        try:
            package = read_package(path)
        except TemplateFileError as error:
            summary.append(f"{path.name}: refused: {error}")
            if not str(error).endswith("."):
                problems.append(f"{path.name}: refusal is not a sentence: {error}")
            continue
        placeholders = find_placeholders(package)
        merge_fields = [p for p in placeholders if p.kind == "mergefield"]
        notes = sorted({p.note for p in merge_fields if p.note})
        summary.append(f"{path.name}: {len(merge_fields)} merge fields {notes or ''}")
        if not merge_fields and path.name not in NO_MERGE_FIELD:
            problems.append(f"{path.name}: no merge field found")
        prepared = tmp_path / path.name
        prepared.write_bytes(rewrite_package(package, {p.id: f"{{{{ f{i} }}}}" for i, p in enumerate(merge_fields)}))
        after = read_package(prepared)
        for name in text_parts(after):
            data = after.data[name]
            if b"MERGEFIELD" in data or word_fields.find(etree.fromstring(data), name):
                problems.append(f"{path.name}: {name} still has a merge field")
            if (b"fldChar" in data or b"fldSimple" in data) and path.name not in OTHER_FIELDS_KEPT:
                problems.append(f"{path.name}: {name} still has a field code")
    print("\n".join(summary))
    assert problems == []


def test_a_merge_field_inside_a_simple_if_field_is_found_and_the_if_keeps_its_result() -> None:
    inner = complex_field(" MERGEFIELD Surname ", "«Surname»")
    root = part(para(f'<w:fldSimple w:instr=" IF 1 = 1 &quot;x&quot; ">{text("Dear ")}{inner}</w:fldSimple>'))
    assert [key for key, *_ in found(root)] == ["Surname"]
    assert word_fields.rewrite(root, {"mergefield:Surname": "{{ candidate.last_name }}"})
    assert plain_texts(root) == ["Dear ", "{{ candidate.last_name }}"] and field_codes_left(root) == []


def test_fields_nested_deeper_than_word_writes_are_read_without_failing() -> None:
    depth = 5000
    root = part(para(char("begin") * depth + complex_field(" MERGEFIELD Deep ", "«Deep»") + char("end") * depth))
    assert found(root) == []  # read as part of the fields around it, none of which is a merge field
    assert len(word_fields.field_result_runs(root)) == 2 * depth + 5
    assert not word_fields.rewrite(root, {"mergefield:Deep": "x"})


def test_the_run_takes_the_formatting_of_the_first_result_run_even_when_it_is_plain() -> None:
    shown = text("«Name»") + text(" rest", "<w:b/>")
    root = part(para(char("begin"), instr(" MERGEFIELD Name ", "<w:i/>"), char("separate"), shown, char("end")))
    assert word_fields.rewrite(root, {"mergefield:Name": "N"})
    [new] = root.xpath("//w:r", namespaces=NS)
    assert new.find("w:rPr", NS) is None and plain_texts(root) == ["N"]
