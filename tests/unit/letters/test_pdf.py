"""PDF conversion: real LibreOffice where installed (CI installs it), fakes for what LibreOffice cannot show us."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from docx import Document

from offerdesk.letters import pdf
from offerdesk.letters.pdf import (
    ConversionError,
    Converter,
    LibreOfficeConverter,
    NoConverterError,
    convert_to_pdf,
    find_converter,
)

TRICKY = [
    "Salary & bonus: < 10 % > \"agreed\" 'today'",
    "Dear Zoë Müller,",
    "Base salary € 1.234,50 per month",
    "مرحبا",
]


def make_docx(path: Path, *lines: str) -> Path:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed, so the PDF text cannot be checked")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


@pytest.fixture
def libreoffice() -> Converter:
    converter = find_converter()
    if converter is None:
        pytest.skip("no PDF converter is installed (install libreoffice-writer-nogui)")
    if not isinstance(converter, LibreOfficeConverter):
        pytest.skip(f"the converter found is {converter.name}, not LibreOffice")
    return converter


@pytest.fixture
def soffice_calls(monkeypatch: pytest.MonkeyPatch) -> list[list[Path]]:
    """Records the documents of every soffice call while still running the real thing."""
    calls: list[list[Path]] = []
    real_run = LibreOfficeConverter._run

    def spy(
        self: LibreOfficeConverter, chunk: Sequence[Path], out_dir: Path, limit: float, overall: float | None
    ) -> str:
        calls.append(list(chunk))
        return real_run(self, chunk, out_dir, limit, overall)

    monkeypatch.setattr(LibreOfficeConverter, "_run", spy)
    return calls


def test_a_batch_becomes_pdfs_in_one_call_with_every_character_kept(
    libreoffice: Converter, soffice_calls: list[list[Path]], tmp_path: Path
) -> None:
    sources = tmp_path / "letters ë"
    sources.mkdir()
    docs = [
        make_docx(sources / "Zoë Müller – offer.docx", *TRICKY),
        make_docx(sources / "plain.docx", "Second letter & more"),
        make_docx(sources / "third #3.docx", "Third letter", "€ 1.234,50"),
    ]
    out_dir = tmp_path / "out"

    made = libreoffice.convert(docs, out_dir)

    assert made == [out_dir / "Zoë Müller – offer.pdf", out_dir / "plain.pdf", out_dir / "third #3.pdf"]
    assert len(soffice_calls) == 1
    for path in made:
        assert path.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(p.name for p in made)  # no staging folder left
    text = pdf_text(made[0])
    for line in TRICKY:
        assert line in text
    assert "Second letter & more" in pdf_text(made[1])
    assert "€ 1.234,50" in pdf_text(made[2])


def test_convert_to_pdf_finds_the_converter_and_replaces_an_old_pdf(libreoffice: Converter, tmp_path: Path) -> None:
    doc = make_docx(tmp_path / "offer.docx", "New version")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "offer.pdf").write_bytes(b"%PDF old version")

    assert convert_to_pdf([doc], out_dir) == [out_dir / "offer.pdf"]

    assert "New version" in pdf_text(out_dir / "offer.pdf")


def test_large_batches_are_split_and_same_names_never_share_a_call(
    libreoffice: Converter, soffice_calls: list[list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "MAX_DOCUMENTS_PER_CALL", 2)
    docs = [make_docx(tmp_path / f"letter{i}.docx", f"Letter number {i}") for i in range(3)]

    made = libreoffice.convert(docs, tmp_path / "out")

    assert [len(call) for call in soffice_calls] == [2, 1]
    assert [f"Letter number {i}" in pdf_text(path) for i, path in enumerate(made)] == [True] * 3


def test_a_failed_document_is_named_and_leaves_no_new_pdf(libreoffice: Converter, tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx", "Fine")
    bad = tmp_path / "broken.docx"
    bad.write_text("this is plain text, not a Word document", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "good.pdf").write_bytes(b"%PDF the previous good.pdf")

    with pytest.raises(ConversionError, match=r"broken\.docx") as raised:
        libreoffice.convert([good, bad], out_dir)

    assert type(raised.value) is ConversionError
    assert "\n" not in str(raised.value)
    assert sorted(p.name for p in out_dir.iterdir()) == ["good.pdf"]
    assert (out_dir / "good.pdf").read_bytes() == b"%PDF the previous good.pdf"


def test_a_missing_document_is_named_before_anything_runs(tmp_path: Path) -> None:
    present = make_docx(tmp_path / "present.docx", "Here")
    missing = tmp_path / "missing-letter.docx"
    converter = LibreOfficeConverter(tmp_path / "never-started")

    with pytest.raises(ConversionError, match=r"missing-letter\.docx.*does not exist"):
        converter.convert([present, missing], tmp_path / "out")

    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_two_documents_that_would_overwrite_each_other_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = make_docx(tmp_path / "a" / "offer.docx", "A")
    second = make_docx(tmp_path / "b" / "Offer.docx", "B")

    with pytest.raises(ConversionError, match=r"both be saved as Offer\.pdf"):
        LibreOfficeConverter(tmp_path / "never-started").convert([first, second], tmp_path / "out")


def test_an_empty_batch_starts_nothing(tmp_path: Path) -> None:
    assert LibreOfficeConverter(tmp_path / "never-started").convert([], tmp_path / "out") == []


def test_no_converter_explains_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFFERDESK_SOFFICE", "none")
    if sys.platform != "linux":  # Word via docx2pdf may be there; on Linux it never counts
        monkeypatch.setattr(pdf, "_docx2pdf_available", lambda: False)
    doc = make_docx(tmp_path / "offer.docx", "Hello")

    assert find_converter() is None
    with pytest.raises(NoConverterError) as raised:
        convert_to_pdf([doc], tmp_path / "out")

    message = str(raised.value)
    assert "LibreOffice" in message
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    assert isinstance(raised.value, ConversionError)


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script is not a program on Windows")
def test_offerdesk_soffice_names_the_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "my-soffice"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("OFFERDESK_SOFFICE", str(program))

    converter = find_converter()

    assert isinstance(converter, LibreOfficeConverter)
    assert converter.soffice == program

    monkeypatch.setenv("OFFERDESK_SOFFICE", str(tmp_path / "nowhere" / "soffice"))
    with pytest.raises(ConversionError, match="OFFERDESK_SOFFICE"):
        find_converter()


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in soffice is a shell script")
def test_a_hung_converter_is_stopped_with_its_children(tmp_path: Path) -> None:
    """soffice is a launcher that starts soffice.bin: a timeout must stop both and leave nothing behind."""
    child_pid_file = tmp_path / "child.pid"
    hung = tmp_path / "soffice"
    hung.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > '{child_pid_file}'\nwait\n", encoding="utf-8")
    hung.chmod(0o755)
    doc = make_docx(tmp_path / "offer.docx", "Hello")
    out_dir = tmp_path / "out"

    started = time.monotonic()
    with pytest.raises(ConversionError, match=r"longer than 1\.5 seconds.*offer\.docx"):
        LibreOfficeConverter(hung).convert([doc], out_dir, timeout=1.5)

    assert time.monotonic() - started < 15
    assert list(out_dir.iterdir()) == []
    child = int(child_pid_file.read_text().strip())
    deadline = time.monotonic() + 5
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())


def test_chunks_respect_count_length_and_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_DOCUMENTS_PER_CALL", 3)
    paths = [Path(f"/letters/{name}.docx") for name in ("a", "b", "A", "c", "d", "e", "f")]

    assert [[p.stem for p in chunk] for chunk in pdf._chunks(paths)] == [["a", "b"], ["A", "c", "d"], ["e", "f"]]

    monkeypatch.setattr(pdf, "MAX_ARGUMENT_CHARS", 60)
    assert all(sum(len(p.as_uri()) + 1 for p in chunk) <= 60 for chunk in pdf._chunks(paths))
