"""Limits a .docx package meets while it is read, so a hostile template is refused before it takes the memory.

Templates come from outside (a colleague, a download, an e-mail) and are hostile until checked. A zip directory
says how large each member is, but it can lie, so every limit is checked twice: against what the directory says,
before anything is unpacked, and against the bytes actually unpacked, read in chunks and stopped past the limit.

The caps sit far above any real letter (the largest of about a hundred real templates is 0.5 MB on disk, unpacks
to 1 MB in 40 members, with a largest XML part of 0.7 MB and a best compression ratio of 32 to 1) and far below
what would trouble the machine: everything read is held in memory, so the totals bound what a template can cost.
"""

from __future__ import annotations

import struct
import unicodedata
import zipfile
from pathlib import Path

from lxml import etree

from offerdesk.errors import OfferDeskError

MAX_FILE_BYTES = 64 * 2**20
"""A letter with a few photographs is a few MB; 64 MiB is a template no one writes by hand."""
MAX_MEMBERS = 1_000
"""Real templates have 10 to 40 members (parts, images, folders); a thousand is a package built to exhaust us."""
MAX_DIRECTORY_BYTES = 2**20
"""The zip directory, which the zip reader turns into objects all at once before any limit below can be checked
(a 50 MB directory of a million entries costs 600 MB): about 1 KB for each of MAX_MEMBERS, real ones use 100 bytes."""
MAX_MEMBER_BYTES = 32 * 2**20
"""One unpacked member (an image, an embedded workbook); the largest real one is 0.7 MB."""
MAX_TOTAL_BYTES = 64 * 2**20
"""Everything unpacked, all of it held in memory while letters are made; real templates unpack to about 1 MB."""
MAX_XML_BYTES = 4 * 2**20
"""One XML part, which is parsed and (for the body, headers and footers) compiled as a template: parsing and
compiling cost many times the part's size, and the largest real part is 0.7 MB."""
MAX_TEMPLATE_BYTES = 2 * 2**20
"""XML of the body, headers and footers together, which docxtpl's clean-up, Jinja and the check each go through
several times (about 2.5 s a megabyte in all); the largest real body is 0.7 MB."""
MAX_TAGS = 2_000
"""Template tags ({{ }}, {% %}, {# #}) in the body, headers and footers together: each costs about a millisecond
and tens of kilobytes to check and compile, and the largest real templates have about 150."""
MAX_RATIO = 200
"""Unpacked size to packed size of one member; Word's XML packs about 5 to 30 to 1, a bomb of zeros 1,000 to 1."""
RATIO_FLOOR = 2**20
"""Members smaller than this may pack as tightly as they like: they cannot cost memory whatever their ratio."""
MAX_XML_DEPTH = 256
"""Nesting of XML elements; libxml2 without its "huge" option stops at this depth, Word nests about 20 deep."""
MAX_NAME_CHARS = 260
"""Length of one member's name; Word's longest are about 50 characters."""
CHUNK_BYTES = 2**20
"""Members are unpacked in chunks of this size, so a member that unpacks past its limit is stopped at the limit."""

# Reads a part without ever expanding an entity, fetching a file or a URL, or building a giant or deep tree.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)

# Characters of a part name besides letters and digits: the unreserved and sub-delimiter characters of the part
# names of Open Packaging Conventions (ECMA-376 part 2), which leave out "/", "\", ":", "?", "#" and spaces.
_NAME_PUNCTUATION = frozenset("-._~!$&'()+,;=@%")
_CONTENT_TYPES = "[Content_Types].xml"  # the names OPC and Word put in square brackets
_TRASH = "[trash]/"  # where old versions of Word put parts they had discarded
XML_SUFFIXES = (".xml", ".rels")


class TemplateFileError(OfferDeskError):
    """The file is not a Word document OfferDesk can use."""


def _megabytes(size: int) -> str:
    """Whole megabytes, or two decimals below ten (so 4.02 MB is not shown as the 4 MB limit it passes)."""
    return f"{size / 2**20:,.0f} MB" if size >= 10 * 2**20 or size % 2**20 == 0 else f"{size / 2**20:.2f} MB"


