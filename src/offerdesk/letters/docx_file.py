"""Opening a .docx safely: every kind of wrong file gets one sentence that says what it is and what to do."""

from __future__ import annotations

import hashlib
import re
import threading
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from offerdesk.letters.external_links import fetching_field
from offerdesk.letters.package_limits import (
    MAX_TOTAL_BYTES,
    XML_SUFFIXES,
    TemplateFileError,
    check_directory,
    check_directory_size,
    check_file_size,
    check_xml,
    read_member,
)

__all__ = [
    "DOCUMENT_PART",
    "FOOTER_TYPE",
    "HEADER_TYPE",
    "MAIN_DOCUMENT_TYPE",
    "TemplateFileError",
    "WordPackage",
    "read_package",
]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
DOCUMENT_PART = "word/document.xml"
MAIN_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
FOOTER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"


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
    check_file_size(path, size)
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


_PASSED: dict[bytes, None] = {}  # digests of (name, XML part) that passed, newest last: a template's parts are
_KEEP_PASSED = 2_000  # checked once per run, not once per letter (parsing them all is most of a small letter's cost)
_PASSED_LOCK = threading.Lock()


def _check_part(path: Path, name: str, content: bytes) -> None:
    """Refuse an XML part that declares entities, nests too deep, is not XML or holds a field that fetches from
    outside; a part with the same name and bytes that passed before passes again without being parsed."""
    digest = hashlib.blake2b(content, digest_size=20, person=name.encode("utf-8")[:16]).digest()
    if digest in _PASSED:
        return
    root = check_xml(path, name, content)
    if name.startswith("word/") and (b"instr" in content) and (field := fetching_field(root)):
        raise TemplateFileError(
            f"{path.name} has a field in {name} that makes Word fetch something from outside the letter "
            f"when it is opened ({field}); remove the field in Word (Alt+F9 shows fields) and save again."
        )
    with _PASSED_LOCK:  # letters are made on worker threads too
        _PASSED[digest] = None
        while len(_PASSED) > _KEEP_PASSED:
            del _PASSED[next(iter(_PASSED))]


def read_package(path: Path) -> WordPackage:
    """Read every member of a .docx into memory within the package limits, or raise TemplateFileError with one
    sentence. Every way in (check, add, export, preview, PDF, call-prep sheet) reads templates through here."""
    _sniff(path)
    try:
        check_directory_size(path)
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            check_directory(path, members)
            data: dict[str, bytes] = {}
            budget = MAX_TOTAL_BYTES
            for info in members:
                if not info.is_dir():
                    data[info.filename] = read_member(path, archive, info, budget)
                    budget -= len(data[info.filename])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise TemplateFileError(f"{path} is damaged: its zip structure cannot be read ({error}).") from error
    except zlib.error as error:  # a member whose packed data is garbage
        raise TemplateFileError(
            f"{path} is damaged: the text inside it cannot be read ({error}); open it in Word and save it again."
        ) from error
    if "[Content_Types].xml" not in data or DOCUMENT_PART not in data:
        raise TemplateFileError(f"{path} is a zip file but not a Word document (it has no {DOCUMENT_PART}).")
    for name, content in data.items():
        if name.endswith(XML_SUFFIXES):
            _check_part(path, name, content)
    content_types = _content_types(data["[Content_Types].xml"].decode("utf-8", errors="replace"))
    kind = content_types.get(DOCUMENT_PART, "")
    if kind != MAIN_DOCUMENT_TYPE:
        what = "macro-enabled document" if "macroEnabled" in kind else "Word template (.dotx)"
        if "template" not in kind and "macroEnabled" not in kind:
            what = "document of another kind"
        raise TemplateFileError(f"{path} is a {what}; save it from Word as a plain .docx document.")
    return WordPackage(path=path, members=tuple(members), data=data, content_types=content_types)
