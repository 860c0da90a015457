"""Turning the bytes of a text export into text, and saying which encoding that took.

ATS and spreadsheet exports arrive as UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode
text", sometimes without a mark), or a Windows code page. The order of the checks matters: a byte-order mark is
certain, UTF-16 without a mark is valid UTF-8 too (ASCII with NUL bytes), and strict UTF-8 almost never passes by
accident. What is left is a legacy code page, where charset-normalizer judges the candidates; short files carry too
little text for any detector, so cp1252 (what Excel on a Western desk writes) wins unless another code page reads
the bytes as real language clearly better.
"""

from __future__ import annotations

import codecs

from offerdesk.importing.problems import ImportFileError, quoted

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its mark starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Single-byte code pages of Western, Central and Eastern Europe: what spreadsheets on those desks save.
_WESTERN = ["cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "cp1253", "cp1254", "cp1257"]
_SAMPLE = 4096  # bytes looked at to recognise UTF-16 without a mark
_EVIDENCE = 0.3  # the coherence (share of a language's common letters) that counts as real text
_COHERENCE_MARGIN = 0.1  # how much more coherent than cp1252 another code page must read


def decode(data: bytes, file_name: str, encoding: str | None = None) -> tuple[str, str]:
    """The text of `data` and the name of the encoding used (the caller's `encoding` when given)."""
    if encoding is not None:
        return _decode_as(data, file_name, encoding), codecs.lookup(encoding).name
    for mark, name in _BOMS:
        if data.startswith(mark):
            return _decode_as(data, file_name, name), name
    wide = _utf16_without_mark(data)
    if wide is not None:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            pass  # NUL bytes in a pattern, but not UTF-16: the NUL check after decoding will say so
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    name = _legacy_code_page(data)
    try:
        return data.decode(name), codecs.lookup(name).name
    except (LookupError, UnicodeDecodeError):  # a detector's pick that Python cannot apply after all
        return data.decode("latin-1"), "iso8859-1"


def _decode_as(data: bytes, file_name: str, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ImportFileError(f"{quoted(encoding)} is not a text encoding OfferDesk knows.") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ImportFileError(
            f"Line {line} of {quoted(file_name)} is not valid {codecs.lookup(encoding).name} text "
            f"(byte {error.start + 1}); save the file again as UTF-8 and import that."
        ) from None


def _utf16_without_mark(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit in every other position, as ASCII text in UTF-16 has them."""
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _legacy_code_page(data: bytes) -> str:
    """The code page of bytes that are not UTF-8. cp1252 unless charset-normalizer finds another that reads the
    bytes as real language (coherence) clearly better: on short text its scores are noise, not evidence."""
    from charset_normalizer import from_bytes  # loads only for a file that is not UTF-8 (it takes ≈ 70 ms)

    try:
        as_cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        best = from_bytes(data).best()  # bytes cp1252 leaves undefined: a multi-byte or non-Western page
        return best.encoding if best is not None else "latin_1"
    matches = list(from_bytes(data, cp_isolation=_WESTERN))
    cp1252 = max(
        (match.coherence for match in matches if match.encoding == "cp1252" or "cp1252" in match.could_be_from_charset),
        default=0.0,
    )
    for match in sorted(matches, key=lambda match: match.coherence, reverse=True):
        if match.coherence < _EVIDENCE or match.coherence <= cp1252 + _COHERENCE_MARGIN:
            break
        if str(match) != as_cp1252:
            return match.encoding
    return "cp1252"
