"""The retention rule: who it anonymises, why, from when; anything new with a candidate starts the clock again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from offerdesk.domain.calls import CallOutcome
from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.domain.candidates import Stage
from offerdesk.domain.clock import utc_now
from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.errors import ValidationError
from offerdesk.paths import AppPaths
from offerdesk.services.privacy.retention import SETTING, add_months
from offerdesk.services.privacy.service import PrivacyService, privacy_service
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage.tables import Candidate, Offer, OfferStatusEvent, OfferVersion

NOW = utc_now()
LONG_AGO = add_months(NOW, -13)


@pytest.fixture
def quiet(paths: AppPaths) -> Iterator[Services]:
    """No demo data: the preview lists only the candidates a test makes."""
    opened, _report = open_services(paths, seed_demo_data=False)
    opened.settings.set(SETTING, "12")
    yield opened
    opened.close()


@pytest.fixture
def rule(quiet: Services) -> PrivacyService:
    return privacy_service(quiet)


def _old(services: Services, name: str, status: OfferStatus | None, stage: Stage = Stage.OFFER) -> int:
    """A candidate last active 13 months ago, with one offer in `status` (or none)."""
    with services.database.transaction() as session:
        candidate = Candidate(first_name=name, stage=stage, created_at=LONG_AGO, updated_at=LONG_AGO)
        session.add(candidate)
        session.flush()
        if status is not None:
            session.add(
                Offer(candidate_id=candidate.id, offer_type=OfferType.WRITTEN, currency="EUR", status=status,
                      created_at=LONG_AGO, updated_at=LONG_AGO, status_changed_at=LONG_AGO, extended_at=LONG_AGO,
                      decided_at=LONG_AGO, versions=[OfferVersion(number=1, created_at=LONG_AGO)],
                      events=[OfferStatusEvent(at=LONG_AGO, to_status=status)])
            )  # fmt: skip
        return candidate.id


def test_the_preview_names_who_why_and_since_when(quiet: Services, rule: PrivacyService) -> None:
    declined = _old(quiet, "Dora", OfferStatus.DECLINED)
    withdrawn = _old(quiet, "Walt", None, Stage.WITHDRAWN)
    _old(quiet, "Sina", OfferStatus.SIGNED)  # hired: the rule is about processes that ended without a hire
    _old(quiet, "Ivo", None, Stage.INTERVIEWING)  # still in a process
    due = rule.retention_preview(NOW)
    assert [(d.candidate_id, d.name, d.why, d.last_activity) for d in due] == [
        (declined, "Dora", "every offer ended (1 declined)", LONG_AGO),
        (withdrawn, "Walt", "stage withdrawn, no offer", LONG_AGO),
    ]
    assert rule.retention_preview(add_months(NOW, -2)) == []  # 11 months after: not yet


def test_a_call_an_offer_a_follow_up_or_an_edit_starts_the_clock_again(quiet: Services, rule: PrivacyService) -> None:
    called, edited, followed, offered = (_old(quiet, n, OfferStatus.DECLINED) for n in ("Cal", "Ed", "Fay", "Otto"))
    quiet.calls.log(called, CallOutcome.NO)
    draft = quiet.candidate_records.draft(edited)
    quiet.candidate_records.edit(edited, CandidateDraft(**{**draft.__dict__, "notes": "back in touch"}))
    quiet.followups.add(followed, NOW.date(), "check_in", "")
    with quiet.database.transaction() as session:
        session.add(Offer(candidate_id=offered, offer_type=OfferType.VERBAL, currency="EUR",
                          status=OfferStatus.DECLINED, versions=[OfferVersion(number=1)]))  # fmt: skip
    assert rule.retention_preview(NOW) == []
    later = {d.candidate_id for d in rule.retention_preview(add_months(NOW, 13))}
    assert later == {called, edited, followed, offered}


def test_running_the_rule_anonymises_who_it_listed_after_a_backup(quiet: Services, rule: PrivacyService) -> None:
    declined = _old(quiet, "Dora", OfferStatus.DECLINED)
    report = rule.apply_retention(NOW).value
    assert [r.candidate_id for r in report] == [declined]
    assert quiet.candidate_records.draft(declined).full_name == f"Anonymised candidate #{declined}"
    assert [b.label for b in quiet.backups.list()] == ["before-retention"]
    assert rule.retention_preview(NOW) == []  # once anonymised, never listed again


def test_the_setting_is_a_number_of_months(quiet: Services, rule: PrivacyService) -> None:
    with pytest.raises(ValidationError, match=f"{SETTING} is a number of months from 1 to 240"):
        quiet.settings.set(SETTING, "a year")
    quiet.settings.set(SETTING, "")
    with pytest.raises(ValidationError, match="The retention rule is off"):
        rule.retention_preview(NOW)
