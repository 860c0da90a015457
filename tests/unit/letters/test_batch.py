"""Many letters at once: worker processes, per-offer failures reported, cancel stops the rest."""

from __future__ import annotations

from pathlib import Path

from offerdesk.domain.offers import OfferStatus
from offerdesk.letters.batch import LetterJob, run_jobs
from offerdesk.letters.text import document_text
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