def check_file_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise TemplateFileError(
            f"{path.name} is {_megabytes(size)}, larger than the {_megabytes(MAX_FILE_BYTES)} any letter template "
            "needs; make its pictures smaller in Word and save it again."
        )


_END = b"PK\x05\x06"  # end of central directory record
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"


def _directory_size(path: Path) -> tuple[int, int]:
    """Entries and bytes of the zip directory, as its end record says (the zip64 one where there is one); (0, 0)
    where there is none to read (the zip reader then refuses the file itself)."""
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(max(size - 22 - 0xFFFF - 20 - 56, 0))
        tail = handle.read()
        end = len(tail) - 22 if tail[-22:-18] == _END else tail.rfind(_END)
        if end < 0 or end + 22 > len(tail):
            return 0, 0
        entries, directory = struct.unpack_from("<HI", tail, end + 10)
        locator = end - 20  # a zip64 file has its locator just before the end record
        if (entries == 0xFFFF or directory == 0xFFFFFFFF) and tail[max(locator, 0) : locator + 4] == _END64_LOCATOR:
            (offset,) = struct.unpack_from("<Q", tail, locator + 8)
            handle.seek(offset)
            record = handle.read(56)
            if record[:4] == _END64 and len(record) == 56:
                entries, directory = struct.unpack_from("<QQ", record, 32)
    return entries, directory


def check_directory_size(path: Path) -> None:
    """Refuse a zip directory too large for any Word document before the zip reader builds it in memory."""
    entries, directory = _directory_size(path)
    if entries > MAX_MEMBERS or directory > MAX_DIRECTORY_BYTES:
        raise TemplateFileError(
            f"{path.name} has a zip directory of {directory / 1024:,.0f} KB listing {entries:,} files, more than "
            f"any Word document needs (at most {MAX_MEMBERS:,} files); it is not a letter template OfferDesk can use."
        )


def name_problem(name: str) -> str:
    """What is wrong with a member's name, as words to follow "its member … ", or "" for a sound name."""
    if not name:
        return "has no name"
    if len(name) > MAX_NAME_CHARS:
        return f"has a name longer than {MAX_NAME_CHARS} characters"
    if any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") for char in name):
        return "has a control character in its name"
    if "\\" in name:
        return "has a backslash in its name, which would make it a folder path on Windows"
    if name.startswith("/"):
        return "has an absolute path as its name"
    if ":" in name:
        return "has a drive letter or a colon in its name"
    segments = name.removesuffix("/").split("/")
    if any(segment in ("..", ".") for segment in segments):
        return "has “..” or “.” in its path, which points outside the document"
    if any(not segment for segment in segments):
        return "has an empty folder in its path"
    rest = name
    if name.startswith("["):
        if name == _CONTENT_TYPES:
            return ""
        if not name.startswith(_TRASH):
            return "has a name in square brackets that no Word document uses"
        rest = name.removeprefix(_TRASH)
    if any(segment.endswith(".") for segment in rest.removesuffix("/").split("/")):
        return "has a name ending in a dot, which Word documents never use"
    if not all(char.isalnum() or char in _NAME_PUNCTUATION for char in rest.replace("/", "")):
        return "has a character in its name that Word documents never use"
    return ""


def _quoted_name(name: str) -> str:
    """The name for a sentence, with control characters shown as escapes so the sentence stays one line."""
    shown = "".join(char if char.isprintable() else repr(char)[1:-1] for char in name[:80])
    return f"“{shown}{'…' if len(name) > 80 else ''}”"


