"""CSV and TSV bytes into a table: encodings, delimiters, line breaks, ragged rows, headers and refusals."""

from __future__ import annotations

import codecs

import pytest

from offerdesk.errors import ValidationError
from offerdesk.importing.reader import ImportFileError, SourceRow, Table, read_text_table


def read(text: str, encoding: str = "utf-8", name: str = "people.csv") -> Table:
    return read_text_table(text.encode(encoding), name)


def values(table: Table) -> list[tuple[str, ...]]:
    return [row.values for row in table.rows]


# -- encodings --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Name,City\nMüller,Köln\n".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "Name,City\nMüller,Köln\n".encode(), "utf-8-sig"),
        ("Name,City\nMüller,Köln\n".encode("utf-16"), "utf-16"),  # with a byte-order mark
        (codecs.BOM_UTF16_BE + "Name,City\nMüller,Köln\n".encode("utf-16-be"), "utf-16"),
        ("Name,City\nMüller,Köln\n".encode("utf-16-le"), "utf-16-le"),  # no mark: found by the NUL pattern
        ("Name,City\nMüller,Köln\n".encode("utf-16-be"), "utf-16-be"),
        ("Name,City\nMüller,Köln\n".encode("utf-32"), "utf-32"),
        ("Name,City\nMüller,Köln\n".encode("cp1252"), "cp1252"),
    ],
)
def test_each_encoding_gives_the_same_text_and_is_reported(data: bytes, encoding: str) -> None:
    table = read_text_table(data, "people.csv")
    assert table.encoding == encoding
    assert table.headers == ("Name", "City")
    assert values(table) == [("Müller", "Köln")]


def test_cp1252_reads_the_euro_sign_and_curly_quotes() -> None:
    table = read("Name;Salary;Note\nAnn;€ 50.000;“top” pick\n", "cp1252")
    assert table.encoding == "cp1252"
    assert values(table) == [("Ann", "€ 50.000", "“top” pick")]


def test_latin_1_text_comes_out_as_cp1252_which_reads_it_the_same() -> None:
    table = read("a,b\nCafé,naïve ©\n", "latin-1")
    assert table.encoding == "cp1252"
    assert values(table) == [("Café", "naïve ©")]


def test_a_long_cyrillic_file_is_not_forced_into_cp1252() -> None:
    line = "Иван Петров,Москва,Разработчик программного обеспечения с опытом работы\n"
    table = read("Имя,Город,Заметки\n" + line * 20, "cp1251")
    assert table.encoding == "cp1251"
    assert table.rows[0].values[1] == "Москва"


def test_bytes_undefined_in_cp1252_go_to_charset_normalizer() -> None:
    table = read("名前,メール\n" + "山田 太郎,taro@example.com\n" * 30, "cp932")
    assert table.encoding in ("cp932", "shift_jis")
    assert table.rows[0].values == ("山田 太郎", "taro@example.com")


def test_a_given_encoding_overrides_detection() -> None:
    table = read_text_table("Imię,Miasto\nŁukasz,Łódź\n".encode("cp1250"), "pl.csv", encoding="cp1250")
    assert table.encoding == "cp1250"
    assert values(table) == [("Łukasz", "Łódź")]


def test_bytes_that_do_not_fit_the_given_encoding_are_one_sentence() -> None:
    with pytest.raises(ImportFileError, match=r"Line 2 of “pl.csv” is not valid utf-8 text"):
        read_text_table("a\nŁódź\n".encode("cp1250"), "pl.csv", encoding="utf-8")


def test_an_unknown_encoding_name_is_one_sentence() -> None:
    with pytest.raises(ImportFileError, match="not a text encoding"):
        read_text_table(b"a\n1\n", "x.csv", encoding="klingon-8")


# -- delimiters, line breaks, quoting ---------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_each_delimiter_is_detected(delimiter: str) -> None:
    text = "\n".join(delimiter.join(row) for row in [["Name", "Email", "City"], ["Ann", "a@x.org", "Oslo"]]) + "\n"
    table = read(text)
    assert table.delimiter == delimiter
    assert values(table) == [("Ann", "a@x.org", "Oslo")]


def test_commas_inside_values_do_not_fool_the_semicolon_detection() -> None:
    table = read("Name;Amount;Note\nAnn;1,7;a, b, c\nBo;2,5;d, e\nCy;3,1;f\n")
    assert table.delimiter == ";"
    assert values(table)[0] == ("Ann", "1,7", "a, b, c")


def test_a_one_column_file_has_no_delimiter() -> None:
    table = read("Email\nann@example.com\nbo@example.com\n")
    assert table.delimiter is None
    assert values(table) == [("ann@example.com",), ("bo@example.com",)]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_lf_crlf_and_old_mac_cr(newline: str) -> None:
    text = newline.join(["a,b,c", "1,2,3", '"Once upon' + newline + 'a time",5,6', "7,8,9"]) + newline
    table = read(text)
    assert values(table) == [("1", "2", "3"), ("Once upon\na time", "5", "6"), ("7", "8", "9")]
    assert [row.number for row in table.rows] == [2, 3, 5]  # the line each record starts on


