"""Two people save the same offer: the later save over an older read is refused, never silently overwrites."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from offerdesk.domain.offer_conflict import OfferConflict, conflict_fields, default_choices, merge_terms
from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.domain.offers import Approver, ComponentKind, OfferStatus
from offerdesk.errors import EditConflict
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Candidate, Offer


@pytest.fixture
def teammate(services: Services) -> Iterator[Services]:
    """A second window on the same database (the same file, or the same server database)."""
    other = Services.over(services.paths, Database(services.database.url))
    yield other
    other.database.dispose()


def draft_id(services: Services) -> int:
    return services.offers.list(status=OfferStatus.DRAFT)[0].id


def with_base(terms: OfferTerms, amount: int) -> OfferTerms:
    components = tuple(
        replace(item, amount_minor=amount) if item.kind is ComponentKind.BASE else item for item in terms.components
    )
    return terms.with_changes(components=components)


def base_of(terms: OfferTerms) -> int | None:
    base = terms.component(ComponentKind.BASE)
    return base.amount_minor if base else None


def test_a_save_over_a_teammates_newer_save_is_refused_with_their_terms(services: Services, teammate: Services) -> None:
    offer_id = draft_id(services)
    opened_1, version_1 = services.offer_editing.current(offer_id)
    opened_2, version_2 = teammate.offer_editing.current(offer_id)
    assert version_1 == version_2
    services.offer_editing.save(offer_id, with_base(opened_1, 12_345_600), expected_version=version_1)

    mine = opened_2.with_changes(start_date=date(2031, 3, 1))
    with pytest.raises(OfferConflict) as raised:
        teammate.offer_editing.save(offer_id, mine, expected_version=version_2)

    conflict = raised.value
    assert "after you opened it" in str(conflict) and "nothing of yours was saved yet" in str(conflict)
    assert base_of(conflict.theirs) == 12_345_600
    assert conflict.their_version > version_2
    stored = services.offer_editing.terms(offer_id)
    assert base_of(stored) == 12_345_600 and stored.start_date == opened_1.start_date  # nothing of mine written


def test_merge_keeps_both_changes_and_nothing_of_the_first_save_is_lost(services: Services, teammate: Services) -> None:
    offer_id = draft_id(services)
    opened, version = teammate.offer_editing.current(offer_id)
    theirs_saved = with_base(services.offer_editing.current(offer_id)[0], 12_345_600).with_changes(title="Staff SRE")
    services.offer_editing.save(offer_id, theirs_saved, expected_version=version)
    mine = opened.with_changes(start_date=date(2031, 3, 1))
    with pytest.raises(OfferConflict) as raised:
        teammate.offer_editing.save(offer_id, mine, expected_version=version)
    conflict = raised.value

    fields = conflict_fields(opened, mine, conflict.theirs, "en_US")
    changed_by = {item.field: item.changed_by for item in fields}
    assert changed_by == {"start_date": "you", "components.base": "teammate", "title": "teammate"}
    merged = merge_terms(mine, conflict.theirs, default_choices(fields))
    teammate.offer_editing.save(offer_id, merged, expected_version=conflict.their_version)

    stored = services.offer_editing.terms(offer_id)
    assert stored.start_date == date(2031, 3, 1)
    assert base_of(stored) == 12_345_600 and stored.title == "Staff SRE"
    assert stored == theirs_saved.with_changes(start_date=date(2031, 3, 1))  # every field of their save kept


def test_a_field_both_changed_defaults_to_theirs(services: Services, teammate: Services) -> None:
    offer_id = draft_id(services)
    opened, version = teammate.offer_editing.current(offer_id)
    services.offer_editing.save(offer_id, with_base(opened, 11_000_000), expected_version=version)
    mine = with_base(opened, 9_000_000)
    with pytest.raises(OfferConflict) as raised:
        teammate.offer_editing.save(offer_id, mine, expected_version=version)
    [field] = conflict_fields(opened, mine, raised.value.theirs, "en_US")
    assert (field.field, field.changed_by, field.default) == ("components.base", "both", "theirs")
    assert "110,000" in field.theirs and "90,000" in field.mine


def test_keep_mine_saves_over_theirs_knowingly(services: Services, teammate: Services) -> None:
    offer_id = draft_id(services)
    opened, version = teammate.offer_editing.current(offer_id)
    services.offer_editing.save(offer_id, with_base(opened, 11_000_000), expected_version=version)
    mine = with_base(opened, 9_000_000)
    with pytest.raises(OfferConflict) as raised:
        teammate.offer_editing.save(offer_id, mine, expected_version=version)
    teammate.offer_editing.save(offer_id, mine, expected_version=raised.value.their_version)
    assert base_of(services.offer_editing.terms(offer_id)) == 9_000_000


def test_every_save_of_terms_bumps_the_offers_row_version(services: Services) -> None:
    offer_id = draft_id(services)
    terms, before = services.offer_editing.current(offer_id)
    result = services.offer_editing.save(offer_id, terms.with_changes(remote_days=2), expected_version=before).value
    _terms, after = services.offer_editing.current(offer_id)
    assert after > before and result.row_version == after
    assert services.offers.detail(offer_id).row_version == after


def test_a_status_move_bumps_the_row_version_too(services: Services) -> None:
    offer_id = draft_id(services)
    _terms, before = services.offer_editing.current(offer_id)
    services.offers.move(offer_id, OfferStatus.APPROVED, approver=Approver("Dana Whitfield", "VP People"))
    assert services.offer_editing.current(offer_id)[1] > before


def test_saving_what_is_saved_already_is_no_conflict(services: Services, teammate: Services) -> None:
    offer_id = draft_id(services)
    opened, version = teammate.offer_editing.current(offer_id)
    services.offer_editing.save(offer_id, opened.with_changes(remote_days=4), expected_version=version)
    result = teammate.offer_editing.save(offer_id, opened.with_changes(remote_days=4), expected_version=version)
    assert result.value.unchanged


def test_a_raw_race_between_two_sessions_becomes_an_edit_conflict(services: Services) -> None:
    """Both read the row, both write: the row version refuses the second write with a sentence, not a traceback."""
    database = services.database
    offer_id = draft_id(services)
    with database.transaction(read_only=True) as first:  # our read
        old = first.get(Offer, offer_id)
        assert old is not None
        first.expunge(old)
    with database.transaction() as second:  # a teammate's save after our read
        newer = second.get(Offer, offer_id)
        assert newer is not None
        newer.recruiter = "Avery"
    with pytest.raises(EditConflict) as raised, database.transaction() as third:
        mine = third.merge(old, load=False)
        mine.recruiter = "Jordan"
    assert "Someone else saved this offer after you opened it" in str(raised.value)
    assert "nothing of yours was saved yet" in str(raised.value)
    with database.transaction(read_only=True) as check:
        assert check.get(Offer, offer_id).recruiter == "Avery"  # type: ignore[union-attr]


def test_the_race_names_the_record_it_is_about(services: Services) -> None:
    database = services.database
    candidate_id = services.candidates.search()[0].id
    with database.transaction() as session:
        old = session.get(Candidate, candidate_id)
        assert old is not None
        session.expunge(old)
    with database.transaction() as session:
        fresh = session.get(Candidate, candidate_id)
        assert fresh is not None
        fresh.notes = "Teammate's note"
    with pytest.raises(EditConflict, match="this candidate's record"), database.transaction() as session:
        session.merge(old, load=False).notes = "My note"
