"""Importing an ATS export as a recruiter does: one transaction, duplicates by email, a report of skipped rows."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import inspect

from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.candidates import Stage
from offerdesk.importing.reader import ImportCancelled
from offerdesk.services.candidates.importing import ImportOptions, ImportRefused
from offerdesk.services.setup.bootstrap import Services

GREENHOUSE = (
    "Candidate ID,First Name,Last Name,Email,Phone,Job,Current Stage,Source,Recruiter,Tags,Notes\r\n"
    "101,Ana María,Ramírez,ana@example.com,+34 612 345 678,Backend Engineer,Phone Screen,LinkedIn,Sam Rivera,"
    '"java, remote","Said: ""only remote"" & <b>bold</b> 🚀\nSecond line"\r\n'
    "102,太郎,山田,taro@example.jp,,Backend Engineer,Onsite,Referral,Sam Rivera,go,\r\n"
    "103,Jörg,Müller,joerg@example.de,+49 30 1234567,Sales Lead,Culture Fit,Agency,,,\r\n"
)


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _checksum(services: Services) -> str:
    """Every row of every table, in order: a strict refusal must leave this unchanged."""
    digest = hashlib.sha256()
    with services.database.engine.connect() as connection:
        if connection.dialect.name == "sqlite":  # sqlite_sequence too: a refused row must not use up an id
            listed = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            tables = [str(row[0]) for row in listed]
        else:
            tables = sorted(inspect(connection).get_table_names())
        for table in tables:
            for row in sorted(repr(tuple(row)) for row in connection.exec_driver_sql(f'SELECT * FROM "{table}"')):
                digest.update(row.encode())
    return digest.hexdigest()


def test_a_greenhouse_export_imports_with_every_value_as_written(empty_services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path, "greenhouse.csv", GREENHOUSE)
    result = empty_services.candidate_import.run(path, ImportOptions()).value
    assert (result.created, result.updated, result.skipped, result.invalid) == (3, 0, 0, 0)
    assert result.format == "greenhouse"
    [ana] = empty_services.candidates.search("ramír")
    draft = empty_services.candidate_records.draft(ana.id)
    assert draft.notes == 'Said: "only remote" & <b>bold</b> 🚀\nSecond line'
    assert draft.tags == ("java", "remote")
    assert draft.phones == ("+34612345678",)
    assert draft.stage is Stage.SCREENING and draft.external_id == "101"
    assert ana.role_title == "Backend Engineer"
    [taro] = empty_services.candidates.search("山田")
    assert taro.stage is Stage.FINAL_ROUND
    [joerg] = empty_services.candidates.search("muller")
    assert "ATS stage: Culture Fit" in joerg.tags  # a stage we do not know is kept, not lost
    history = empty_services.candidate_records.history(ana.id)
    assert history[0].actor == "import of greenhouse.csv"


def test_a_strict_import_of_a_file_with_bad_rows_changes_nothing(services: Services, tmp_path: Path) -> None:
    bad = GREENHOUSE + "104,Bad,Email,not-an-email,,,,,,,\r\n"
    path = _write(tmp_path, "bad.csv", bad)
    before, count = _checksum(services), services.candidates.count()
    with pytest.raises(ImportRefused) as refused:
        services.candidate_import.run(path, ImportOptions())
    assert [(p.row, p.column) for p in refused.value.problems] == [(6, "Email")]  # the notes above hold a newline
    assert "row 6" in str(refused.value)
    assert services.candidates.count() == count
    assert _checksum(services) == before


def test_skipping_invalid_rows_writes_them_to_a_report_next_to_the_source(
    empty_services: Services, tmp_path: Path, empty_db_url: str | None
) -> None:
    bad = GREENHOUSE + "104,Bad,Email,not-an-email,,,,,,,\r\n"
    path = _write(tmp_path, "bad.csv", bad)
    result = empty_services.candidate_import.run(path, ImportOptions(skip_invalid=True)).value
    assert (result.created, result.invalid) == (3, 1)
    assert result.report is not None and result.report.parent == tmp_path
    report = result.report.read_text(encoding="utf-8-sig")
    assert "not-an-email" in report and "row 6" in report
    if empty_db_url is None:
        assert result.backup is not None and result.backup.exists()
    else:  # a server is backed up by its administrator: no file is claimed
        assert result.backup is None


def test_a_reimport_of_the_same_file_adds_nothing(empty_services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path, "greenhouse.csv", GREENHOUSE)
    empty_services.candidate_import.run(path, ImportOptions())
    again = empty_services.candidate_import.run(path, ImportOptions()).value
    assert (again.created, again.skipped) == (0, 3)
    assert empty_services.candidates.count() == 3


def test_update_and_merge_of_duplicates(empty_services: Services, tmp_path: Path) -> None:
    empty_services.candidate_import.run(_write(tmp_path, "first.csv", GREENHOUSE), ImportOptions())
    moved = "Email,Name,Location,Tags\nANA@example.com,Ana María Ramírez,Madrid,python\n"
    path = _write(tmp_path, "moved.csv", moved)
    merged = empty_services.candidate_import.run(path, ImportOptions(on_duplicate="merge")).value
    assert merged.updated == 1
    [ana] = empty_services.candidates.search("ana@")
    draft = empty_services.candidate_records.draft(ana.id)
    assert draft.tags == ("java", "remote", "python")  # merge keeps both
    assert draft.location == "Madrid" and draft.stage is Stage.SCREENING
    updated = empty_services.candidate_import.run(path, ImportOptions(on_duplicate="update")).value
    assert updated.updated == 1
    assert empty_services.candidate_records.draft(ana.id).tags == ("python",)  # update replaces what it states
    assert empty_services.candidate_records.draft(ana.id).notes.startswith("Said:")  # and keeps what it does not


def test_duplicates_inside_one_file_are_caught(empty_services: Services, tmp_path: Path) -> None:
    text = "Name,Email,Tags\nAna Ramírez,ana@example.com,a\nAna R.,Ana@Example.com,b\n"
    result = empty_services.candidate_import.run(_write(tmp_path, "twice.csv", text), ImportOptions()).value
    assert (result.created, result.skipped) == (1, 1)
    merged = empty_services.candidate_import.run(
        _write(tmp_path, "twice2.csv", text.replace("ana@", "eva@").replace("Ana@", "Eva@")),
        ImportOptions(on_duplicate="merge"),
    ).value
    assert (merged.created, merged.skipped) == (1, 1)
    [eva] = empty_services.candidates.search("eva@")
    assert eva.tags == ("a", "b")


def test_a_dry_run_lists_problems_and_writes_nothing(empty_services: Services, tmp_path: Path) -> None:
    text = "Name,Email,Consent date\nAna,ana@,2024-13-45\nEva,eva@example.com,1709251200000\n"
    result = empty_services.candidate_import.run(_write(tmp_path, "d.csv", text), ImportOptions(dry_run=True)).value
    assert result.dry_run and (result.created, result.invalid) == (1, 1)
    assert {(p.row, p.column) for p in result.problems} == {(2, "Email"), (2, "Consent date")}
    assert empty_services.candidates.count() == 0


def test_a_mapping_given_once_is_remembered_for_the_same_header_set(empty_services: Services, tmp_path: Path) -> None:
    text = "Teilnehmer,Mail,Wohnort\nAna Ramírez,ana@example.com,Sevilla\n"
    path = _write(tmp_path, "odd.csv", text)
    options = ImportOptions(mapping={"Teilnehmer": "full_name", "Mail": "email", "Wohnort": "location"})
    empty_services.candidate_import.run(path, options)
    second = _write(tmp_path, "odd2.csv", text.replace("ana@", "eva@").replace("Ana", "Eva"))
    plan = empty_services.candidate_import.plan(second, ImportOptions())
    assert plan.mapping_was_saved
    assert [m.value if m else None for m in plan.mapping] == ["full_name", "email", "location"]


def test_a_cancelled_import_changes_nothing(services: Services, tmp_path: Path) -> None:
    rows = "".join(f"Person {i},p{i}@example.com\n" for i in range(3000))
    path = _write(tmp_path, "big.csv", "Name,Email\n" + rows)
    before = _checksum(services)
    writing = {"now": False}

    def progress(done: int, total: int) -> None:
        writing["now"] = done >= total / 2  # the second half of the progress is the writing

    with pytest.raises(ImportCancelled):
        services.candidate_import.run(path, ImportOptions(), progress, should_stop=lambda: writing["now"])
    assert _checksum(services) == before


def test_imported_candidates_are_active_and_searchable(empty_services: Services, tmp_path: Path) -> None:
    empty_services.candidate_import.run(_write(tmp_path, "g.csv", GREENHOUSE, "utf-16"), ImportOptions())
    assert len(empty_services.candidates.ids(CandidateFilter(archive=ArchiveScope.ACTIVE))) == 3
    assert empty_services.candidates.ids(CandidateFilter(tags=("remote",)))


def test_the_import_writes_the_rows_the_preview_read_even_if_the_file_changed_since(
    empty_services: Services, tmp_path: Path
) -> None:
    path = _write(tmp_path, "export.csv", "Name,Email\nAna Ramírez,ana@example.com\n")
    importer = empty_services.candidate_import
    table = importer.read(path)
    preview = importer.plan(path, ImportOptions(), table=table)
    path.write_text("Name,Email\nSomeone Else,else@example.com\n", encoding="utf-8")
    result = importer.run(path, ImportOptions(), table=table).value
    assert result.created == preview.count(preview.rows[0].action) == 1
    assert [row.full_name for row in empty_services.candidates.search("")] == ["Ana Ramírez"]


def test_a_report_that_cannot_go_next_to_the_source_goes_to_the_data_folder(
    empty_services: Services, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the report's folder would be", encoding="utf-8")
    path = _write(tmp_path, "bad.csv", GREENHOUSE + "104,Bad,Email,not-an-email,,,,,,,\r\n")
    options = ImportOptions(skip_invalid=True, report_path=blocker / "report.csv")
    result = empty_services.candidate_import.run(path, options).value
    assert result.created == 3 and result.report is not None
    assert result.report.parent == empty_services.paths.data_dir / "reports"
    assert "not-an-email" in result.report.read_text(encoding="utf-8-sig")
