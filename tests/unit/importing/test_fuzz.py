"""Random input: any bytes end as a table or as one sentence, and any table csv.writer can write comes back
cell for cell, whatever the delimiter, quoting, line ending and encoding."""

from __future__ import annotations

import codecs
import csv
import io

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from offerdesk.importing.headers import is_known_header
from offerdesk.importing.reader import ImportFileError, read_text_table

NAME = "fuzz.csv"
CANDIDATE_DELIMITERS = ",;\t|"
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252")
# What a user in Western Europe types: ASCII, accented letters and the typographic signs cp1252 has.
WESTERN = "abcxyzABCXYZ019 .-@&<>'\"äöüßÄÖÜéèêàçñÑøåÆœ€“”‘’–—•…"
# Everything else: other scripts, emoji, right-to-left text, line breaks inside values. Left out by design: NUL,
# which is refused, and "\r", which the reader turns into "\n" like every line break.
WIDE = WESTERN + "\n山田太郎שלוםالعربيةПривет🎉👩🏽‍💻\u00a0\u2028\t"


def sentence_names_the_place(message: str) -> bool:
    return f"“{NAME}”" in message and "\n" not in message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_give_a_table_or_a_sentence(data: bytes) -> None:
    try:
        table = read_text_table(data, NAME)
    except ImportFileError as error:
        assert sentence_names_the_place(str(error)), str(error)
    else:
        assert all(len(row.values) == len(table.headers) for row in table.rows)


@st.composite
def text_like_bytes(draw: st.DrawFn) -> bytes:
    """Bytes nearer to real files: delimiters, quotes and line breaks, in one of the encodings, maybe damaged."""
    text = draw(st.text(alphabet=st.sampled_from(WIDE + ',;|"\r\x00'), max_size=300))
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace")
    cut = draw(st.integers(min_value=0, max_value=len(data)))
    return data[:cut] if draw(st.booleans()) else data


@settings(max_examples=300, deadline=None)
@given(text_like_bytes())
def test_text_like_bytes_give_a_table_or_a_sentence(data: bytes) -> None:
    try:
        read_text_table(data, NAME)
    except ImportFileError as error:
        assert sentence_names_the_place(str(error)), str(error)


@st.composite
def written_tables(draw: st.DrawFn) -> tuple[bytes, str, list[str], list[list[str]]]:
    encoding = draw(st.sampled_from(ENCODINGS))
    delimiter = draw(st.sampled_from(CANDIDATE_DELIMITERS))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    alphabet = WESTERN if encoding == "cp1252" else WIDE
    if quoting == csv.QUOTE_MINIMAL:
        # A cell holding another candidate delimiter, unquoted, could split as consistently on that one: the
        # file is ambiguous, so only the delimiter it was written with (which forces quotes) may appear.
        alphabet = "".join(c for c in alphabet if c not in CANDIDATE_DELIMITERS) + delimiter
    # One-column tables are left out: with no delimiter to find, a blank cell is a blank row, which is dropped.
    width = draw(st.integers(min_value=2, max_value=6))
    # Header names are trimmed, blank ones renamed and repeats numbered by design: only names that stay as
    # written are drawn (no byte-order mark in them either, which the reader removes from headers).
    header_text = st.text(alphabet=alphabet, min_size=1, max_size=12).map(str.strip).filter(bool)
    headers = draw(st.lists(header_text, min_size=width, max_size=width, unique=True))
    cell = st.text(alphabet=alphabet, max_size=15)
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=8))
    # Rows of blank or whitespace-only cells are dropped by design.
    assume(all(any(value.strip() for value in row) for row in rows))
    # A data row made of two or more known column names looks exactly like a header row.
    assume(not any(sum(map(is_known_header, row)) >= 2 for row in rows) or sum(map(is_known_header, headers)) >= 2)
    if encoding in ("utf-16-le", "utf-16-be"):
        # Without a byte-order mark, UTF-16 is recognised by its NUL bytes, which only mostly-Latin text has.
        text = "".join(headers) + "".join(value for row in rows for value in row)
        assume(sum(1 for c in text if ord(c) < 0x100) >= 0.75 * len(text))
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer, delimiter=delimiter, quoting=quoting, lineterminator=draw(st.sampled_from(["\r\n", "\n"]))
    )
    writer.writerow(headers)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if encoding == "cp1252":
        # cp1252 bytes that also form valid UTF-8 (“Äœ” is the UTF-8 of “Ĝ”) read as UTF-8, as every editor does:
        # the bytes alone cannot tell them apart.
        assume(not any(byte >= 0x80 for byte in data) or not _is_utf8(data))
    return data, delimiter, headers, rows


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(written_tables())
def test_a_written_table_reads_back_cell_for_cell(case: tuple[bytes, str, list[str], list[list[str]]]) -> None:
    data, delimiter, headers, rows = case
    table = read_text_table(data, NAME)
    assert table.delimiter == delimiter
    assert list(table.headers) == headers
    assert [list(row.values) for row in table.rows] == rows
    assert all(row.problem is None for row in table.rows)


def test_the_fuzzed_encodings_are_the_ones_python_knows() -> None:
    assert all(codecs.lookup(name) for name in ENCODINGS)
