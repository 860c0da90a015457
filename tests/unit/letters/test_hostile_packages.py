"""Hostile .docx packages: each is refused with one sentence naming the file, within 300 MB, by the check and the
export alike.

A template is a zip file from outside. These are built here the way an attacker would: members that unpack to
hundreds of megabytes from a few hundred kilobytes (streamed, so the tests stay small), a zip directory that lies
about sizes, thousands of members, names that point outside the folder a letter is unpacked into, XML nested
without end. Each is checked in a process of its own, whose peak memory is measured.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import textwrap
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import offerdesk
from offerdesk.errors import OfferDeskError
from offerdesk.letters.check import check_template
from offerdesk.letters.render import PreparedTemplate
from offerdesk.services.setup.bootstrap import Services
from tests.letter_helpers import make_linking_template, make_template, sample_values

ROOT = Path(__file__).parents[3]
SRC = Path(offerdesk.__file__).parents[1]  # the code under test, wherever it was imported from
MB = 2**20
GREETING = "Dear {{ candidate.full_name }},"
PEAK_MB = 300


def _plain(tmp_path: Path) -> Path:
    return make_template(tmp_path / "plain.docx", GREETING)


def _rebuilt(tmp_path: Path, name: str, change: Callable[[zipfile.ZipFile, zipfile.ZipInfo, bytes], None]) -> Path:
    """The plain template copied member by member into `name`; `change` writes each member (or something else)."""
    target = tmp_path / name
    with zipfile.ZipFile(_plain(tmp_path)) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            change(out, info, source.read(info))
    return target


def _copy(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    out.writestr(info, data)


def _stream(
    out: zipfile.ZipFile, name: str, size: int, head: bytes = b"", tail: bytes = b"", fill: bytes = b"\0"
) -> None:
    """Write a member of `size` bytes a megabyte at a time: a few hundred MB of one byte pack to a few hundred KB."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    chunk = fill * MB
    with out.open(info, "w", force_zip64=size >= 2**31) as member:
        member.write(head)
        left = size - len(head) - len(tail)
        while left > 0:
            member.write(chunk[: min(left, MB)])
            left -= MB
        member.write(tail)


def _with_member(tmp_path: Path, name: str, size: int, fill: bytes = b"\0") -> Path:
    def change(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
        _copy(out, info, data)
        if info.filename == "word/document.xml":
            _stream(out, name, size, fill=fill)

    return _rebuilt(tmp_path, "bomb.docx", change)


def _document_of(tmp_path: Path, size: int) -> Path:
    """A body that is `size` bytes of blanks between its tags (blanks are valid XML and pack a thousand to one)."""

    def change(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
        if info.filename == "word/document.xml":
            head, tail = data.split(b"<w:body>", 1)
            _stream(out, info.filename, size, head + b"<w:body>", tail, fill=b" ")
        else:
            _copy(out, info, data)

    return _rebuilt(tmp_path, "bomb.docx", change)


def _patched(path: Path, name: str, field: str, value: int) -> Path:
    """Change one field of a member in its own header and in the zip directory: what a hand-made zip can say."""
    local, central, form = {"flags": (6, 8, "<H"), "method": (8, 10, "<H"), "size": (22, 24, "<I")}[field]
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(name)
    data = bytearray(path.read_bytes())
    struct.pack_into(form, data, info.header_offset + local, value)
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + length] == name.encode():
            struct.pack_into(form, data, entry + central, value)
        entry = data.find(b"PK\x01\x02", entry + 46)
    path.write_bytes(bytes(data))
    return path


def _lying(path: Path, name: str, size: int) -> Path:
    """Make the zip directory (and the member's own header) say `name` unpacks to `size` bytes."""
    return _patched(path, name, "size", size)


def _garbled(tmp_path: Path) -> Path:
    """Intact zip directory, but the packed text of the document is garbage."""
    path = make_template(tmp_path / "garbled.docx", GREETING * 50)
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10 : start + 60] = b"\xff" * 50
    path.write_bytes(bytes(data))
    return path


