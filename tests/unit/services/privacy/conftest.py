"""One candidate with something of every kind stored about them, made through the services a recruiter uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect

from offerdesk.domain.calls import CallOutcome
from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType, PayUnit
from offerdesk.services.privacy.service import PrivacyService, privacy_service
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import CompetingOffer, Offer, OfferComponent, OfferVersion, PreCloseProfileRow
from tests.offer_factory import letter_settings

FIRST, LAST = "Zebulon", "Quixfeather"
EMAIL = "zebulon.quixfeather@example.org"
PHONE = "+493098765432"


@dataclass(frozen=True)
class Person:
    candidate_id: int
    offer_id: int
    letter: Path
    signed: Path


def make_person(services: Services, tmp_path: Path) -> Person:
    records = services.candidate_records
    draft = CandidateDraft(first_name=FIRST, last_name=LAST, emails=(EMAIL,), phones=(PHONE,),
                           notes=f"Met {FIRST} at a meetup", location="Leipzig", tags=("python",))  # fmt: skip
    candidate_id = records.create(draft).value
    # An edit rewrites the row: the old copy of the name is left in the file's free space unless wiped.
    records.edit(
        candidate_id, CandidateDraft(**{**draft.__dict__, "notes": f"{FIRST} prefers Leipzig", "location": ""})
    )
    letter_settings(services)
    with services.database.transaction() as session:
        base = OfferComponent(position=0, kind=ComponentKind.BASE, label="Base salary", amount_minor=7_000_000,
                              currency="EUR", unit=PayUnit.YEAR)  # fmt: skip
        version = OfferVersion(number=1, title="Data Engineer", reason_text=f"First offer to {FIRST} {LAST}",
                               components=[base])  # fmt: skip
        offer = Offer(candidate_id=candidate_id, offer_type=OfferType.WRITTEN, locale="de_DE", currency="EUR",
                      status=OfferStatus.APPROVED, recruiter="Sam Rivera", versions=[version])  # fmt: skip
        session.add(offer)
        session.add(PreCloseProfileRow(candidate_id=candidate_id, motivators=f"{FIRST} wants growth", readiness=7))
        session.add(CompetingOffer(candidate_id=candidate_id, company="Rival AG", notes=f"{LAST} has a second offer"))
        session.flush()
        offer_id = offer.id
    letter, _pdf = services.letters.export(offer_id).value
    services.offers.set_status(offer_id, OfferStatus.LETTER_SENT, note=f"Sent to {EMAIL}")
    scan = tmp_path / "signed-scan.pdf"
    scan.write_bytes(f"%PDF-1.4 signed by {FIRST} {LAST}".encode())
    signed = services.offer_editing.attach_signed(offer_id, 1, scan)
    services.calls.log(candidate_id, CallOutcome.NEED_TIME, notes=f"{FIRST} needs a week", offer_id=offer_id,
                       follow_up=date(2027, 1, 10))  # fmt: skip
    return Person(candidate_id, offer_id, letter, signed)


@pytest.fixture
def privacy(services: Services) -> PrivacyService:
    return privacy_service(services)


@pytest.fixture
def person(services: Services, tmp_path: Path) -> Person:
    return make_person(services, tmp_path)


def words_left(services: Services, words: tuple[str, ...] = (FIRST, LAST, EMAIL)) -> dict[str, list[str]]:
    """Which of the person's words each place of the database still holds, ignoring case (the search text is
    folded): on SQLite the file and its write-ahead log byte for byte (a delete only marks their space free); on
    a server every row of every table (its files are the server's, kept by its administrator)."""
    if services.database.is_sqlite:
        live = services.paths.database_file
        places = {p.name: p.read_bytes() if p.exists() else b"" for p in (live, live.with_name(live.name + "-wal"))}
    else:
        with services.database.engine.connect() as connection:
            tables = inspect(connection).get_table_names()
            rows = [str(row[0]) for t in tables for row in connection.exec_driver_sql(f'SELECT r::text FROM "{t}" r')]
        places = {"rows": "\n".join(rows).encode()}
    return {place: [word for word in words if word.lower().encode() in data.lower()] for place, data in places.items()}