def check_directory(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a package by what its zip directory says, before any member is unpacked."""
    where = path.name
    if len(members) > MAX_MEMBERS:
        raise TemplateFileError(
            f"{where} holds {len(members):,} files inside, more than the {MAX_MEMBERS:,} any Word document needs; "
            "it is not a letter template OfferDesk can use."
        )
    seen: dict[str, str] = {}
    total = 0
    for info in members:
        name = info.filename
        if problem := name_problem(name):
            raise TemplateFileError(
                f"{where} is refused: its member {_quoted_name(name)} {problem}; save the document again in Word."
            )
        key = unicodedata.normalize("NFC", name.removesuffix("/")).casefold()
        if key in seen:
            same = "twice" if seen[key] == name else f"twice (as {_quoted_name(seen[key])}, in other letter case)"
            raise TemplateFileError(
                f"{where} is refused: it holds the member {_quoted_name(name)} {same}, so which one a program "
                "reads is a guess; save the document again in Word."
            )
        seen[key] = name
        if info.is_dir():
            continue
        if info.flag_bits & 1:
            raise TemplateFileError(
                f"{where} is refused: its member {_quoted_name(name)} is encrypted with a zip password, which Word "
                "never does; open the document in Word and save it again."
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise TemplateFileError(
                f"{where} is refused: its member {_quoted_name(name)} is packed in a way Word never uses (method "
                f"{info.compress_type}); open the document in Word and save it again."
            )
        limit = MAX_XML_BYTES if name.endswith(XML_SUFFIXES) else MAX_MEMBER_BYTES
        if info.file_size > limit:
            raise TemplateFileError(_too_big(where, name, info.file_size, limit))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TemplateFileError(
                f"{where} is refused: its member {_quoted_name(name)} unpacks to "
                f"{info.file_size // max(info.compress_size, 1):,} times its packed size (a “zip bomb”); "
                "no Word document packs that tightly."
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise TemplateFileError(
                f"{where} is refused: its contents unpack to more than {_megabytes(MAX_TOTAL_BYTES)}, far more than "
                "any letter template needs; make its pictures smaller in Word and save it again."
            )


def _too_big(where: str, name: str, size: int | None, limit: int) -> str:
    what = "XML part" if name.endswith(XML_SUFFIXES) else "member"
    grown = f"unpacks to {_megabytes(size)}" if size is not None else "unpacks to more"
    return (
        f"{where} is refused: its {what} {_quoted_name(name)} {grown}, over the {_megabytes(limit)} "
        "OfferDesk allows; it is not a letter template OfferDesk can use."
    )


def read_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """The unpacked member, read in chunks and stopped once it passes what its directory entry says, its own
    limit or the `budget` left of the total: a directory can say 1 KB for a member that unpacks to gigabytes."""
    name = info.filename
    limit = min(MAX_XML_BYTES if name.endswith(XML_SUFFIXES) else MAX_MEMBER_BYTES, budget)
    chunks: list[bytes] = []
    size = 0
    lies = TemplateFileError(
        f"{path.name} is damaged: its member {_quoted_name(name)} does not unpack to the size and checksum its zip "
        "directory gives; it is not a letter template OfferDesk can use."
    )
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                size += len(chunk)
                if size > info.file_size:
                    raise lies
                if size > limit:
                    raise TemplateFileError(_too_big(path.name, name, None, limit))
                chunks.append(chunk)
    except zipfile.BadZipFile as error:  # zipfile stops at the size given and finds the checksum wrong
        if "CRC" not in str(error):
            raise
        raise lies from error
    return b"".join(chunks)


def check_xml(path: Path, name: str, data: bytes) -> etree._Element:
    """The part's root; refuses an XML part that declares entities (a DOCTYPE), is nested past MAX_XML_DEPTH or is
    not XML."""
    try:
        root = etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise TemplateFileError(
                f"{path.name} is refused: its part {name} nests its contents more than {MAX_XML_DEPTH} levels deep, "
                "which no Word document does."
            ) from None
        if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
            raise _entities(path, name) from None
        raise TemplateFileError(
            f"{path} is damaged: the text inside it ({name}) cannot be read; open it in Word and save it again."
        ) from None
    if root is None:
        raise TemplateFileError(f"{path} is damaged: its part {name} is empty; open it in Word and save it again.")
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise _entities(path, name)
    return root


def _entities(path: Path, name: str) -> TemplateFileError:
    return TemplateFileError(
        f"{path.name} declares XML entities in {name} (a DOCTYPE), which no Word document needs and OfferDesk "
        "refuses for safety; open it in Word and save it again."
    )
