"""Creating, editing, archiving and deleting candidates as a recruiter does, on a real SQLite file."""

from __future__ import annotations

import json

import pytest

from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.candidate_record import CandidateDraft, display_phone
from offerdesk.domain.candidates import Stage
from offerdesk.errors import ValidationError
from offerdesk.services.candidates.records import DuplicateCandidateError
from offerdesk.services.setup.bootstrap import Services


def _draft(**values: object) -> CandidateDraft:
    base: dict[str, object] = {"first_name": "Ana María", "last_name": "Ramírez", "emails": ("Ana@Example.COM",)}
    base.update(values)
    return CandidateDraft(**base)  # type: ignore[arg-type]


def test_a_new_candidate_is_stored_as_typed_with_email_and_phone_normalised(empty_services: Services) -> None:
    records = empty_services.candidate_records
    new = records.create(
        _draft(phones=("+49 151 1234 5678",), tags=("Java", "java", "remote"), notes="a & <b>\n“x” 🚀")
    )
    stored = records.draft(new.value)
    assert stored.first_name == "Ana María" and stored.last_name == "Ramírez"
    assert stored.emails == ("Ana@example.com",)  # the domain is case-insensitive, the local part is kept
    assert stored.phones == ("+4915112345678",)
    assert display_phone(stored.phones[0]) == "+49 1511 2345678"
    assert stored.tags == ("Java", "remote")
    assert stored.notes == "a & <b>\n“x” 🚀"
    assert empty_services.candidates.ids() == [new.value]


def test_bad_email_and_phone_are_refused_with_a_sentence_and_nothing_is_written(empty_services: Services) -> None:
    with pytest.raises(ValidationError, match="not an email address"):
        empty_services.candidate_records.create(_draft(emails=("ana@",)))
    with pytest.raises(ValidationError, match="not a phone number"):
        empty_services.candidate_records.create(_draft(phones=("call me",)))
    with pytest.raises(ValidationError, match="needs a name"):
        empty_services.candidate_records.create(CandidateDraft(emails=("x@example.com",)))
    assert empty_services.candidates.count() == 0


def test_a_duplicate_email_names_the_existing_candidate(empty_services: Services) -> None:
    first = empty_services.candidate_records.create(_draft()).value
    with pytest.raises(DuplicateCandidateError) as raised:
        empty_services.candidate_records.create(_draft(first_name="Other", emails=("ana@example.com",)))
    assert raised.value.existing_id == first
    assert "Ana María Ramírez" in str(raised.value)
    # editing the candidate itself keeps its own email
    empty_services.candidate_records.edit(first, _draft(location="Madrid"))
    assert empty_services.candidate_records.draft(first).location == "Madrid"


def test_stage_changes_are_recorded_with_time_and_actor(empty_services: Services) -> None:
    empty_services.settings.set("recruiter.name", "Sam Rivera")
    records = empty_services.candidate_records
    candidate = records.create(_draft()).value
    records.edit(candidate, _draft(stage=Stage.INTERVIEWING))
    records.edit(candidate, _draft(stage=Stage.INTERVIEWING, location="Madrid"))  # no stage change
    history = records.history(candidate)
    assert [(h.from_stage, h.to_stage, h.actor) for h in history] == [
        (None, Stage.SCREENING, "Sam Rivera"),
        (Stage.SCREENING, Stage.INTERVIEWING, "Sam Rivera"),
    ]
    assert all(h.at_iso[:4].isdigit() for h in history)


def test_archive_hides_a_candidate_from_the_list_and_restore_brings_them_back(empty_services: Services) -> None:
    records, listing = empty_services.candidate_records, empty_services.candidates
    candidate = records.create(_draft()).value
    records.archive(candidate)
    assert listing.ids() == []
    assert listing.ids(CandidateFilter(archive=ArchiveScope.ARCHIVED)) == [candidate]
    records.restore(candidate)
    assert listing.ids() == [candidate]


def test_delete_refuses_a_candidate_with_offers_unless_told_and_undo_brings_everything_back(
    services: Services,
) -> None:
    records = services.candidate_records
    lukas = services.candidates.search("Lukas")[0].id
    offers_before = services.offers.count()
    profile_before = services.candidates.detail(lukas).profile
    with pytest.raises(ValidationError, match="has 1 offer"):
        records.delete(lukas)
    assert services.candidates.search("Lukas")[0].id == lukas
    deleted = records.delete(lukas, with_offers=True).value
    assert services.candidates.search("Lukas") == []
    assert services.offers.count() < offers_before
    assert deleted.saved_to is not None and deleted.saved_to.exists()
    saved = json.loads(deleted.saved_to.read_text(encoding="utf-8"))
    assert saved["candidates"][0]["first_name"] == "Lukas"
    records.undo_delete(deleted)
    assert services.candidates.search("Lukas")[0].id == lukas
    assert services.offers.count() == offers_before
    assert services.candidates.detail(lukas).profile == profile_before
    assert services.candidates.search("Lukas", limit=1)[0].offer_status is not None


def test_a_duplicate_email_with_non_ascii_letters_is_caught_whatever_its_case(empty_services: Services) -> None:
    first = empty_services.candidate_records.create(_draft(emails=("jürgen@example.de",))).value
    with pytest.raises(DuplicateCandidateError) as raised:
        empty_services.candidate_records.create(_draft(first_name="J", emails=("JÜRGEN@example.de",)))
    assert raised.value.existing_id == first


@pytest.mark.parametrize(
    ("name", "region"), [("de_DE", "DE"), ("en-GB", "GB"), ("English_United States", None), ("C", None), ("", None)]
)
def test_the_phone_region_comes_from_a_locale_only_where_it_names_a_country(
    monkeypatch: pytest.MonkeyPatch, name: str, region: str | None
) -> None:
    import locale

    from offerdesk.services.candidates.records import system_region

    monkeypatch.setattr(locale, "getlocale", lambda *_args: (name or None, "UTF-8"))
    assert system_region() == region


def test_a_phone_without_country_code_is_read_in_the_region_set(empty_services: Services) -> None:
    empty_services.settings.set("phone.region", "de")
    candidate = empty_services.candidate_records.create(_draft(phones=("030 1234567",))).value
    assert empty_services.candidate_records.draft(candidate).phones == ("+49301234567",)
