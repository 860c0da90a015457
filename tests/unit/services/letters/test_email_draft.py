"""Emailing a letter: the .eml draft a mail client opens to send, with the letter attached exactly as exported."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

import pytest

from offerdesk.cli import main
from offerdesk.errors import OfferDeskError
from offerdesk.letters.pdf import find_converter
from offerdesk.services.setup.bootstrap import Services

OLIVIA_OFFER = 7  # Olivia Carter, Account Executive, $98,000.00 a year (demo data)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _olivia(services: Services) -> int:
    return services.candidates.search("Olivia")[0].id


def _rename(services: Services, first: str, last: str, address: str | None = None) -> None:
    candidate_id = _olivia(services)
    records = services.candidate_records
    draft = records.draft(candidate_id)
    emails = draft.emails if address is None else ((address, *draft.emails[1:]) if address else ())
    records.edit(candidate_id, replace(draft, first_name=first, last_name=last, emails=emails))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the drafts go (the data folder is beside it)."""
    made = tmp_path / "mail"
    made.mkdir()
    return made


def _read(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _attachments(message: EmailMessage) -> dict[str, tuple[str, bytes]]:
    found: dict[str, tuple[str, bytes]] = {}
    for part in message.iter_attachments():
        assert isinstance(part, EmailMessage)
        payload = part.get_content()
        assert isinstance(payload, bytes)
        found[str(part.get_filename())] = (part.get_content_type(), payload)
    return found


def test_the_draft_is_addressed_to_the_candidate_with_the_exported_letter_attached(
    services: Services, tmp_path: Path
) -> None:
    _rename(services, "José", "Müller-Łukasz", "jose@example.com")
    services.settings.set("email.subject", "Ihr Angebot — {{ role.title }} für {{ candidate.full_name }}")
    out = tmp_path / "draft.eml"
    draft = services.email_drafts.write(OLIVIA_OFFER, out).value
    message = _read(out)
    assert message["X-Unsent"] == "1"
    [to] = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("José Müller-Łukasz", "jose@example.com")
    assert message["Subject"] == "Ihr Angebot — Account Executive, Mid-Market für José Müller-Łukasz"
    assert message["From"].addresses[0].addr_spec == "sam.rivera@brightpath.example"
    assert draft.to == "jose@example.com"
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "Dear José," in text and "$98,000.00" in text  # the base as the letter says it
    html = message.get_body(("html",))
    assert html is not None and "$98,000.00" in html.get_content()
    attached = _attachments(message)
    assert attached == {"draft.docx": (DOCX, (tmp_path / "draft.docx").read_bytes())}
    [record] = services.letters.history(OLIVIA_OFFER)
    assert (record.docx_path, record.email_path, record.email_to) == (
        str(tmp_path / "draft.docx"), str(out), "jose@example.com"
    )  # fmt: skip


def test_an_unknown_field_in_the_email_template_is_named_and_nothing_is_written(
    services: Services, folder: Path
) -> None:
    services.settings.set("email.body", "Dear {{ candidate.first_name }}, your {{ offer.signon_bonus }} is here.")
    out = folder / "draft.eml"
    with pytest.raises(OfferDeskError, match=r"The email body uses offer\.signon_bonus, which this offer does not"):
        services.email_drafts.write(OLIVIA_OFFER, out)
    assert list(folder.iterdir()) == []
    assert services.letters.history(OLIVIA_OFFER) == []


def test_a_broken_tag_in_the_subject_is_a_sentence(services: Services, folder: Path) -> None:
    services.settings.set("email.subject", "Your offer {% if %}")
    with pytest.raises(OfferDeskError, match="The email subject has a broken tag"):
        services.email_drafts.write(OLIVIA_OFFER, folder / "draft.eml")
    assert list(folder.iterdir()) == []


def test_a_candidate_without_an_email_address_gets_no_draft(services: Services, folder: Path) -> None:
    _rename(services, "Olivia", "Carter", "")
    with pytest.raises(OfferDeskError, match="Olivia Carter has no email address"):
        services.email_drafts.write(OLIVIA_OFFER, folder / "draft.eml")
    assert list(folder.iterdir()) == []


def test_a_value_with_markup_characters_reads_the_same_in_text_and_html(services: Services, folder: Path) -> None:
    services.settings.set("company.name", "Smith & <Sons>")
    out = folder / "draft.eml"
    services.email_drafts.write(OLIVIA_OFFER, out)
    message = _read(out)
    assert message["Subject"].startswith("Your offer from Smith & <Sons> — ")
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text is not None and html is not None
    assert "at Smith & <Sons>," in text.get_content()
    assert "at Smith &amp; &lt;Sons&gt;," in html.get_content()


def test_the_cli_writes_the_draft_and_says_to_whom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "cli-data")
    out = tmp_path / "olivia.eml"
    assert main(["--data-dir", data, "letters", "email", "--offer", str(OLIVIA_OFFER), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert str(out) in said and "olivia.carter@" in said
    assert _read(out)["X-Unsent"] == "1"
    assert main(["--data-dir", data, "letters", "email", "--offer", str(OLIVIA_OFFER), "--out", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["--data-dir", data, "letters", "history", "--offer", str(OLIVIA_OFFER)]) == 0
    assert str(out) in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.skipif(find_converter() is None, reason="no PDF converter installed")
def test_the_attached_letter_opens_in_an_office_suite_and_the_pdf_is_attached_too(
    services: Services, tmp_path: Path
) -> None:
    from offerdesk.letters.pdf import convert_to_pdf

    out = tmp_path / "draft.eml"
    services.email_drafts.write(OLIVIA_OFFER, out, pdf=True)
    attached = _attachments(_read(out))
    assert attached["draft.pdf"] == ("application/pdf", (tmp_path / "draft.pdf").read_bytes())
    saved = tmp_path / "saved" / "letter.docx"
    saved.parent.mkdir()
    saved.write_bytes(attached["draft.docx"][1])
    [pdf] = convert_to_pdf([saved], saved.parent)
    assert pdf.read_bytes().startswith(b"%PDF")
