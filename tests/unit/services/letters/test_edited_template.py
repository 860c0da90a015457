"""One export after another reuses the template as prepared; a template edited between two exports is prepared
again, so the letter always shows the template as it is on disk now."""

from __future__ import annotations

import os
from pathlib import Path

from offerdesk.letters.text import document_text
from offerdesk.services.setup.bootstrap import Services
from tests.letter_helpers import make_template


def test_a_template_edited_between_two_exports_is_used_as_edited(services: Services, tmp_path: Path) -> None:
    offer = services.offers.list()[0]
    template = make_template(tmp_path / "own.docx", "Dear {{ candidate.full_name }}.")
    first, _ = services.letters.export(offer.id, str(template), out=tmp_path / "one.docx").value
    again, _ = services.letters.export(offer.id, str(template), out=tmp_path / "again.docx").value
    assert document_text(first) == document_text(again)
    assert "Dear " in document_text(first)

    make_template(template, "Hello {{ candidate.full_name }}, welcome.")
    stat = template.stat()
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    edited, _ = services.letters.export(offer.id, str(template), out=tmp_path / "edited.docx").value
    assert "Hello " in document_text(edited) and "welcome." in document_text(edited)
    assert "Dear " not in document_text(edited)