def _many_members(tmp_path: Path, count: int = 20_000) -> Path:
    def change(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
        _copy(out, info, data)
        if info.filename == "word/document.xml":
            for number in range(count):
                out.writestr(f"word/media/image{number}.png", b"")

    return _rebuilt(tmp_path, "many.docx", change)


def _directory_bomb(tmp_path: Path, count: int = 500_000, said: int = 0xFFFF) -> Path:
    """A zip directory of `count` entries that all point at the one member there is: 47 bytes an entry on disk, a
    few hundred bytes each once a zip reader has turned them into objects. Its end record says `said` entries."""
    path = _plain(tmp_path)
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
    data = path.read_bytes()
    start = struct.unpack_from("<I", data, len(data) - 6)[0]  # where the directory starts, from its end record
    entry = bytearray(data[start : start + 46])
    struct.pack_into("<HHH", entry, 28, 8, 0, 0)  # an 8-character name, no extra field, no comment
    struct.pack_into("<I", entry, 42, first.header_offset)
    directory = b"".join(bytes(entry) + b"w/%06d" % number for number in range(count))
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, said, said, len(directory), start, 0)
    target = tmp_path / "directory.docx"
    target.write_bytes(data[:start] + directory + end)
    return target


def _deep(tmp_path: Path) -> Path:
    def change(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
        if info.filename == "word/document.xml":
            data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p>" * 1000 + b"</w:p>" * 1000)
        _copy(out, info, data)

    return _rebuilt(tmp_path, "deep.docx", change)


def _long_body(tmp_path: Path, paragraphs: int, tag: str = "") -> Path:
    """A body of many different paragraphs (each with its own revision id, as Word writes them)."""
    body = b"".join(
        f'<w:p w:rsidR="{number:08X}"><w:r><w:t>Paragraph {number} of the letter{tag}</w:t></w:r></w:p>'.encode()
        for number in range(paragraphs)
    )

    def change(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
        if info.filename == "word/document.xml":
            data = data.replace(b"<w:body>", b"<w:body>" + body)
        _copy(out, info, data)

    return _rebuilt(tmp_path, "long.docx", change)


def _billion_laughs(tmp_path: Path) -> Path:
    entities = "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    doctype = f'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">{entities}]>'

    def change(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
        if info.filename == "word/document.xml":
            head, rest = data.decode("utf-8").split("?>", 1)
            data = (head + "?>" + doctype + rest.replace("Dear", "&i;")).encode("utf-8")
        _copy(out, info, data)

    return _rebuilt(tmp_path, "laughs.docx", change)


def _huge_file(tmp_path: Path) -> Path:
    """A working .docx behind 65 MB of nothing (zip readers skip what comes before the zip, as in installers)."""
    path = tmp_path / "huge.docx"
    with path.open("wb") as handle:
        handle.seek(65 * MB)  # sparse: the hole uses no disk
        handle.write(_plain(tmp_path).read_bytes())
    return path


def _named(tmp_path: Path, name: str) -> Path:
    def change(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
        _copy(out, info, data)
        if info.filename == "word/document.xml":
            out.writestr(zipfile.ZipInfo(name), b"<evil/>")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name: that is the point
        return _rebuilt(tmp_path, "names.docx", change)


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "media bomb": (lambda tmp: _with_member(tmp, "word/media/image1.png", 400 * MB), r"unpacks to 400 MB, over"),
    "document bomb": (lambda tmp: _document_of(tmp, 300 * MB), r"XML part “word/document\.xml” unpacks to 300 MB"),
    "lying media": (
        lambda tmp: _lying(_with_member(tmp, "word/media/image1.png", 300 * MB), "word/media/image1.png", 1000),
        r"does not unpack to the size and checksum its zip directory gives",
    ),
    "lying document": (
        lambda tmp: _lying(_document_of(tmp, 300 * MB), "word/document.xml", 4000),
        r"does not unpack to the size and checksum its zip directory gives",
    ),
    "ratio": (lambda tmp: _with_member(tmp, "word/media/image1.png", 20 * MB), r"times its packed size"),
    "many members": (_many_members, r"zip directory of [\d,]+ KB listing 20,0\d\d files"),
    "many members, zip64": (lambda tmp: _many_members(tmp, 70_000), r"listing 70,0\d\d files"),
    "lying count": (lambda tmp: _directory_bomb(tmp, 5_000, said=10), r"holds 5,000 files inside"),
    "directory bomb": (_directory_bomb, r"zip directory of 26,\d\d\d KB listing 65,535 files"),
    "long body": (lambda tmp: _long_body(tmp, 40_000), r"has 3\.\d MB of text and layout in its body"),
    "many tags": (lambda tmp: _long_body(tmp, 2_500, " {{ candidate.full_name }}"), r"has 2,50\d template tags"),
    "deep XML": (_deep, r"nests its contents more than 256 levels deep"),
    "billion laughs": (_billion_laughs, r"declares XML entities"),
    "huge file": (_huge_file, r"is 65 MB, larger than the 64 MB"),
    "parent folder": (lambda tmp: _named(tmp, "../../.bashrc"), r"has “\.\.” or “\.” in its path"),
    "zip password": (lambda tmp: _patched(_plain(tmp), "word/document.xml", "flags", 1), r"encrypted with a zip"),
    "packing method": (lambda tmp: _patched(_plain(tmp), "word/document.xml", "method", 14), r"\(method 14\)"),
    "garbled packing": (_garbled, r"is damaged: the text inside it cannot be read"),
}

_MEASURE = """
import json, resource, subprocess, sys, time
CHECK = '''
import json, resource, sys
sys.path[:0] = [{src!r}, {root!r}]
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))  # an old build runs out here, not on the machine
from pathlib import Path
from offerdesk.errors import OfferDeskError
from offerdesk.letters.check import check_template
from offerdesk.letters.render import PreparedTemplate
from tests.letter_helpers import sample_values
path = Path({path!r})
found = [problem.message for problem in check_template(path).problems]
try:
    PreparedTemplate(path).render_to(sample_values(), path.with_name("letter.docx"))
    refused = ""
except OfferDeskError as error:
    refused = str(error)
print(json.dumps([found, refused]))
'''
started = time.perf_counter()
result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
print(json.dumps([peak, seconds, result.stdout, result.stderr[-2000:]]))
"""


def _measured(path: Path) -> tuple[list[str], str, int, float]:
    """The check's findings and the export's refusal, from a process of their own, with its peak memory in MB."""
    script = textwrap.dedent(_MEASURE).format(src=str(SRC), root=str(ROOT), path=str(path))
    outer = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    peak, seconds, stdout, stderr = json.loads(outer.stdout)
    assert stdout, stderr
    found, refused = json.loads(stdout)
    print(f"{path.name}: peak {peak} MB, {seconds:.2f} s")  # the figures, for `pytest -s`
    return found, refused, peak, seconds


@pytest.mark.parametrize("build, pattern", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_package_is_refused_with_one_sentence_within_300_mb(
    tmp_path: Path, build: Callable[[Path], Path], pattern: str
) -> None:
    path = build(tmp_path)
    found, refused, peak, _seconds = _measured(path)
    assert len(found) == 1, found
    for sentence in (found[0], refused):
        assert path.name in sentence and "\n" not in sentence, sentence
        assert re.search(pattern, sentence), sentence
        assert "error in OfferDesk" not in sentence and "unexpected" not in sentence
    assert not path.with_name("letter.docx").exists()
    assert peak < PEAK_MB


BAD_NAMES = {
    "parent folder": ("word/../../evil.xml", r"“\.\.” or “\.” in its path"),
    "absolute": ("/etc/cron.d/evil", r"absolute path"),
    "backslash": ("word\\..\\..\\evil.xml", r"backslash"),
    "drive letter": ("C:/Windows/evil.xml", r"drive letter"),
    "control character": ("word/media/ev\x01il.png", r"control character"),
    "NUL": ("word/document.xml\x00.png", r"twice"),  # zipfile cuts a name at a NUL: a second document.xml
    "duplicate": ("word/document.xml", r"twice, so which one"),
    "other case": ("Word/Document.xml", r"in other letter case"),
    "empty folder": ("word//evil.xml", r"empty folder"),
    "brackets": ("[evil].xml", r"square brackets"),
    "space": ("word/media/my image.png", r"character in its name"),
}


@pytest.mark.parametrize("name, pattern", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_a_member_named_outside_the_document_is_refused_everywhere(
    tmp_path: Path, services: Services, name: str, pattern: str
) -> None:
    path = _named(tmp_path, name)
    [problem] = check_template(path).problems
    assert problem.kind == "file" and path.name in problem.message and re.search(pattern, problem.message)
    assert "\n" not in problem.message
    with pytest.raises(OfferDeskError, match=pattern):
        PreparedTemplate(path).render_to(sample_values(), tmp_path / "letter.docx")
    with pytest.raises(OfferDeskError, match=pattern):
        services.templates.add(path, "Evil")
    assert not (tmp_path / "letter.docx").exists()


def test_the_letter_writer_refuses_a_name_outside_the_document(tmp_path: Path) -> None:
    """Even a package changed after it was read never reaches a letter with a member outside the folder."""
    prepared = PreparedTemplate(_plain(tmp_path))
    evil = zipfile.ZipInfo("../../evil.xml")
    prepared.package.data[evil.filename] = b"<evil/>"
    object.__setattr__(prepared.package, "members", (*prepared.package.members, evil))
    with pytest.raises(OfferDeskError, match=r"^plain\.docx is refused: a member has “\.\.”"):
        prepared.render_to(sample_values(), tmp_path / "letter.docx")
    assert not (tmp_path / "letter.docx").exists()


def test_word_s_own_folders_and_trash_are_kept_and_a_big_real_picture_is_fine(tmp_path: Path) -> None:
    """Limits far above real letters: folder entries, Word's [trash] and an 8 MB photograph all pass."""

    def change(out: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
        _copy(out, info, data)
        if info.filename == "word/document.xml":
            out.writestr(zipfile.ZipInfo("word/media/"), b"")
            out.writestr("[trash]/0000.dat", b"")
            out.writestr("word/media/photo.jpeg", os.urandom(8 * MB))

    path = _rebuilt(tmp_path, "photo.docx", change)
    assert check_template(path).ok
    letter = PreparedTemplate(path).render_to(sample_values(), tmp_path / "letter.docx")
    with zipfile.ZipFile(letter) as archive:
        assert {"[trash]/0000.dat", "word/media/photo.jpeg"} <= set(archive.namelist())


def test_an_outside_picture_is_named_and_left_out_within_300_mb(tmp_path: Path) -> None:
    """Not refused: the check names the outside picture and template, the letter is made without them."""
    path = make_linking_template(tmp_path, "http://tracker.example")
    found, refused, peak, _seconds = _measured(path)
    assert [sentence.split(" at ")[0] for sentence in found] == [
        "linking.docx links word/document.xml to an outside picture",
        "linking.docx links word/settings.xml to an outside template",
    ]
    assert refused == ""
    with zipfile.ZipFile(path.with_name("letter.docx")) as letter:
        rels = "".join(letter.read(name).decode() for name in letter.namelist() if name.endswith(".rels"))
    assert "tracker.example/pixel.png" not in rels and "normal.dotm" not in rels
    assert peak < PEAK_MB
