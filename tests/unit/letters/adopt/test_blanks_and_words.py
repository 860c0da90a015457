"""Blanks written as XX and plain words the recruiter marks: found, told apart, rewritten in place."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from offerdesk.letters.adopt import find_placeholders, rewrite_package, text_placeholders
from offerdesk.letters.adopt.mapping import suggested_choice
from offerdesk.letters.adopt.model import PlaceholderKind
from offerdesk.letters.docx_file import WordPackage
from tests.unit.letters.adopt.word_xml import NAMESPACES as _NS
from tests.unit.letters.adopt.word_xml import W
from tests.unit.letters.adopt.word_xml import doc as _doc
from tests.unit.letters.adopt.word_xml import p as _p
from tests.unit.letters.adopt.word_xml import r as _r

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


def _found(body: str, words: tuple[str, ...] = ()) -> list[tuple[PlaceholderKind, str, str]]:
    return [(f.kind, f.key, f.written) for f in text_placeholders.find(_doc(body), "word/document.xml", words)]


def _text(root: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]


def _package(document: str, header: str = "") -> WordPackage:
    data = {"word/document.xml": f"<w:document {_NS}><w:body>{document}</w:body></w:document>".encode()}
    types = {"word/document.xml": _MAIN}
    if header:
        data["word/header1.xml"] = f"<w:hdr {_NS}>{header}</w:hdr>".encode()
        types["word/header1.xml"] = _HEADER
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in data.items():
            archive.writestr(name, content)
    members = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).infolist()
    return WordPackage(Path("letter.docx"), members, data, types)


# -- blanks -----------------------------------------------------------------------------------------------------


def test_each_written_form_of_an_x_blank_is_found() -> None:
    body = _p(_r("for XX months at US $XX.XX/hour, $XX,XXX a year, XXX,XXX shares or X,XXX options."))
    assert [written for _, _, written in _found(body)] == ["XX", "$XX.XX", "$XX,XXX", "XXX,XXX", "X,XXX"]
    assert {kind for kind, _, _ in _found(body)} == {PlaceholderKind.BLANK}


def test_x_inside_words_and_single_xs_are_not_blanks() -> None:
    body = _p(_r("Size XXL for Xavier, the X factor, in 202X, TAXXES and MAXX."))
    assert _found(body) == []


def test_underscore_lines_are_left_for_the_candidate_to_fill_by_hand() -> None:
    body = _p(_r("dated this ____ day of _______ at snake_case and a__b, signed ________________"))
    assert [written for _, _, written in _found(body)] == []


def test_each_blank_occurrence_has_its_own_id_and_context() -> None:
    body = _p(_r("The term is XX months.")) + _p(_r("Notice is XX weeks and pay is $XX.XX per hour."))
    found = text_placeholders.find(_doc(body), "word/document.xml")
    assert [f.id for f in found] == ["blank:XX#1", "blank:XX#2", "blank:$XX.XX#1"]
    assert found[0].note == "The term is XX months."
    assert "Notice is XX weeks" in found[1].note


def test_the_context_note_is_cut_at_words_around_the_blank() -> None:
    text = "While there is no guarantee of employment with the Company for any specific term or duration, the "
    found = text_placeholders.find(_doc(_p(_r(text + "maximum period of your employment is XX months."))), "p")
    assert found[0].note == "…the maximum period of your employment is XX months."


def test_blanks_are_numbered_over_the_whole_letter_and_rewritten_each_apart() -> None:
    package = _package(_p(_r("Term: XX months.")) + _p(_r("Notice: XX weeks.")), header=_p(_r("Ref XX")))
    placeholders = find_placeholders(package)
    assert [p.id for p in placeholders] == ["blank:XX#1", "blank:XX#2", "blank:XX#3"]
    texts = {"blank:XX#1": "12", "blank:XX#3": "{{ offer.id }}"}
    prepared = zipfile.ZipFile(io.BytesIO(rewrite_package(package, texts)))
    assert _text(etree.fromstring(prepared.read("word/document.xml"))) == ["Term: 12 months.", "Notice: XX weeks."]
    assert _text(etree.fromstring(prepared.read("word/header1.xml"))) == ["Ref {{ offer.id }}"]


def test_a_blank_in_a_text_box_is_rewritten_in_both_copies_and_later_blanks_keep_their_numbers() -> None:
    box = _p(_r("Box XX"))
    body = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent>' + box
        + "</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>" + box
        + "</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>" + _p(_r("After XX"))
    )  # fmt: skip
    assert [key for _, key, _ in _found(body)] == ["XX#1", "XX#2"]
    root = _doc(body)
    assert text_placeholders.rewrite(root, {"blank:XX#1": "one", "blank:XX#2": "two"})
    assert _text(root)[1:] == ["Box one", "Box one", "After two"]  # [0]: the anchoring paragraph, boxes and all


def test_a_blank_inside_another_placeholder_is_left_to_it() -> None:
    assert _found(_p(_r("[XX months] and {XX}"))) == [
        (PlaceholderKind.BRACKETS, "XX months", "[XX months]"),
        (PlaceholderKind.CURLY, "XX", "{XX}"),
    ]


def test_an_amount_blank_beside_pay_words_suggests_the_base_pay_and_a_bare_blank_nothing() -> None:
    package = _package(_p(_r("Your starting hourly wage will be US $XX.XX/hour.")) + _p(_r("For XX months.")))
    wage, months = find_placeholders(package)
    choice = suggested_choice(wage)
    assert choice is not None and choice.value == "offer.base" and not choice.confirmed
    assert suggested_choice(months) is None


# -- marked words -----------------------------------------------------------------------------------------------


def test_marked_words_are_found_whole_and_case_sensitive() -> None:
    body = _p(_r("Date")) + _p(_r("Dear Name: the DATE of Naming, a Date-stamp and Dates."))
    found = _found(body, ("Date", "Name"))
    assert found == [
        (PlaceholderKind.WORDS, "Date", "Date"),
        (PlaceholderKind.WORDS, "Name", "Name"),
        (PlaceholderKind.WORDS, "Date", "Date"),  # "Date-stamp": the word itself, bounded by "-"
    ]


def test_the_longer_marked_words_win_where_they_occur() -> None:
    body = _p(_r("Employee Name")) + _p(_r("Dear Name:"))
    assert _found(body, ("Name", "Employee Name")) == [
        (PlaceholderKind.WORDS, "Employee Name", "Employee Name"),
        (PlaceholderKind.WORDS, "Name", "Name"),
    ]


def test_marked_words_are_not_found_inside_other_placeholders() -> None:
    body = _p(_r("[Candidate Name] and INSERT NAME and Name"))
    assert [kind for kind, _, _ in _found(body, ("Name", "NAME"))] == [
        PlaceholderKind.BRACKETS, PlaceholderKind.INSTRUCTION, PlaceholderKind.WORDS
    ]  # fmt: skip


def test_marked_words_split_over_runs_are_found_and_rewritten_keeping_the_first_runs_formatting() -> None:
    root = _doc(_p(_r("Dear "), _r("Employee", "<w:b/>"), _r(" Name", "<w:i/>"), _r(": welcome")))
    found = text_placeholders.find(root, "word/document.xml", ("Employee Name",))
    assert [f.id for f in found] == ["words:Employee Name"]
    assert text_placeholders.rewrite(root, {"words:Employee Name": "{{ candidate.full_name }}"}, ("Employee Name",))
    runs = root.findall(f".//{{{W}}}r")
    assert runs[1].findtext(f"{{{W}}}t") == "{{ candidate.full_name }}"
    assert runs[1].find(f"{{{W}}}rPr/{{{W}}}b") is not None
    assert _text(root) == ["Dear {{ candidate.full_name }}: welcome"]


def test_every_occurrence_of_marked_words_shares_one_placeholder() -> None:
    package = _package(_p(_r("Job Title")) + _p(_r("as Job Title with us")))
    (placeholder,) = find_placeholders(package, ["Job Title"])
    assert (placeholder.id, placeholder.occurrences) == ("words:Job Title", 2)
    prepared = zipfile.ZipFile(io.BytesIO(rewrite_package(package, {placeholder.id: "{{ offer.title }}"})))
    assert _text(etree.fromstring(prepared.read("word/document.xml"))) == ["{{ offer.title }}",
                                                                          "as {{ offer.title }} with us"]  # fmt: skip
