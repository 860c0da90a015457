"""Many letters at once: worker processes, per-offer failures reported, cancel stops the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.errors import ValidationError
from offerdesk.files import FilesExist
from offerdesk.letters.batch import LetterJob, run_jobs
from offerdesk.letters.text import document_text
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.services.setup.bootstrap import Services
from tests.letter_helpers import make_template, sample_values


def _jobs(tmp_path: Path, count: int) -> list[LetterJob]:
    template = make_template(tmp_path / "t.docx", "Dear {{ candidate.full_name }}, base {{ offer.base }}.")
    return [
        LetterJob(index, template, sample_values(f"Person {index:03d}"), tmp_path / "out" / f"{index:03d}.docx")
        for index in range(count)
    ]


def test_a_pool_of_workers_writes_every_letter(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    results = run_jobs(_jobs(tmp_path, 45), workers=2, progress=lambda done, total: seen.append((done, total)))
    assert sorted(result.key for result in results) == list(range(45))
    assert all(result.error is None for result in results)
    assert "Dear Person 044, base €90,000.00." in document_text(tmp_path / "out" / "044.docx")
    assert seen[-1] == (45, 45)


def test_cancel_stops_the_letters_not_yet_started(tmp_path: Path) -> None:
    results = run_jobs(_jobs(tmp_path, 60), workers=1, cancelled=lambda: len(list((tmp_path / "out").glob("*"))) >= 5)
    assert 5 <= len(results) < 60
    assert all(result.error is None for result in results)


def test_batch_export_records_each_letter_and_reports_failures(services: Services, tmp_path: Path) -> None:
    services.settings.set("company.address", "")  # every template uses it: each offer fails with the reason
    report = services.letters.export_batch(OfferStatus.LETTER_SENT, tmp_path).value
    assert report.written == [] and len(report.failed) == 1
    assert "company.address" in report.failed[0][1]
    services.settings.set("company.address", "Torstraße 140, 10119 Berlin")
    report = services.letters.export_batch(OfferStatus.LETTER_SENT, tmp_path).value
    assert len(report.written) == 1 and report.failed == []
    offer = services.offers.list(status=OfferStatus.LETTER_SENT)[0]
    [record] = services.letters.history(offer.id)
    assert record.docx_path == str(report.written[0]) and record.version == offer.version


def test_a_batch_into_a_folder_with_the_same_letters_names_them_and_writes_nothing(
    services: Services, tmp_path: Path
) -> None:
    [first] = services.letters.export_batch(OfferStatus.LETTER_SENT, tmp_path).value.written
    first.write_bytes(b"the letter the recruiter edited by hand")
    with pytest.raises(FilesExist) as refused:
        services.letters.export_batch(OfferStatus.LETTER_SENT, tmp_path)
    assert first.name in str(refused.value) and str(tmp_path) in str(refused.value)
    assert refused.value.existing == [first]
    assert first.read_bytes() == b"the letter the recruiter edited by hand"
    assert services.letters.existing_letters(OfferStatus.LETTER_SENT, tmp_path) == [first]
    report = services.letters.export_batch(OfferStatus.LETTER_SENT, tmp_path, overwrite=True).value
    assert report.written == [first] and first.read_bytes() != b"the letter the recruiter edited by hand"


def test_a_read_only_letter_is_never_replaced_by_a_batch(services: Services, tmp_path: Path) -> None:
    [first] = services.letters.export_batch(OfferStatus.LETTER_SENT, tmp_path).value.written
    first.chmod(0o444)
    with pytest.raises(ValidationError, match="read-only") as refused:
        services.letters.export_batch(OfferStatus.LETTER_SENT, tmp_path, overwrite=True)
    assert first.name in str(refused.value)


def test_two_offers_whose_letters_would_share_a_name_each_get_their_own_file(
    services: Services, tmp_path: Path
) -> None:
    candidate_id = services.candidates.search("Olivia")[0].id
    editing = OfferEditing(services.database, services.paths)
    editing.create(candidate_id, OfferType.WRITTEN, "USD", "en_US")
    both = [offer.id for offer in services.offers.list(candidate_id=candidate_id)]
    assert len(both) == 2
    report = services.letters.export_batch(OfferStatus.DRAFT, tmp_path, offer_ids=both).value
    assert report.failed == [] and len(set(report.written)) == 2
