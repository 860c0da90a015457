"""Opening a .docx safely: every kind of wrong file gets one sentence that says what it is and what to do."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from offerdesk.errors import OfferDeskError
from offerdesk.files import OutsideFileError, check_zip_members

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
DOCUMENT_PART = "word/document.xml"
# Every part of a template is held in memory while a letter is made. A letterhead template with its logo is well
# under 10 MB unpacked; a zip that would unpack past this is refused (a "zip bomb") before anything is unpacked.
MAX_UNPACKED_BYTES = 100_000_000
MAIN_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"


class TemplateFileError(OfferDeskError):
    """The file is not a Word document OfferDesk can use."""


@dataclass(frozen=True)
class WordPackage:
    """The members of a .docx, in their original order, with the parts that carry template text."""

    path: Path
    members: tuple[zipfile.ZipInfo, ...]
    data: dict[str, bytes]
    content_types: dict[str, str]  # part name (without leading /) → content type


def _sniff(path: Path) -> None:
    if not path.exists():
        raise TemplateFileError(f"There is no file at {path}.")
    if path.is_dir():
        raise TemplateFileError(f"{path} is a folder, not a Word document.")
    if not path.is_file():  # a named pipe would block the reading, a device never ends
        raise TemplateFileError(f"{path} is not a regular file (a pipe or a device?), so not a Word document.")
    size = path.stat().st_size
    if size == 0:
        raise TemplateFileError(f"{path} is empty (0 bytes); it is not a Word document.")
    with path.open("rb") as handle:
        head = handle.read(len(OLE_MAGIC))
        if head == OLE_MAGIC:
            handle.seek(0)
            if ENCRYPTED_STREAM in handle.read(min(size, 4_000_000)):
                raise TemplateFileError(
                    f"{path} is protected with a password; save a copy without a password in Word and use that."
                )
            raise TemplateFileError(
                f"{path} is an old Word 97–2003 (.doc) file; open it in Word and save it as a .docx document."
            )
    if not zipfile.is_zipfile(path):
        raise TemplateFileError(f"{path} is not a Word document (.docx).")


_OVERRIDE = re.compile(r'<Override\b[^>]*?PartName="/([^"]+)"[^>]*?ContentType="([^"]+)"')
_OVERRIDE_REVERSED = re.compile(r'<Override\b[^>]*?ContentType="([^"]+)"[^>]*?PartName="/([^"]+)"')


def _content_types(xml: str) -> dict[str, str]:
    types = {name: kind for name, kind in _OVERRIDE.findall(xml)}
    types.update({name: kind for kind, name in _OVERRIDE_REVERSED.findall(xml)})
    return types


# Reads a part without ever expanding an entity, fetching a file or a URL, or building a giant tree.
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def _declares_entities(data: bytes) -> bool:
    """A DOCTYPE (where entities are declared: billion laughs, reading local files); Word never writes one."""
    if b"<!" not in data and not data.startswith(_UTF16_MARKS):
        return False
    try:
        root = etree.fromstring(data, _SAFE_PARSER)
    except etree.XMLSyntaxError:
        return b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper()
    info = root.getroottree().docinfo
    return bool(info.doctype) or info.internalDTD is not None


def _refuse_entity_declarations(path: Path, data: dict[str, bytes]) -> None:
    for name, content in data.items():
        if name.endswith((".xml", ".rels")) and _declares_entities(content):
            raise TemplateFileError(
                f"{path.name} declares XML entities in {name} (a DOCTYPE), which no Word document needs and "
                "OfferDesk refuses for safety; open it in Word and save it again."
            )


def read_package(path: Path) -> WordPackage:
    """Read every member of a .docx into memory, or raise TemplateFileError with one sentence."""
    _sniff(path)
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip_members(archive, str(path), MAX_UNPACKED_BYTES, "save it again from Word as a .docx document")
            members = tuple(archive.infolist())
            data = {info.filename: archive.read(info) for info in members if not info.is_dir()}
    except OutsideFileError as error:
        raise TemplateFileError(str(error)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise TemplateFileError(f"{path} is damaged: its zip structure cannot be read ({error}).") from error
    if "[Content_Types].xml" not in data or DOCUMENT_PART not in data:
        raise TemplateFileError(f"{path} is a zip file but not a Word document (it has no {DOCUMENT_PART}).")
    _refuse_entity_declarations(path, data)
    content_types = _content_types(data["[Content_Types].xml"].decode("utf-8", errors="replace"))
    kind = content_types.get(DOCUMENT_PART, "")
    if kind != MAIN_DOCUMENT_TYPE:
        what = "macro-enabled document" if "macroEnabled" in kind else "Word template (.dotx)"
        if "template" not in kind and "macroEnabled" not in kind:
            what = "document of another kind"
        raise TemplateFileError(f"{path} is a {what}; save it from Word as a plain .docx document.")
    return WordPackage(path=path, members=members, data=data, content_types=content_types)
