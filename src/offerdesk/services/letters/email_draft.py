"""Email a letter from the recruiter's own mailbox: an .eml draft with the letter attached, for the mail client.

The draft carries `X-Unsent: 1`, so Outlook, Apple Mail and Thunderbird open it as a new message to send rather
than as one received. The letter is exported through the letter service first, so the attachment is, byte for
byte, the letter on disk and in the offer's history; that history row then records the draft and its recipient.
`pdf` attaches the PDF as well as the Word letter (the candidate may not have Word; the recruiter's records keep
the editable one).
"""

from __future__ import annotations

import email.policy
from dataclasses import dataclass
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlalchemy import select

from offerdesk.errors import ValidationError
from offerdesk.files import atomic_write
from offerdesk.letters.email_text import EmailTemplate, FilledEmail, fill_email
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.letters.export import LetterPlan, LetterService
from offerdesk.services.setup.settings import SettingsService
from offerdesk.storage.db import Database
from offerdesk.storage.tables import LetterExport

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
PDF_TYPE = ("application", "pdf")


@dataclass(frozen=True)
class EmailDraft:
    path: Path  # the .eml
    to: str  # the candidate's address
    letter: Path  # the attached Word letter
    pdf: Path | None  # the attached PDF, with `pdf`


def _address(name: str, address: str, whose: str) -> Address:
    """An address header value; a name with any script is encoded on writing (RFC 2047)."""
    try:
        return Address(display_name=" ".join(name.split()), addr_spec=address.strip())
    except (HeaderParseError, ValueError, IndexError):
        sentence = f"{whose} email address “{address}” is not an address a mail client can send to."
        raise ValidationError(sentence) from None


def build_message(filled: FilledEmail, to: Address, sender: Address | None, attachments: list[Path]) -> EmailMessage:
    """The draft: plain text with an HTML alternative, then each file attached under its own name."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["X-Unsent"] = "1"
    if sender is not None:
        message["From"] = sender
    message["To"] = to
    message["Subject"] = filled.subject
    message.set_content(filled.text)
    message.add_alternative(filled.html, subtype="html")
    for path in attachments:
        kind = PDF_TYPE if path.suffix.lower() == ".pdf" else DOCX_TYPE
        message.add_attachment(path.read_bytes(), maintype=kind[0], subtype=kind[1], filename=path.name)
    return message


class EmailDraftService:
    def __init__(self, database: Database, letters: LetterService, settings: SettingsService) -> None:
        self._database = database
        self._letters = letters
        self._settings = settings

    def template(self) -> EmailTemplate:
        return EmailTemplate.from_settings(self._settings.all())

    def preview(self, offer_id: int, template: EmailTemplate | None = None) -> FilledEmail:
        """The subject and body this offer's email would have (TemplateRefused names a field it lacks)."""
        return fill_email(template or self.template(), self._letters.values(offer_id))

    def default_target(self, plan: LetterPlan, folder: Path | None = None) -> Path:
        """Beside the letters, named as the letter; a number is added rather than replace an earlier draft."""
        first = self._letters.default_target(plan, folder).with_suffix(".eml")
        target, number = first, 2
        while target.exists() or target.with_suffix(".docx").exists():
            target = first.with_name(f"{first.stem} ({number}).eml")
            number += 1
        return target

    def write(
        self, offer_id: int, out: Path, template: str | None = None, pdf: bool = False, plan: LetterPlan | None = None
    ) -> Outcome[EmailDraft]:
        """Export the letter beside `out` (same name, .docx), write the draft atomically and record it."""
        if plan is None or plan.offer_id != offer_id:
            plan = self._letters.plan(offer_id, template)
        candidate: dict[str, Any] = plan.values["candidate"]
        address = candidate.get("email", "")
        if not address:
            raise ValidationError(
                f"{plan.candidate_name} has no email address: add one on their card, then email the letter."
            )
        to = _address(candidate.get("full_name", ""), address, f"{plan.candidate_name}’s")
        sender = self._sender(plan.values)
        filled = fill_email(self.template(), plan.values)  # before the letter: a broken template writes nothing
        docx, pdf_path = self._letters.export(offer_id, template, out.with_suffix(".docx"), pdf=pdf, plan=plan).value
        attachments = [docx] + ([pdf_path] if pdf_path is not None else [])
        message = build_message(filled, to, sender, attachments)
        with atomic_write(out, before_publish=lambda: self._record(offer_id, docx, out, to.addr_spec)) as stream:
            stream.write(message.as_bytes())
        return Outcome(EmailDraft(out, to.addr_spec, docx, pdf_path), Changes.of(Kind.LETTERS))

    def _sender(self, values: dict[str, Any]) -> Address | None:
        """The recruiter's mailbox (email.from, else recruiter.email); none set: the mail client's own account."""
        settings = self._settings.all()
        address = settings.get("email.from") or settings.get("recruiter.email") or ""
        if not address:
            return None
        return _address(values.get("recruiter", {}).get("name", ""), address, "The sender’s (email.from)")

    def _record(self, offer_id: int, docx: Path, draft: Path, to: str) -> None:
        with self._database.transaction() as session:
            row = session.scalars(
                select(LetterExport)
                .where(LetterExport.offer_id == offer_id, LetterExport.docx_path == str(docx))
                .order_by(LetterExport.id.desc())
                .limit(1)
            ).first()
            if row is not None:
                row.email_path = str(draft)
                row.email_to = to
