"""Anonymising a candidate: what names or describes the person goes, what the dashboard counts stays.

Kept, because the metrics read them and, tied to a record that names no one, they identify no one: the offers'
types, statuses, dates, amounts, recruiters and roles, the status history with its reason codes, the calls' outcome,
ask style and objection codes, the follow-ups' kinds and dates, the candidate's stage and role.
Removed: name (replaced by a placeholder), emails, phones, links, tags, location, source, notes and the ATS id; every
note written about the person (profile, calls, follow-ups, competing offers, status changes, approvals,
contingencies); the previous terms of an internal move; the letter files and signed copies. Any text of the offer's
terms that names the person has their name, email or phone replaced by the placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import update
from sqlalchemy.orm import Session

from offerdesk.services.privacy.gather import Identity, PersonalData
from offerdesk.storage.tables import (
    Approval,
    CallLog,
    Candidate,
    CompetingOffer,
    Contingency,
    FollowUp,
    LetterExport,
    OfferComponent,
    OfferStatusEvent,
    OfferVersion,
    PreCloseProfileRow,
)

PLACEHOLDER = "Anonymised candidate #{id}"
OTHER_COMPANY = "Another company"


def placeholder(candidate_id: int) -> str:
    return PLACEHOLDER.format(id=candidate_id)


def is_anonymised(first_name: str, last_name: str, candidate_id: int) -> bool:
    return first_name == placeholder(candidate_id) and not last_name


def _ids(data: PersonalData, table: str) -> list[int]:
    return [row["id"] for row in data.rows(table)]


def _scrubber(identity: Identity, replacement: str) -> re.Pattern[str] | None:
    """A pattern matching the person's full name, either name alone, their emails and phones, ignoring case."""
    words = [identity.full_name, *identity.emails, *identity.phones, identity.first_name, identity.last_name]
    kept = sorted({w.strip() for w in words if len(w.strip()) > 1}, key=len, reverse=True)
    if not kept:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in kept), re.IGNORECASE)


def scrub(text: str, pattern: re.Pattern[str] | None, replacement: str) -> str:
    return pattern.sub(replacement, text) if pattern is not None and text else text


def anonymise_rows(session: Session, data: PersonalData) -> None:
    """Rewrite the candidate's rows in place (one transaction, the caller's)."""
    candidate_id = data.identity.candidate_id
    name = placeholder(candidate_id)
    candidate = session.get(Candidate, candidate_id)
    assert candidate is not None
    for column in ("last_name", "email", "phone", "location", "source", "external_id", "notes", "extra_emails",
                   "extra_phones", "links", "tags"):  # fmt: skip
        setattr(candidate, column, "")
    candidate.first_name = name  # the ORM hook re-folds the search text from the placeholder alone
    session.execute(
        update(PreCloseProfileRow)
        .where(PreCloseProfileRow.candidate_id == candidate_id)
        .values(motivators="", criteria="", decision_makers="", timeline="", needs="")
    )
    _clear(session, CompetingOffer, _ids(data, "competing_offers"), notes="", company=OTHER_COMPANY)
    _clear(session, CallLog, _ids(data, "call_logs"), notes="")
    _clear(session, FollowUp, _ids(data, "follow_ups"), note="")
    _clear(session, OfferStatusEvent, _ids(data, "offer_status_events"), note="")
    _clear(session, Approval, _ids(data, "approvals"), comment="")
    _clear(session, Contingency, _ids(data, "contingencies"), description="")
    _clear(session, LetterExport, _ids(data, "letter_exports"), docx_path="", pdf_path="")
    _clear(session, OfferVersion, _ids(data, "offer_versions"), prior_terms="", signed_file="")
    pattern = _scrubber(data.identity, name)
    _scrub_rows(session, OfferVersion, data.rows("offer_versions"), pattern, name,
                ("reason_text", "benefits_note", "pto_note", "conversion_terms", "title", "reports_to"))  # fmt: skip
    _scrub_rows(session, OfferComponent, data.rows("offer_components"), pattern, name, ("label", "notes"))


def _clear(session: Session, table: type[object], ids: list[int], **values: str) -> None:
    if ids:
        column = table.id  # type: ignore[attr-defined]
        session.execute(update(table).where(column.in_(ids)).values(**values))


def _scrub_rows(
    session: Session,
    table: type[object],
    rows: Iterable[dict[str, object]],
    pattern: re.Pattern[str] | None,
    name: str,
    columns: tuple[str, ...],
) -> None:
    for row in rows:
        changed = {}
        for column in columns:
            text = row.get(column)
            if isinstance(text, str) and text:
                cleaned = scrub(text, pattern, name)
                if cleaned != text:
                    changed[column] = cleaned
        if changed:
            session.execute(update(table).where(table.id == row["id"]).values(**changed))  # type: ignore[attr-defined]
