"""Typed placeholders in a letter's XML: found on the paragraph's joined text, replaced in the first run."""

from __future__ import annotations

from lxml import etree

from offerdesk.letters.adopt import text_placeholders
from offerdesk.letters.adopt.model import PlaceholderKind
from tests.unit.letters.adopt.word_xml import W
from tests.unit.letters.adopt.word_xml import doc as _doc
from tests.unit.letters.adopt.word_xml import p as _p
from tests.unit.letters.adopt.word_xml import r as _r


def _found(body: str) -> list[tuple[PlaceholderKind, str, str]]:
    return [(f.kind, f.key, f.written) for f in text_placeholders.find(_doc(body), "word/document.xml")]


def _text(root: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]


def test_each_kind_is_found_with_its_key_and_written_form() -> None:
    body = _p(_r("Dear «FirstName», [Candidate Name] earns {Salary} from #StartDate# at <<Location>>."))
    assert _found(body) == [
        (PlaceholderKind.GUILLEMETS, "FirstName", "«FirstName»"),
        (PlaceholderKind.BRACKETS, "Candidate Name", "[Candidate Name]"),
        (PlaceholderKind.CURLY, "Salary", "{Salary}"),
        (PlaceholderKind.HASH, "StartDate", "#StartDate#"),
        (PlaceholderKind.ANGLE, "Location", "<<Location>>"),
    ]


def test_label_like_brackets_are_found() -> None:
    body = _p(_r("[DATE] [Insert salary] [salary here] [candidate_name]"))
    assert [key for _, key, _ in _found(body)] == ["DATE", "Insert salary", "salary here", "candidate_name"]


def test_insert_instruction_in_capitals_is_found() -> None:
    body = _p(_r("in the capacity of INSERT JOB TITLE with INSERT SITE NAME] (the Company), at the"))
    assert _found(body) == [
        (PlaceholderKind.INSTRUCTION, "JOB TITLE", "INSERT JOB TITLE"),
        (PlaceholderKind.INSTRUCTION, "SITE NAME", "INSERT SITE NAME]"),
    ]


def test_placeholder_split_over_runs_is_found_once() -> None:
    body = _p(_r("Dear [Candidate"), _r(" Na"), _r("me], welcome"))
    assert _found(body) == [(PlaceholderKind.BRACKETS, "Candidate Name", "[Candidate Name]")]


def test_ordinary_brackets_hashes_and_braces_are_not_reported() -> None:
    prose = (
        "He said [sic] it; see [1] and [12]; tick [ ] or [X]; [this is a long bracketed remark that goes on and on "
        "for many words]; [and others]; (see below); ranked #1 in C# and F#; #hiring and #jobs; "
        "code { return x; } and {0}; [link](http://x); [e.g. see the annex. It says more]"
    )
    assert _found(_p(_r(prose))) == []


def test_french_and_russian_quotation_marks_are_not_placeholders() -> None:
    assert _found(_p(_r("la « Société » et «Заказчик»")) + _p(_r("«Безопасность труда в строительстве»"))) == []


def test_jinja_with_offerdesk_names_is_not_reported_and_others_are_with_filters_stripped() -> None:
    body = _p(
        _r("{{ candidate.first_name }} {{ offer.base }} {{ name }} {{ job_title }}"),
        _r("{{ candidate_name|upper }} {{p employee.name }} {{ today() }} {{ a / b }}"),
    )
    assert _found(body) == [
        (PlaceholderKind.JINJA, "name", "{{ name }}"),
        (PlaceholderKind.JINJA, "job_title", "{{ job_title }}"),
        (PlaceholderKind.JINJA, "candidate_name", "{{ candidate_name|upper }}"),
        (PlaceholderKind.JINJA, "employee.name", "{{p employee.name }}"),
    ]


def test_nothing_inside_a_jinja_tag_is_taken_for_brackets_or_braces() -> None:
    body = _p(_r("{% if favorite[‘Fruit’] %}{{ filter_severity([“Critical”]) }}{% endif %}{# [Note] #}"))
    assert _found(body) == []


def test_own_loops_are_listed_and_their_variables_not_reported() -> None:
    root = _doc(
        _p(_r("{%p for item in items %}"))
        + _p(_r("{{ item.name }} {{ item }}"))
        + _p(_r("{%p endfor %}"))
        + _p(_r("{% for c in offer.components %}{{ c.label }}{% endfor %}{%tr for line in docs.order_line %}"))
    )
    assert text_placeholders.find(root, "word/document.xml") == []
    assert text_placeholders.uses_own_loops(root) == ["items", "docs.order_line"]


def test_text_in_word_fields_is_left_to_the_field_finder() -> None:
    complex_field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD FirstName </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _r("«FirstName»")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple_field = '<w:fldSimple w:instr=" MERGEFIELD Name ">' + _r("«Name»") + "</w:fldSimple>"
    assert _found(_p(complex_field, _r(" and [Role]"), simple_field)) == [(PlaceholderKind.BRACKETS, "Role", "[Role]")]


