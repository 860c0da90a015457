"""One change to many candidates: one transaction, a stage event each, and an Undo that respects later edits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from offerdesk.domain.bulk import BulkAction
from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.candidates import Stage
from offerdesk.errors import ValidationError
from offerdesk.services.changes import Kind
from offerdesk.services.setup.bootstrap import Services


def _ids(services: Services, *names: str) -> list[int]:
    return [services.candidates.search(name)[0].id for name in names]


def test_set_stage_of_many_records_a_stage_event_each_and_undo_removes_them(services: Services) -> None:
    records = services.candidate_records
    kwame, jonas, aisha = _ids(services, "Kwame", "Jonas", "Aisha")  # final round, screening, already at offer
    history = {i: records.history(i) for i in (kwame, jonas, aisha)}
    outcome = records.bulk([kwame, jonas, aisha, kwame], BulkAction.set_stage(Stage.OFFER))
    change = outcome.value
    assert outcome.changes.touches(Kind.CANDIDATES)
    assert (change.asked, change.changed) == (3, 2)
    assert change.report() == "2 candidates moved to Offer (1 already was)."
    assert {records.draft(i).stage for i in (kwame, jonas, aisha)} == {Stage.OFFER}
    assert records.history(kwame)[-1].to_stage is Stage.OFFER and len(records.history(aisha)) == len(history[aisha])
    assert records.undo_bulk(change).value == 2
    assert (records.draft(kwame).stage, records.draft(jonas).stage) == (Stage.FINAL_ROUND, Stage.SCREENING)
    assert {i: records.history(i) for i in (kwame, jonas, aisha)} == history


def test_tags_are_added_and_removed_without_regard_to_case_and_found_by_search(services: Services) -> None:
    records = services.candidate_records
    ids = _ids(services, "Kwame", "Jonas")
    records.edit(ids[0], replace(records.draft(ids[0]), tags=("Priority",)))
    added = records.bulk(ids, BulkAction.add_tag(" priority ")).value
    assert added.changed == 1 and records.draft(ids[1]).tags == ("priority",)
    assert set(services.candidates.matching_ids("priority") or ()) >= set(ids)
    removed = records.bulk(ids, BulkAction.remove_tag("PRIORITY")).value
    assert removed.changed == 2 and all(records.draft(i).tags == () for i in ids)
    records.undo_bulk(removed)
    assert [records.draft(i).tags for i in ids] == [("Priority",), ("priority",)]
    with pytest.raises(ValidationError, match="one tag"):
        BulkAction.add_tag("a, b")


def test_archive_many_and_undo(services: Services) -> None:
    records = services.candidate_records
    ids = _ids(services, "Kwame", "Jonas", "Noah")
    change = records.bulk(ids, BulkAction.archive()).value
    assert change.changed == 3 and all(records.is_archived(i) for i in ids)
    archived = services.candidates.ids(CandidateFilter(archive=ArchiveScope.ARCHIVED))
    assert set(ids) <= set(archived)
    records.undo_bulk(change)
    assert not any(records.is_archived(i) for i in ids)


def test_undo_leaves_a_candidate_changed_since_as_it_is(services: Services) -> None:
    records = services.candidate_records
    kwame, jonas = _ids(services, "Kwame", "Jonas")
    change = records.bulk([kwame, jonas], BulkAction.set_stage(Stage.OFFER)).value
    records.edit(jonas, replace(records.draft(jonas), stage=Stage.HIRED))  # someone moved on since
    assert records.undo_bulk(change).value == 1
    assert (records.draft(kwame).stage, records.draft(jonas).stage) == (Stage.FINAL_ROUND, Stage.HIRED)


def test_current_offers_of_many(services: Services) -> None:
    aisha, kwame = _ids(services, "Aisha", "Kwame")
    latest = services.candidate_records.latest_offers([aisha, kwame])
    assert latest == {aisha: services.offers.list(candidate_id=aisha)[0].id}
