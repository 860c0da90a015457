"""Clearing the demo data removes the demo records and nothing the user made or changed."""

from __future__ import annotations

from offerdesk.domain.calls import CallOutcome
from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.services.setup.bootstrap import Services


def test_an_offer_and_a_call_made_for_a_demo_candidate_stay_with_that_candidate(services: Services) -> None:
    jonas = services.candidates.search("Jonas")[0].id
    offer = services.offer_editing.create(jonas).value
    services.calls.log(jonas, CallOutcome.NEED_TIME, notes="Wants to talk to his partner")
    services.demo.clear()
    assert [row.id for row in services.candidates.search("Jonas")] == [jonas]
    assert offer in [row.id for row in services.offers.list(candidate_id=jonas)]
    assert [call.notes for call in services.calls.list(candidate_id=jonas)] == ["Wants to talk to his partner"]


def test_an_edited_demo_candidate_becomes_the_users_own(services: Services) -> None:
    aisha = services.candidates.search("Aisha")[0].id
    draft = services.candidate_records.draft(aisha)
    services.candidate_records.edit(aisha, CandidateDraft(**{**draft.__dict__, "location": "Potsdam"}))
    services.demo.clear()
    assert [row.id for row in services.candidates.search("Aisha")] == [aisha]


def test_clearing_reports_what_it_removed_backs_up_first_and_keeps_your_own(services: Services) -> None:
    mine = services.candidate_records.create(CandidateDraft("Ana", "Ramírez", ("ana@example.com",))).value
    before = services.candidates.count()
    report = services.demo.clear_with_report().value
    assert report.candidates == before - 1
    assert report.offers == 11 and report.roles == 2
    if services.database.is_sqlite:
        assert report.backup is not None and report.backup.exists()
    else:  # a server is backed up by its administrator: no backup file is made, and none is claimed
        assert report.backup is None and "saved first" not in report.sentence()
    assert [row.id for row in services.candidates.search("")] == [mine]


def test_what_the_program_does_by_itself_does_not_make_a_demo_offer_yours(services: Services) -> None:
    from datetime import timedelta

    from offerdesk.domain.clock import today

    expired = services.offer_editing.expire_overdue(today() + timedelta(days=400)).value
    assert expired  # the demo's open offers, long past their expiry
    report = services.demo.clear_with_report().value
    assert report.offers == 11  # every demo offer is still demo, and removed