def test_placeholders_in_tables_and_text_boxes_are_found_once() -> None:
    box = _p(_r("{Title}"))
    body = (
        "<w:tbl><w:tr><w:tc>"
        + _p(_r("#Name#"))
        + "</w:tc></w:tr></w:tbl>"
        + '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        + box
        + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + box
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        + '<w:r><w:t xml:space="preserve"> after the box</w:t></w:r></w:p>'
    )
    assert [key for _, key, _ in _found(body)] == ["Name", "Title"]
    root = _doc(body)
    assert text_placeholders.rewrite(root, {"curly:Title": "{{ role.title }}"})
    assert _text(root).count("{{ role.title }}") == 2  # the copy for older readers changes too


def test_rewrite_puts_text_in_first_run_keeps_its_formatting_and_surrounding_text() -> None:
    root = _doc(_p(_r("Dear [Candidate", '<w:b/><w:color w:val="FF0000"/>'), _r(" Name], welcome", "<w:i/>")))
    assert text_placeholders.rewrite(root, {"brackets:Candidate Name": "{{ candidate.full_name }}"})
    runs = root.findall(f".//{{{W}}}r")
    assert runs[0].findtext(f"{{{W}}}t") == "Dear {{ candidate.full_name }}"
    assert runs[0].find(f"{{{W}}}rPr/{{{W}}}b") is not None
    assert runs[0].find(f"{{{W}}}rPr/{{{W}}}color").get(f"{{{W}}}val") == "FF0000"
    assert runs[1].findtext(f"{{{W}}}t") == ", welcome"
    assert runs[0].find(f"{{{W}}}t").get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_rewrite_several_in_one_paragraph_and_leaves_unmapped_ones() -> None:
    root = _doc(_p(_r("«First»"), _r(" «Last» [Role] {{ job_title|upper }}"), _r(" [Other].")))
    texts = {
        "guillemets:First": "{{ candidate.first_name }}",
        "guillemets:Last": "{{ candidate.last_name }}",
        "brackets:Role": "Engineer",
        "jinja:job_title": "{{ role.title }}",
    }
    assert text_placeholders.rewrite(root, texts)
    assert _text(root) == ["{{ candidate.first_name }} {{ candidate.last_name }} Engineer {{ role.title }} [Other]."]
    assert text_placeholders.find(root, "word/document.xml") == [
        text_placeholders.find(_doc(_p(_r("[Other]"))), "word/document.xml")[0]
    ]


def test_rewrite_without_mapped_placeholders_changes_nothing() -> None:
    root = _doc(_p(_r("[Role]")))
    assert not text_placeholders.rewrite(root, {"brackets:Other": "x"})
    assert _text(root) == ["[Role]"]


def test_fill_syntax_condition_is_the_fields_placeholder_and_becomes_a_docxtpl_condition() -> None:
    body = _p(_r("{IF bonus_terms}Bonus Terms")) + _p(_r("{bonus_terms}{END-IF}")) + _p(_r("{IF equity}x{END-IF}"))
    found = text_placeholders.find(_doc(body), "word/document.xml")
    assert [(f.id, f.written, bool(f.note)) for f in found] == [
        ("curly:bonus_terms", "{IF bonus_terms}", True),
        ("curly:bonus_terms", "{bonus_terms}", False),
        ("curly:equity", "{IF equity}", True),
    ]
    root = _doc(body)
    assert text_placeholders.rewrite(root, {"curly:bonus_terms": "{{ offer.bonus }}", "curly:equity": ""})
    assert _text(root) == [
        "{% if offer.bonus %}Bonus Terms",
        "{{ offer.bonus }}{% endif %}",
        "{% if false %}x{% endif %}",
    ]


def test_fill_syntax_condition_with_a_fixed_text_keeps_the_block_without_markers() -> None:
    root = _doc(_p(_r("{IF bonus}Bonus: {bonus}{END-IF} and {IF other}kept{END-IF}")))
    assert text_placeholders.rewrite(root, {"curly:bonus": "10%"})
    assert _text(root) == ["Bonus: 10% and {IF other}kept{END-IF}"]


def test_fill_syntax_condition_over_a_table_row_or_whole_paragraphs_uses_docxtpl_row_and_paragraph_tags() -> None:
    row = "<w:tr><w:tc>" + _p(_r("{IF bonus}Bonus")) + "</w:tc><w:tc>" + _p(_r("{bonus}{END-IF}")) + "</w:tc></w:tr>"
    body = f"<w:tbl>{row}</w:tbl>" + _p(_r("{IF bonus}")) + _p(_r("Bonus Opportunity")) + _p(_r(" {END-IF}"))
    root = _doc(body)
    assert text_placeholders.rewrite(root, {"curly:bonus": "{{ offer.bonus }}"})
    assert _text(root) == [
        "{%tr if offer.bonus %}",
        "Bonus",
        "{{ offer.bonus }}",
        "{%tr endif %}",
        "{%p if offer.bonus %}",
        "Bonus Opportunity",
        " {%p endif %}",
    ]
    assert len(root.findall(f".//{{{W}}}tr")) == 3
