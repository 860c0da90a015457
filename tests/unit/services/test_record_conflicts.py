"""Every editable record refuses a save over a teammate's newer one, with a sentence naming the record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from offerdesk.domain.offers import OfferType
from offerdesk.errors import EditConflict
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.db import Database


@pytest.fixture
def teammate(services: Services) -> Iterator[Services]:
    other = Services.over(services.paths, Database(services.database.url))
    yield other
    other.database.dispose()


def test_a_candidate_record_saved_since_it_was_opened_is_not_overwritten(
    services: Services, teammate: Services
) -> None:
    candidate_id = services.candidates.search("Grace")[0].id
    version = services.candidate_records.row_version(candidate_id)
    opened = services.candidate_records.draft(candidate_id)
    teammate.candidate_records.edit(candidate_id, replace(opened, notes="Prefers mornings"), expected_version=version)
    with pytest.raises(EditConflict, match=r"Someone else saved Grace .*'s record after you opened it"):
        services.candidate_records.edit(candidate_id, replace(opened, location="Leeds"), expected_version=version)
    stored = services.candidate_records.draft(candidate_id)
    assert stored.notes == "Prefers mornings" and stored.location == opened.location


def test_a_save_that_names_the_current_version_goes_through_and_moves_it(services: Services) -> None:
    candidate_id = services.candidates.search("Grace")[0].id
    version = services.candidate_records.row_version(candidate_id)
    draft = services.candidate_records.draft(candidate_id)
    services.candidate_records.edit(candidate_id, draft, expected_version=version)  # even saving it unchanged
    assert services.candidate_records.row_version(candidate_id) > version


def test_a_pre_close_profile_saved_since_is_not_overwritten(services: Services, teammate: Services) -> None:
    candidate_id = services.candidates.search("Grace")[0].id
    version = services.candidates.profile_version(candidate_id)
    profile = services.candidates.detail(candidate_id).profile
    teammate.candidates.update_profile(candidate_id, replace(profile, needs="Relocation"), expected_version=version)
    with pytest.raises(EditConflict, match="pre-close profile after you opened it"):
        services.candidates.update_profile(candidate_id, replace(profile, needs="Visa"), expected_version=version)
    assert services.candidates.detail(candidate_id).profile.needs == "Relocation"


def test_competing_processes_alone_move_the_profiles_version(services: Services) -> None:
    candidate_id = services.candidates.search("Grace")[0].id
    detail = services.candidates.detail(candidate_id)
    version = services.candidates.profile_version(candidate_id)
    if version == 0:  # no profile yet: the first save creates it
        services.candidates.update_profile(candidate_id, detail.profile, expected_version=0)
        version = services.candidates.profile_version(candidate_id)
    services.candidates.update_profile(candidate_id, detail.profile, [], expected_version=version)
    assert services.candidates.profile_version(candidate_id) > version


def test_library_items_saved_since_are_not_overwritten(services: Services, teammate: Services) -> None:
    objection = services.library.objection("COMP_LOW")
    teammate.library.update_objection("COMP_LOW", expected_version=objection["row_version"], title="Pay (theirs)")
    with pytest.raises(EditConflict, match="the objection COMP_LOW after you opened it"):
        services.library.update_objection("COMP_LOW", expected_version=objection["row_version"], title="Mine")
    assert services.library.objection("COMP_LOW")["title"] == "Pay (theirs)"

    key = services.library.scripts()[0]["key"]
    script = services.library.script(key)
    teammate.library.update_script(key, "Their title", expected_version=script["row_version"])
    with pytest.raises(EditConflict, match="the script"):
        services.library.update_script(key, "My title", expected_version=script["row_version"])
    assert services.library.script(key)["title"] == "Their title"


def test_a_template_renamed_since_it_was_listed_is_not_renamed_again(services: Services, teammate: Services) -> None:
    listed = services.templates.list()[0]
    other_type = next(kind for kind in OfferType if kind is not listed.offer_type)
    teammate.templates.set_default(listed.name, other_type, listed.locale, expected_version=listed.row_version)
    with pytest.raises(EditConflict, match=f"the template “{listed.name}”"):
        services.templates.rename(listed.name, "Mine", expected_version=listed.row_version)
    assert [t.name for t in services.templates.list() if t.id == listed.id] == [listed.name]


def test_a_setting_changed_since_it_was_shown_is_not_overwritten(services: Services, teammate: Services) -> None:
    shown = services.settings.letter_settings()["company.name"]
    teammate.settings.set("company.name", "Theirs Ltd", expected=shown)
    with pytest.raises(EditConflict, match="setting"):
        services.settings.set("company.name", "Mine plc", expected=shown)
    assert services.settings.letter_settings()["company.name"] == "Theirs Ltd"
    services.settings.set("company.name", "Theirs Ltd", expected=shown)  # the same value: nothing is lost
