"""Links from a template to outside the document: named by the check, left out of every letter (hyperlinks stay),
never fetched by LibreOffice while a letter becomes a PDF, and fields that fetch from outside refused.

A local web server records every request it gets; LibreOffice, given a document still linked to it, must send none.
"""

from __future__ import annotations

import http.server
import io
import re
import shutil
import subprocess
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Inches

from offerdesk.errors import OfferDeskError
from offerdesk.letters.check import check_template, format_report
from offerdesk.letters.offline_office import offline_environment, prepare_profile
from offerdesk.letters.pdf import LibreOfficeConverter, find_soffice
from offerdesk.letters.render import PreparedTemplate
from offerdesk.services.setup.bootstrap import Services
from tests.letter_helpers import letter_text, make_linking_template, make_template, png, sample_values

GREETING = "Dear {{ candidate.full_name }},"


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A web server on this machine that records every request it gets: the address and the requests."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


@pytest.fixture
def libreoffice() -> LibreOfficeConverter:
    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (install libreoffice-writer-nogui)")
    return LibreOfficeConverter(soffice)


def _external_targets(letter: Path) -> list[str]:
    with zipfile.ZipFile(letter) as archive:
        rels = [archive.read(name).decode() for name in archive.namelist() if name.endswith(".rels")]
    return re.findall(r'Type="[^"]*/(\w+)"[^>]*TargetMode="External"', "".join(rels))


def test_the_check_names_each_outside_link_by_part_and_target(tmp_path: Path) -> None:
    path = make_linking_template(tmp_path, "http://tracker.example")
    report = check_template(path)
    assert [problem.message for problem in report.problems] == [
        "linking.docx links word/document.xml to an outside picture at “http://tracker.example/pixel.png”; "
        "OfferDesk leaves it out of every letter, so no letter fetches anything when it is opened or converted.",
        "linking.docx links word/settings.xml to an outside template at “http://tracker.example/normal.dotm”; "
        "OfferDesk leaves it out of every letter, so no letter fetches anything when it is opened or converted.",
    ]
    assert report.ok  # left out of the letters, so no reason to refuse the template
    assert "Left out of every letter:" in format_report(report)


def test_a_letter_keeps_hyperlinks_and_nothing_else_from_outside(tmp_path: Path) -> None:
    letter = PreparedTemplate(make_linking_template(tmp_path, "http://tracker.example")).render_to(
        sample_values(), tmp_path / "l.docx"
    )
    assert _external_targets(letter) == ["hyperlink"]
    with zipfile.ZipFile(letter) as archive:
        document, settings = archive.read("word/document.xml"), archive.read("word/settings.xml")
    assert b"rIdX" not in document and b"rIdH" in document and b"attachedTemplate" not in settings
    assert "Dear Aisha Rahman," in letter_text(letter)


def test_libreoffice_fetches_nothing_a_document_links_to(
    tmp_path: Path, listener: tuple[str, list[str]], libreoffice: LibreOfficeConverter
) -> None:
    """The converter itself, given a document that still has its outside links: nothing reaches the network."""
    url, requests = listener
    [made] = libreoffice.convert([make_linking_template(tmp_path, url)], tmp_path / "pdf")
    assert made.read_bytes().startswith(b"%PDF")
    time.sleep(0.5)  # a request LibreOffice had started would have arrived by now
    assert requests == []


def test_an_exported_pdf_letter_fetches_nothing(
    tmp_path: Path, services: Services, listener: tuple[str, list[str]], libreoffice: LibreOfficeConverter
) -> None:
    url, requests = listener
    offer_id = services.offers.list()[0].id
    letter, made = services.letters.export(
        offer_id, str(make_linking_template(tmp_path, url)), tmp_path / "letter.docx", pdf=True
    ).value
    assert made is not None and made.read_bytes().startswith(b"%PDF")
    assert _external_targets(letter) == ["hyperlink"]
    time.sleep(0.5)
    assert requests == []


def test_libreoffice_runs_with_a_dead_proxy_and_a_locked_down_profile(tmp_path: Path) -> None:
    env = offline_environment({"HTTP_PROXY": "http://corporate:8080", "no_proxy": "localhost", "PATH": "/bin"})
    assert env["PATH"] == "/bin" and env["no_proxy"] == env["NO_PROXY"] == ""
    assert {env[name] for name in ("http_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")} == {"http://127.0.0.1:9"}
    prepare_profile(tmp_path)
    registry = (tmp_path / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert 'oor:name="BlockUntrustedRefererLinks" oor:op="fuse" oor:type="xs:boolean"><value>true' in registry
    assert 'oor:name="ooInetProxyType" oor:op="fuse" oor:type="xs:int"><value>2' in registry


FIELD = (
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDE</w:instrText>'
    '</w:r><w:r><w:instrText xml:space="preserve">PICTURE "http://tracker.example/p.png" \\d </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)
SIMPLE_FIELD = '<w:p><w:fldSimple w:instr=" DDEAUTO c:\\windows\\system32\\cmd.exe &quot;/k calc&quot;"/></w:p>'
HARMLESS = (
    '<w:p><w:fldSimple w:instr=" MERGEFIELD name "/><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText> HYPERLINK "http://example.com" \\o "a link" </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>site</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)


def _with_body(tmp_path: Path, xml: str) -> Path:
    plain = make_template(tmp_path / "plain.docx", GREETING)
    target = tmp_path / "fields.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + xml.encode())
            out.writestr(info, data)
    return target


@pytest.mark.parametrize(
    "xml, field",
    [(FIELD, 'INCLUDEPICTURE "http://tracker.example/p.png"'), (SIMPLE_FIELD, "DDEAUTO c:\\windows")],
    ids=["includepicture split across runs", "dde"],
)
def test_a_field_that_fetches_from_outside_is_refused(tmp_path: Path, xml: str, field: str) -> None:
    path = _with_body(tmp_path, xml)
    [problem] = check_template(path).problems
    assert problem.message.startswith("fields.docx has a field in word/document.xml that makes Word fetch")
    assert field in problem.message
    with pytest.raises(OfferDeskError, match="makes Word fetch something from outside"):
        PreparedTemplate(path).render_to(sample_values(), tmp_path / "letter.docx")


def test_merge_and_hyperlink_fields_are_fine(tmp_path: Path) -> None:
    assert check_template(_with_body(tmp_path, HARMLESS)).ok


def test_embedded_pictures_still_reach_the_pdf(tmp_path: Path, libreoffice: LibreOfficeConverter) -> None:
    """Blocking links must not block the pictures a letter carries itself (a logo)."""
    if shutil.which("pdfimages") is None:
        pytest.skip("pdfimages (poppler-utils) is not installed, so the PDF's pictures cannot be listed")
    template = make_template(tmp_path / "logo.docx", GREETING)
    document = Document(str(template))
    document.add_picture(io.BytesIO(png()), width=Inches(1))
    document.save(str(template))
    [made] = libreoffice.convert([template], tmp_path / "pdf")
    listing = subprocess.run(["pdfimages", "-list", str(made)], capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) == 3  # two heading lines, one picture