def test_a_quoted_newline_is_kept_as_a_newline_in_the_value() -> None:
    table = read('Name,Notes\nAnn,"first line\r\nsecond line\rthird"\n')
    assert table.rows[0].values[1] == "first line\nsecond line\nthird"


def test_values_survive_exactly() -> None:
    tricky = ["Tom & Jerry <b>", 'She said "hi"', "🎉 emoji", "שלום", "山田 太郎", "  padded  ", "a,b;c|d\te"]
    line = ",".join('"' + value.replace('"', '""') + '"' for value in tricky)
    table = read(",".join(f"h{i}" for i in range(len(tricky))) + "\n" + line + "\n")
    assert list(table.rows[0].values) == tricky


def test_a_quote_that_never_closes_is_refused_with_row_and_column() -> None:
    with pytest.raises(ImportFileError) as raised:
        read('Name,Notes\nAnn,"never closed\nBo,fine\nCy,fine\n', name="open.csv")
    assert str(raised.value).startswith("Row 2, column “Notes” of “open.csv” opens a quoted value")


# -- rows and headers -------------------------------------------------------------------------------------------


def test_short_rows_are_padded_and_long_rows_with_empty_extras_trimmed() -> None:
    table = read("a,b,c\n1\n1,2,3,,\n")
    assert values(table) == [("1", "", ""), ("1", "2", "3")]
    assert all(row.problem is None for row in table.rows)


def test_a_long_row_keeps_its_first_values_and_says_what_is_extra() -> None:
    table = read("a,b\n1,2,,x\n")
    assert table.rows[0] == SourceRow(
        2, ("1", "2"), "Row 2 has 4 cells but the header has 2 columns (extra value “x” in column 4)."
    )


def test_blank_rows_are_dropped_and_numbers_stay_those_of_the_file() -> None:
    table = read("a,b\n\n1,2\n,\n  ,  \n3,4\n")
    assert [(row.number, row.values) for row in table.rows] == [(3, ("1", "2")), (6, ("3", "4"))]


def test_a_title_line_and_blank_lines_before_the_header_are_skipped() -> None:
    table = read("Candidates export 2024-03-01\n\nFirst name,Last name,Email\nAnn,Lee,ann@x.org\n")
    assert table.header_row == 3
    assert table.headers == ("First name", "Last name", "Email")
    assert values(table) == [("Ann", "Lee", "ann@x.org")]


def test_without_known_names_the_first_full_row_followed_by_rows_that_fit_is_the_header() -> None:
    table = read("Report\n\n\nalpha,beta,gamma\n1,2,3\n4,5,6\n")
    assert table.header_row == 4
    assert table.headers == ("alpha", "beta", "gamma")


def test_header_names_are_trimmed_blank_ones_named_and_repeats_numbered() -> None:
    table = read(" Email ,,Email,Email,Column 2\n1,2,3,4,5\n")
    assert table.headers == ("Email", "Column 2", "Email (2)", "Email (3)", "Column 2 (2)")


def test_columns_empty_from_top_to_bottom_at_the_edges_are_dropped() -> None:
    table = read("DATE;NAME;\n01-01-2001;Ann;\n")
    assert table.headers == ("DATE", "NAME")
    assert values(table) == [("01-01-2001", "Ann")]


# -- refusals ---------------------------------------------------------------------------------------------------


def test_a_nul_byte_is_refused_naming_row_and_column() -> None:
    with pytest.raises(ImportFileError) as raised:
        read("id,name\n1,Ann\n2,B\x00b\n", name="nul.csv")
    assert str(raised.value) == (
        "Row 3, column “name” of “nul.csv” holds a NUL byte, so the file is not a plain text export."
    )
    assert isinstance(raised.value, ValidationError)


@pytest.mark.parametrize("data", [b"", b"\n\n\r\n", b"  \n\t\n"])
def test_an_empty_file_is_one_sentence(data: bytes) -> None:
    with pytest.raises(ImportFileError, match=r"^“empty.csv” is empty\.$"):
        read_text_table(data, "empty.csv")


def test_a_header_without_rows_is_one_sentence() -> None:
    with pytest.raises(ImportFileError, match=r"^“only.csv” has a header row but no candidates\.$"):
        read_text_table(b"Name,Email\n\n", "only.csv")


def test_a_cell_over_the_csv_size_limit_names_its_row() -> None:
    with pytest.raises(ImportFileError, match=r"^Row 3 of “huge.csv” holds a cell longer than"):
        read_text_table(b'a,b\n1,2\n3,"' + b"x" * 200_000 + b'"\n', "huge.csv")
