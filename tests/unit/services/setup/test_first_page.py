"""The list page kept for the next start: used only while nothing was written since it was read."""

from __future__ import annotations

import sqlite3

import pytest

from offerdesk.services.privacy.service import privacy_service
from offerdesk.services.setup.bootstrap import Services
from offerdesk.services.setup.first_page import FirstPage, FirstPageKeeper, kept_first_page, parse_first_page

pytestmark = pytest.mark.sqlite_only
PAGE = FirstPage(
    columns=(("Name", 140), ("Stage", 90)),
    rows=(("Aisha Rahman", "Offer"), ("Ben Okafor", "Final round")),
    selected=0,
    count_text="2 candidates",
    status_text="2 candidates · 1 open offer",
)


def _keep(services: Services, page: FirstPage = PAGE) -> None:
    keeper = FirstPageKeeper(services.database)
    version = keeper.version()
    assert version is not None
    keeper.keep(version, page)


def test_a_kept_page_is_read_back_as_it_was_written(services: Services) -> None:
    _keep(services)
    assert kept_first_page(services.paths.database_file) == PAGE


def test_a_write_after_the_page_was_read_makes_it_unused(services: Services) -> None:
    _keep(services)
    services.candidate_records.archive(services.candidates.search("Aisha")[0].id)
    assert kept_first_page(services.paths.database_file) is None


def test_a_write_by_another_program_makes_it_unused_too(services: Services) -> None:
    _keep(services)
    connection = sqlite3.connect(services.paths.database_file)
    with connection:
        connection.execute("UPDATE candidates SET first_name = 'Renamed' WHERE id = 1")
    connection.close()
    assert kept_first_page(services.paths.database_file) is None


def test_a_page_read_before_a_write_is_never_used(services: Services) -> None:
    """The counter is read first: rows read after a write carry the older number and are not trusted."""
    keeper = FirstPageKeeper(services.database)
    before = keeper.version()
    assert before is not None
    services.candidate_records.archive(services.candidates.search("Aisha")[0].id)
    keeper.keep(before, PAGE)
    assert kept_first_page(services.paths.database_file) is None


def test_erasing_a_candidate_forgets_the_kept_page(services: Services) -> None:
    _keep(services)
    candidate = services.candidates.search("Aisha")[0]
    privacy_service(services).erase(candidate.id)
    connection = sqlite3.connect(services.paths.database_file)
    try:
        assert connection.execute("SELECT count(*) FROM first_page").fetchone()[0] == 0
    finally:
        connection.close()


@pytest.mark.parametrize(
    "text",
    ["", "[]", "{}", '{"format": 99}', '{"format": 1, "columns": [["Name", "wide"]], "rows": []}',
     '{"format": 1, "columns": [], "rows": [], "selected": 5, "count_text": "", "status_text": ""}'],
)  # fmt: skip
def test_a_page_of_another_shape_is_not_used(text: str) -> None:
    assert parse_first_page(text) is None


def test_a_page_is_cut_to_its_columns_and_a_screenful_of_rows() -> None:
    wide = FirstPage((("Name", 100),), tuple((f"Person {i}", "extra") for i in range(500)), None, "", "")
    parsed = parse_first_page(wide.to_json())
    assert parsed is not None and len(parsed.rows) == 120 and parsed.rows[0] == ("Person 0",)
