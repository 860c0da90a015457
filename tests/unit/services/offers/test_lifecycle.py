"""Moving offers through the lifecycle as a recruiter expects: Approved needs an approval on record, Letter sent
needs the letter (or how it was sent), decline/renege/rescind keep their reason, the candidate's stage follows the
offer, and a move made by mistake can be taken back in the session (except a rescind)."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from offerdesk.domain.candidates import Stage
from offerdesk.domain.offers import Approver, LetterSending, OfferStatus
from offerdesk.errors import ValidationError
from offerdesk.services.changes import Kind
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Candidate, CandidateStageEvent, LetterExport
from tests.unit.cli.cli_run import db_url_of


def candidate_named(services: Services, first: str) -> int:
    return services.candidates.search(first)[0].id


def offer_of(services: Services, first: str) -> int:
    offer_id = services.offers.latest_id(candidate_named(services, first))
    assert offer_id is not None, f"{first} has no offer in the demo data"
    return offer_id


def stage_of(services: Services, candidate_id: int) -> Stage:
    with services.database.transaction() as session:
        candidate = session.get(Candidate, candidate_id)
        assert candidate is not None
        return candidate.stage


def set_stage_by_hand(services: Services, candidate_id: int, stage: Stage) -> None:
    records = services.candidate_records
    records.edit(candidate_id, replace(records.draft(candidate_id), stage=stage))


def add_letter(services: Services, offer_id: int, name: str = "offer-letter.docx") -> None:
    version = services.offers.detail(offer_id).row.version
    with services.database.transaction() as session:
        session.add(LetterExport(offer_id=offer_id, version_number=version, docx_path=f"exports/{name}"))


# --- Approved needs an approval ----------------------------------------------------------------------------------


def test_approved_is_refused_without_an_approval_on_record(services: Services) -> None:
    grace = offer_of(services, "Grace")  # a draft, nobody has approved it
    with pytest.raises(ValidationError, match="no approval is recorded"):
        services.offers.set_status(grace, OfferStatus.APPROVED)
    assert services.offers.detail(grace).row.status is OfferStatus.DRAFT


def test_a_recorded_approval_lets_the_offer_become_approved(services: Services) -> None:
    grace = offer_of(services, "Grace")
    services.offer_editing.record_approval(grace, "Daniel Brooks", "Hiring manager", "approved")
    services.offers.set_status(grace, OfferStatus.APPROVED)
    assert services.offers.detail(grace).row.status is OfferStatus.APPROVED


def test_a_rejection_after_the_approval_still_refuses(services: Services) -> None:
    grace = offer_of(services, "Grace")
    editing = services.offer_editing
    editing.record_approval(grace, "Daniel Brooks", "Hiring manager", "approved")
    editing.record_approval(grace, "Ruth Finance", "Finance", "rejected")
    with pytest.raises(ValidationError, match="Ruth Finance rejected it"):
        services.offers.set_status(grace, OfferStatus.APPROVED)


def test_the_move_records_who_approved_it(services: Services) -> None:
    grace = offer_of(services, "Grace")
    moved = services.offers.move(grace, OfferStatus.APPROVED, approver=Approver("Daniel Brooks", "Hiring manager"))
    approvals = services.offer_editing.approvals(grace)
    assert [(a.approver_name, a.approver_role, a.decision) for a in approvals] == [
        ("Daniel Brooks", "Hiring manager", "approved")
    ]
    assert services.offers.detail(grace).history[-1].note == "Approved by Daniel Brooks (Hiring manager)."
    assert moved.value.undo is not None
    moved.value.undo.undo()
    assert services.offers.detail(grace).row.status is OfferStatus.DRAFT
    assert services.offer_editing.approvals(grace) == []  # recorded by the move, taken back with it


def test_an_approver_needs_a_name(services: Services) -> None:
    grace = offer_of(services, "Grace")
    with pytest.raises(ValidationError, match="no approval is recorded"):
        services.offers.move(grace, OfferStatus.APPROVED, approver=Approver("  "))


# --- Letter sent needs the letter --------------------------------------------------------------------------------


def test_letter_sent_is_refused_without_a_letter_or_how_it_was_sent(services: Services) -> None:
    hannah = offer_of(services, "Hannah")  # approved, no letter made
    with pytest.raises(ValidationError, match="no letter made in OfferDesk"):
        services.offers.set_status(hannah, OfferStatus.LETTER_SENT)
    assert services.offers.detail(hannah).row.status is OfferStatus.APPROVED


def test_letter_sent_another_way_says_how(services: Services) -> None:
    hannah = offer_of(services, "Hannah")
    services.offers.move(hannah, OfferStatus.LETTER_SENT, sending=LetterSending(other_way="DocuSign envelope"))
    detail = services.offers.detail(hannah)
    assert detail.row.status is OfferStatus.LETTER_SENT
    assert detail.history[-1].note == "Sent another way: DocuSign envelope"


def test_letter_sent_from_an_offerdesk_letter_names_the_file(services: Services) -> None:
    hannah = offer_of(services, "Hannah")
    add_letter(services, hannah, "Hannah Schulz - offer.docx")
    [letter] = services.offers.letters(hannah)
    assert letter.file_name == "Hannah Schulz - offer.docx"
    services.offers.move(hannah, OfferStatus.LETTER_SENT, sending=LetterSending(export_id=letter.export_id))
    assert services.offers.detail(hannah).history[-1].note == "Sent from OfferDesk letter Hannah Schulz - offer.docx"


def test_without_a_choice_the_latest_letter_of_the_current_version_is_the_one_sent(services: Services) -> None:
    hannah = offer_of(services, "Hannah")
    add_letter(services, hannah, "first.docx")
    add_letter(services, hannah, "second.docx")
    services.offers.set_status(hannah, OfferStatus.LETTER_SENT)
    assert services.offers.detail(hannah).history[-1].note == "Sent from OfferDesk letter second.docx"


def test_a_letter_of_an_earlier_version_is_not_the_letter_sent(services: Services) -> None:
    hannah = offer_of(services, "Hannah")
    with services.database.transaction() as session:
        session.add(LetterExport(offer_id=hannah, version_number=0, docx_path="exports/old.docx"))
    assert services.offers.letters(hannah) == ()
    with pytest.raises(ValidationError, match="no letter made in OfferDesk"):
        services.offers.set_status(hannah, OfferStatus.LETTER_SENT)


# --- reasons -------------------------------------------------------------------------------------------------------


def test_rescinding_needs_a_reason_in_words_and_keeps_it(services: Services) -> None:
    aisha = offer_of(services, "Aisha")
    with pytest.raises(ValidationError, match="reason in words"):
        services.offers.set_status(aisha, OfferStatus.RESCINDED)
    with pytest.raises(ValidationError, match="reason in words"):
        services.offers.set_status(aisha, OfferStatus.RESCINDED, note="   ")
    moved = services.offers.move(aisha, OfferStatus.RESCINDED, note="Headcount frozen by finance")
    detail = services.offers.detail(aisha)
    assert detail.row.status is OfferStatus.RESCINDED
    assert detail.history[-1].note == "Headcount frozen by finance"
    assert moved.value.undo is None  # rescinding is irreversible


def test_a_decline_keeps_its_reason_code(services: Services) -> None:
    aisha = offer_of(services, "Aisha")
    with pytest.raises(ValidationError, match="reason code"):
        services.offers.set_status(aisha, OfferStatus.DECLINED, note="Took another job")
    services.offers.set_status(aisha, OfferStatus.DECLINED, reason_code="COMPETING_OFFER", note="Took Acme")
    event = services.offers.detail(aisha).history[-1]
    assert (event.reason_code, event.note) == ("COMPETING_OFFER", "Took Acme")


# --- the candidate's stage follows the offer ---------------------------------------------------------------------


def test_a_letter_sent_moves_a_final_round_candidate_to_the_offer_stage(services: Services) -> None:
    hannah = offer_of(services, "Hannah")
    hannah_id = candidate_named(services, "Hannah")
    set_stage_by_hand(services, hannah_id, Stage.FINAL_ROUND)
    moved = services.offers.move(hannah, OfferStatus.LETTER_SENT, sending=LetterSending(other_way="By email"))
    assert stage_of(services, hannah_id) is Stage.OFFER
    assert (moved.value.stage_from, moved.value.stage_to) == (Stage.FINAL_ROUND, Stage.OFFER)
    assert "Hannah's stage moved to Offer." in moved.value.sentence
    assert moved.changes.touches(Kind.CANDIDATES, Kind.OFFERS)
    with services.database.transaction() as session:
        event = session.scalars(
            select(CandidateStageEvent)
            .where(CandidateStageEvent.candidate_id == hannah_id)
            .order_by(CandidateStageEvent.id.desc())
        ).first()
        assert event is not None
        assert (event.from_stage, event.to_stage) == (Stage.FINAL_ROUND, Stage.OFFER)
        assert event.actor == services.candidate_records.actor()


def test_signing_makes_the_candidate_hired_and_a_decline_declined(services: Services) -> None:
    aisha, aisha_id = offer_of(services, "Aisha"), candidate_named(services, "Aisha")
    services.offers.set_status(aisha, OfferStatus.SIGNED)
    assert stage_of(services, aisha_id) is Stage.HIRED
    lukas, lukas_id = offer_of(services, "Lukas"), candidate_named(services, "Lukas")
    services.offers.set_status(lukas, OfferStatus.DECLINED, reason_code="COMP_LOW")
    assert stage_of(services, lukas_id) is Stage.DECLINED


def test_a_new_offer_moves_the_candidate_to_the_offer_stage(services: Services) -> None:
    kwame = candidate_named(services, "Kwame")
    assert stage_of(services, kwame) is Stage.FINAL_ROUND
    services.offer_editing.create(kwame)
    assert stage_of(services, kwame) is Stage.OFFER


def test_a_stage_set_by_hand_further_on_is_not_moved_back(services: Services) -> None:
    aisha, aisha_id = offer_of(services, "Aisha"), candidate_named(services, "Aisha")
    set_stage_by_hand(services, aisha_id, Stage.HIRED)  # the recruiter knows more than the offer says
    moved = services.offers.move(aisha, OfferStatus.VERBALLY_ACCEPTED)
    assert stage_of(services, aisha_id) is Stage.HIRED and moved.value.stage_to is None
    assert "stage" not in moved.value.sentence
    services.offers.set_status(aisha, OfferStatus.RENEGED, reason_code="COUNTEROFFER")  # the rule says so
    assert stage_of(services, aisha_id) is Stage.DECLINED


def test_only_the_candidates_latest_offer_moves_their_stage(services: Services) -> None:
    aisha, aisha_id = offer_of(services, "Aisha"), candidate_named(services, "Aisha")
    services.offer_editing.create(aisha_id)  # a fresh offer replaces the one out with her
    services.offers.set_status(aisha, OfferStatus.RESCINDED, note="Replaced by the new offer")
    assert stage_of(services, aisha_id) is Stage.OFFER


def test_an_expired_offer_leaves_the_candidate_declined(services: Services) -> None:
    aisha, aisha_id = offer_of(services, "Aisha"), candidate_named(services, "Aisha")
    expires_on = services.offers.detail(aisha).row.expires_on
    assert expires_on is not None
    services.offer_editing.expire_overdue(expires_on + timedelta(days=1))
    assert services.offers.detail(aisha).row.status is OfferStatus.EXPIRED
    assert stage_of(services, aisha_id) is Stage.DECLINED


# --- undo --------------------------------------------------------------------------------------------------------


def test_a_decline_made_by_mistake_is_undone_with_the_stage(services: Services) -> None:
    aisha, aisha_id = offer_of(services, "Aisha"), candidate_named(services, "Aisha")
    before = services.offers.detail(aisha)
    stages_before = services.candidate_records.history(aisha_id)
    moved = services.offers.move(aisha, OfferStatus.DECLINED, reason_code="COMP_LOW")
    assert stage_of(services, aisha_id) is Stage.DECLINED
    record = moved.value.undo
    assert record is not None and record.label == "Declined for Aisha Rahman"
    undone = record.undo()
    assert undone.changes.touches(Kind.OFFERS, Kind.CANDIDATES)
    assert undone.value == "Aisha Rahman's offer is back to Letter sent; Aisha's stage is back to Offer."
    assert services.offers.detail(aisha) == before  # as if it never happened: the metrics do not count it
    assert stage_of(services, aisha_id) is Stage.OFFER
    assert services.candidate_records.history(aisha_id) == stages_before


def test_undo_is_refused_once_the_offer_has_moved_on(services: Services) -> None:
    lukas = offer_of(services, "Lukas")
    sent = services.offers.move(lukas, OfferStatus.LETTER_SENT, sending=LetterSending(other_way="By email"))
    services.offers.set_status(lukas, OfferStatus.SIGNED)
    assert sent.value.undo is not None
    with pytest.raises(ValidationError, match="has moved on since"):
        sent.value.undo.undo()
    assert services.offers.detail(lukas).row.status is OfferStatus.SIGNED


def test_undo_leaves_a_stage_the_recruiter_changed_since(services: Services) -> None:
    aisha, aisha_id = offer_of(services, "Aisha"), candidate_named(services, "Aisha")
    moved = services.offers.move(aisha, OfferStatus.DECLINED, reason_code="COMP_LOW")
    set_stage_by_hand(services, aisha_id, Stage.INTERVIEWING)  # for another role, say
    assert moved.value.undo is not None
    undone = moved.value.undo.undo()
    assert services.offers.detail(aisha).row.status is OfferStatus.LETTER_SENT
    assert stage_of(services, aisha_id) is Stage.INTERVIEWING
    assert undone.value.endswith("Aisha's stage stays Interviewing, as it was set since.")


# --- the command line --------------------------------------------------------------------------------------------


def _cli(services: Services, offer_id: int, status: str, **extra: object) -> argparse.Namespace:
    values: dict[str, object] = {
        "data_dir": str(services.paths.data_dir), "db_url": db_url_of(services), "no_demo": False, "id": offer_id,
        "status": status, "reason": "", "approver": None, "sent_another_way": None,
    }  # fmt: skip
    values.update(extra)
    return argparse.Namespace(**values)


def test_the_cli_says_which_reason_a_move_needs(services: Services) -> None:
    from offerdesk.cli.offer_commands import offers_set_status

    aisha = offer_of(services, "Aisha")
    with pytest.raises(ValidationError, match=r"needs --reason “why, in words”"):
        offers_set_status(_cli(services, aisha, "rescinded"))
    with pytest.raises(ValidationError, match=r"needs --reason with a decline reason code: one of COMP_LOW"):
        offers_set_status(_cli(services, aisha, "declined", reason="the pay"))
    with pytest.raises(ValidationError, match=r"needs --reason with a decline reason code"):
        offers_set_status(_cli(services, aisha, "declined"))
    assert services.offers.detail(aisha).row.status is OfferStatus.LETTER_SENT


def test_the_cli_rescinds_with_the_reason_and_tells_the_stage(
    services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    from offerdesk.cli.offer_commands import offers_set_status

    aisha = offer_of(services, "Aisha")
    assert offers_set_status(_cli(services, aisha, "rescinded", reason="Role closed")) == 0
    assert "Aisha's stage moved to Withdrawn." in capsys.readouterr().out
    assert services.offers.detail(aisha).history[-1].note == "Role closed"


def test_the_cli_approves_with_the_approver_and_sends_another_way(
    services: Services, capsys: pytest.CaptureFixture[str]
) -> None:
    from offerdesk.cli.offer_commands import offers_set_status

    grace = offer_of(services, "Grace")
    with pytest.raises(ValidationError, match="--approver"):
        offers_set_status(_cli(services, grace, "approved"))
    assert offers_set_status(_cli(services, grace, "approved", approver="Daniel Brooks, Hiring manager")) == 0
    assert services.offer_editing.approvals(grace)[0].approver_role == "Hiring manager"
    with pytest.raises(ValidationError, match="--sent-another-way"):
        offers_set_status(_cli(services, grace, "letter_sent"))
    assert offers_set_status(_cli(services, grace, "letter_sent", sent_another_way="Printed, handed over")) == 0
    assert services.offers.detail(grace).history[-1].note == "Sent another way: Printed, handed over"
    assert "now letter sent" in capsys.readouterr().out.lower()
