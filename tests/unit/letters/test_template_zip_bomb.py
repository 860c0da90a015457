"""A template is a zip from outside too: one packed like a zip bomb, or a pipe named like a .docx, is refused with
one sentence before anything is unpacked or read."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from offerdesk.letters.docx_file import TemplateFileError, read_package


def test_a_template_packed_like_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:p/>" * 2_000_000)
    path = tmp_path / "letter.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(TemplateFileError, match=r"letter.docx is refused: its XML part “word/document.xml” unpacks to"):
        read_package(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_not_a_template(tmp_path: Path) -> None:
    pipe = tmp_path / "letter.docx"
    os.mkfifo(pipe)
    with pytest.raises(TemplateFileError, match="is not a regular file"):
        read_package(pipe)
