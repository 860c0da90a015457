"""Word field instructions read as Word reads them: quoted words, escaped quotes and switches with arguments."""

from __future__ import annotations

from offerdesk.letters.adopt.word_field_codes import FieldCode, merge_field_name, parse


def test_an_instruction_gives_its_type_arguments_and_switches_in_order() -> None:
    code = parse(' mergefield  "First Name" \\* Upper \\@ "d MMMM yyyy" \\* MERGEFORMAT ')
    assert code == FieldCode(
        "MERGEFIELD", ("First Name",), (("\\*", "Upper"), ("\\@", "d MMMM yyyy"), ("\\*", "MERGEFORMAT"))
    )
    assert code.formats == ("Upper",) and code.switch("\\@") == "d MMMM yyyy" and code.switch("\\#") is None


def test_switches_written_together_escaped_quotes_and_a_missing_closing_quote_are_read() -> None:
    assert parse("MERGEFIELD Name \\*Upper").switches == (("\\*", "Upper"),)
    assert merge_field_name(parse(' MERGEFIELD "Say \\"hi\\"" ')) == 'Say "hi"'
    assert merge_field_name(parse(' MERGEFIELD "Unclosed name')) == "Unclosed name"
    assert merge_field_name(parse(" MERGEFIELD ")) == "" and parse("   ").type == ""
    assert parse(' MERGEFIELD Total \\# "#,##0.00" \\b').switches == (("\\#", "#,##0.00"), ("\\b", ""))
